/** Errors the CLI maps to exit codes; anything else is a bug (exit 3). */

/** A problem in a user's input, located in a file. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** The column (field) name, when the problem is in one cell. */
  field?: string;
  message: string;
  /** How many problems this line stands for (a capped repeat: "…and 9,980 more"); default 1. */
  count?: number;
}

export function formatProblem(p: Problem): string {
  const place = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const field = p.field ? `${p.field}: ` : '';
  return `${place}: ${field}${p.message}`;
}

/** Bad usage: an unknown flag, a bad --where, a missing file. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The input files have problems; every one is listed. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** A check ran and failed (stale blocks, contradicted claims under --strict). Exit 1. */
export class CheckFailed extends Error {
  override name = 'CheckFailed';
}

export const EXIT = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;
