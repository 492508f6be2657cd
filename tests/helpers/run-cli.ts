import { run } from '../../src/cli.js';
import type { Io } from '../../src/io/io.js';

export interface Transcript {
  code: number;
  stdout: string;
  stderr: string;
}

export const REPO = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/** Runs the CLI in-process with captured streams, no colour, from the repository root. */
export async function runCli(
  argv: readonly string[],
  options: {
    /** Standard input: text, or bytes (decoded by the loader as a file's are). */
    stdin?: string | Uint8Array;
    env?: Record<string, string>;
    cwd?: string;
    tty?: boolean;
    /** A terminal this wide on stdout and stderr (implies tty). */
    columns?: number;
  } = {},
): Promise<Transcript> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: {
      write: (s: string) => (stdout += s),
      isTTY: options.tty ?? options.columns !== undefined,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
    stderr: {
      write: (s: string) => (stderr += s),
      isTTY: options.columns !== undefined,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
