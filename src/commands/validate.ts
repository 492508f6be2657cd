/** `validate`: every check of the loader, then the coverage report of each review. */
import { reviewCoverage, rowCounts } from '../core/coverage.js';
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

export async function validate(options: CommonOptions, io: Io): Promise<void> {
  const dataset = await loadEnriched(options, io);
  const coverage = reviewCoverage(dataset);
  const { tables: counts, files, rows } = rowCounts(dataset);
  const notes = [
    `ok: ${files} file${files === 1 ? '' : 's'}, ${rows} rows, no problems.`,
    "patients in data: sum of n_randomised over the review's studies in the data that report it (randomised, not analysed).",
  ];
  if (options.verbose) for (const c of counts) notes.push(`  ${c.table}: ${c.rows} rows (${c.files.join(', ')})`);
  await deliver(
    {
      command: 'validate',
      filters: [],
      columns: COLUMNS,
      rows: coverage,
      notes,
      json: { files, rows, tables: counts, coverage },
    },
    options,
    io,
  );
}
