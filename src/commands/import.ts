/** `import`: a RevMan 5 file, a RevMan "Data and analyses" CSV or a Cochrane data package → tables that --data reads. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { importedTables, slug, tableCsv } from '../core/meta/revman.js';
import { readReview } from '../io/import/index.js';
import type { Io } from '../io/io.js';
import { notRegularFiles, writeFileAtomic } from '../io/output.js';

export interface ImportOptions {
  into: string;
  force?: boolean;
  reviewId?: string;
  quiet?: boolean;
}

const OUTPUT_TABLES = [
  'reviews.csv',
  'studies.csv',
  'review-studies.csv',
  'outcomes.csv',
  'analyses.csv',
  'pooled.csv',
];

const HELP = `
Reads the review's structure: comparison, outcome and subgroup numbers and names (the outcomes
column analysis holds "1.1" as RevMan numbers it; subgroup holds "1.1.2 name"), the included
studies with their years, per-arm counts, means and SDs, generic inverse-variance rows (as an
effect with its SE on the analysis scale), RevMan's settings of every analysis (analyses.csv:
measure, MH/IV/Peto, fixed/random, confidence levels, totals, subgroup test, swapped events, log
scale) with its stored results where it stored them, and the stored results of analyses and
subgroups (pooled.csv). meta on one analysis (--where "analysis=1.1") pools with RevMan's settings
unless --measure or --method says otherwise. Every row's source names the file and the analysis.
The folder is written only when everything was read; a non-empty folder is replaced only with --force.

Examples:
  $ acu-evidence import tests/fixtures/cochrane/Fleiss1993.rm5 --into /tmp/acu-evidence-fleiss --force
  $ acu-evidence meta --data /tmp/acu-evidence-fleiss --where "analysis=1.1"
  $ acu-evidence meta --data /tmp/acu-evidence-fleiss --where "analysis=1.1" --measure RR --method REML
  $ acu-evidence import tests/fixtures/cochrane/Fleiss1993-data-package.zip --into /tmp/acu-evidence-fleiss-package --force
  $ acu-evidence import tests/fixtures/cochrane/Fleiss1993_CR.csv --into /tmp/acu-evidence-fleiss-csv --force --review-id fleiss-1993
  $ acu-evidence validate --data /tmp/acu-evidence-fleiss-csv
`;

/** Refuses a file, or a non-empty folder without --force; says whether the folder exists. */
async function checkFolder(folder: string, label: string, force: boolean): Promise<boolean> {
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--into ${label}: it is a file, not a folder`);
  if (info) {
    const entries = (await readdir(folder)).filter((n) => !n.startsWith('.'));
    if (entries.length > 0 && !force)
      throw new UsageError(
        `--into ${label}: the folder is not empty (${entries.length} entries); give --force to replace its tables`,
      );
  }
  return info !== undefined;
}

const reason = (error: unknown) =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOTREG'
    ? error.message
    : String((error as NodeJS.ErrnoException).code ?? error);

/**
 * A new folder appears whole: the tables are written to a hidden sibling that is then renamed.
 * Into an existing folder each table is replaced atomically.
 */
async function writeTables(folder: string, label: string, exists: boolean, files: { file: string; text: string }[]) {
  const target = exists
    ? folder
    : path.join(path.dirname(folder), `.${path.basename(folder)}.${randomBytes(4).toString('hex')}.tmp`);
  // A FIFO or device among the tables is refused before any table is written (never renamed over).
  const special = exists ? await notRegularFiles(files.map((f) => path.join(target, f.file))) : [];
  if (special.length > 0) throw new UsageError(`cannot write ${label}: ${special.join(', ')}; nothing was written`);
  try {
    await mkdir(target, { recursive: true });
    for (const f of files) await writeFileAtomic(path.join(target, f.file), f.text);
    if (!exists) await rename(target, folder);
  } catch (error) {
    if (!exists) await rm(target, { recursive: true, force: true }).catch(() => undefined);
    throw new UsageError(`cannot write ${label}: ${reason(error)}`);
  }
}

export async function importReview(file: string, options: ImportOptions, io: Io): Promise<void> {
  const reviewId = options.reviewId ?? slug(path.basename(file).replace(/\.(rm5|csv|zip|xml)$/i, ''));
  if (slug(reviewId) !== reviewId)
    throw new UsageError(`--review-id must be a slug (lower-case letters, digits, hyphens), e.g. ${slug(reviewId)}`);
  const { review: read, format } = await readReview(file, io);
  // Rows name the file they came from, not the reader's local path.
  const review = { ...read, file: path.basename(file) };
  const { tables, notes, commands } = importedTables(review, reviewId);
  const outcomes = tables.find((t) => t.file === 'outcomes.csv')?.rows.length ?? 0;
  if (outcomes === 0) throw new UsageError(`${file}: no analysis with study data to import; nothing was written`);

  // Everything is read and checked before the first byte is written.
  const folder = path.resolve(io.cwd, options.into);
  const exists = await checkFolder(folder, options.into, options.force === true);
  await writeTables(
    folder,
    options.into,
    exists,
    tables.map((t) => ({ file: t.file, text: tableCsv(t.columns, t.rows) })),
  );
  const written = new Set(tables.map((t) => t.file));
  // A table of an earlier import that this review does not have would mix two reviews.
  for (const name of OUTPUT_TABLES)
    if (!written.has(name)) await unlink(path.join(folder, name)).catch(() => undefined);

  const lines = [
    `imported ${file} (${format}) into ${options.into}: review ${reviewId}, ${review.analyses.length} analyses`,
    ...tables.map((t) => `  ${t.file}: ${t.rows.length} rows`),
  ];
  if (commands.length > 0) {
    lines.push("RevMan's settings, as meta commands:");
    for (const c of commands)
      lines.push(`  ${c.replace('FOLDER', options.into.includes(' ') ? `"${options.into}"` : options.into)}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  if (!options.quiet) for (const note of notes) io.stderr.write(`note: ${note}\n`);
}

export function register(program: Command, io: Io): void {
  program
    .command('import')
    .argument(
      '<file>',
      'a RevMan 5 file (.rm5), a RevMan "Data and analyses" CSV, or a Cochrane data package (.zip or folder)',
    )
    .description(
      'Import a Cochrane review (RevMan 5 file, RevMan CSV export or data package) into tables that --data reads.',
    )
    .requiredOption(
      '--into <folder>',
      'folder to write reviews.csv, studies.csv, review-studies.csv, outcomes.csv, analyses.csv, pooled.csv',
    )
    .option('--force', 'replace the tables of a folder that is not empty')
    .option('--review-id <id>', 'review_id of the imported review (default: from the file name)')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText('after', HELP)
    .action((file: string, options: ImportOptions) => importReview(file, options, io));
}
