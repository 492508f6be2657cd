/** `validate`: every check of the loader, the coverage report of each review, then provenance. */
import { addCommonOptions, addListOptions } from './options.js';
import type { Command } from 'commander';
import { examples } from './examples.js';
import { CheckFailed } from '../errors.js';
import { reviewCoverage, rowCounts } from '../core/evidence/coverage.js';
import { checkProvenance, EXCEPTION_MARK, type Finding } from '../core/evidence/provenance.js';
import type { Io } from '../io/io.js';
import type { ReportColumn } from '../render/report.js';
import { deliver, loadEnriched } from './context.js';
import type { CommonOptions } from './options.js';

const COLUMNS: ReportColumn[] = [
  { key: 'review_id', kind: 'text' },
  { key: 'studies', header: 'studies in data', kind: 'integer', priority: 1 },
  { key: 'verified', kind: 'integer', priority: 7 },
  { key: 'inferred', kind: 'integer', priority: 8 },
  { key: 'candidate', kind: 'integer', priority: 9 },
  { key: 'studies_reported', header: 'studies reported', kind: 'integer', priority: 2 },
  { key: 'study_share', header: 'studies %', kind: 'percent', priority: 3 },
  { key: 'patients', header: 'patients in data', kind: 'integer', priority: 4 },
  { key: 'participants_reported', header: 'participants reported', kind: 'integer', priority: 5 },
  { key: 'patient_share', header: 'patients %', kind: 'percent', priority: 6 },
];

export type ValidateOptions = CommonOptions & { strict?: boolean };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function findingLine(f: Finding, level: 'warning' | 'error'): string {
  const place = [f.file, f.line, f.column].filter((x) => x !== undefined).join(':');
  return `${place}: ${level}: ${f.field ? `${f.field}: ` : ''}${f.message}`;
}

/** One line per row that is an explained exception: what it lacks, and the reason its note gives. */
function exceptionLines(exceptions: readonly Finding[]): string[] {
  const rows = new Map<string, { id: string | null; what: string[]; reason: string }>();
  for (const e of exceptions) {
    const key = `${e.file}:${e.line ?? ''}`;
    const row = rows.get(key) ?? { id: e.id, what: [], reason: e.reason ?? '' };
    row.what.push(e.message);
    rows.set(key, row);
  }
  return [...rows].map(([key, r]) => `  ${key}${r.id ? ` ${r.id}` : ''}: ${r.what.join('; ')}. Note: ${r.reason}`);
}

export async function validate(options: ValidateOptions, io: Io): Promise<void> {
  const dataset = await loadEnriched(options, io);
  const coverage = reviewCoverage(dataset);
  const { tables: counts, files, rows } = rowCounts(dataset);
  const provenance = checkProvenance(dataset);
  const { findings, exceptions } = provenance;
  const loaded = `${plural(files, 'file')}, ${rows} rows`;
  const notes = [
    findings.length === 0
      ? `ok: ${loaded}, no problems.`
      : options.strict
        ? `loaded: ${loaded}; ${plural(findings.length, 'provenance error')} (--strict), listed at the end.`
        : `ok: ${loaded} load; ${plural(findings.length, 'provenance warning')} (errors with --strict):`,
    ...(options.strict ? [] : findings.map((f) => findingLine(f, 'warning'))),
    ...(exceptions.length === 0
      ? []
      : [
          `${plural(new Set(exceptions.map((e) => `${e.file}:${e.line ?? ''}`)).size, 'row')} without an identifier, explained in the note ("${EXCEPTION_MARK} ..."; not counted as problems):`,
          ...exceptionLines(exceptions),
        ]),
    coverage.length === 0
      ? 'no review in the data read (reviews.csv), so no coverage to report.'
      : "patients in data: sum of n_randomised over the review's studies in the data that report it (randomised, not analysed).",
  ];
  if (options.verbose) for (const c of counts) notes.push(`  ${c.table}: ${c.rows} rows (${c.files.join(', ')})`);
  await deliver(
    {
      command: 'validate',
      filters: [],
      columns: COLUMNS,
      rows: coverage,
      notes,
      json: { files, rows, tables: counts, coverage, provenance },
    },
    options,
    io,
  );
  if (options.strict && findings.length > 0)
    throw new CheckFailed(
      [
        ...findings.map((f) => findingLine(f, 'error')),
        `${plural(findings.length, 'provenance problem')} (--strict).`,
      ].join('\n'),
    );
}

/** Declares `validate`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const validateCommand = program
    .command('validate')
    .description('Check data files (every problem as file:line:column: message), then report what each review covers.')
    .addHelpText(
      'after',
      examples([
        'acu-evidence validate',
        'acu-evidence validate --data data/ my-outcomes.csv',
        'cat my.csv | acu-evidence validate --data -',
        'acu-evidence validate --strict',
      ]),
    );
  validateCommand.option(
    '--strict',
    'exit 1 when a row cites no DOI, PMID or PMCID, or only a mirror (see data/README.md)',
  );
  addListOptions(addCommonOptions(validateCommand, { groupBy: false })).action((options: ValidateOptions) =>
    validate(options, io),
  );
}
