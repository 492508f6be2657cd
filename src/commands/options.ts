/** The options every command shares, defined once. */
import { Option, type Command } from 'commander';
import { FORMATS, type Format } from '../render/report.js';
import { WHERE_HELP } from '../core/evidence/query.js';
import { COMPARATORS, type Comparator } from '../core/evidence/aggregate.js';
import { UsageError } from '../errors.js';

export interface OutputOptions {
  /** As given; undefined means: from the --output file name, else table (see formatOf). */
  format?: Format;
  /** Every column at full width on a terminal too. */
  wide?: boolean;
  /** CSV: end with the total row. */
  totals?: boolean;
  json?: boolean;
  output?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export interface CommonOptions extends OutputOptions {
  data: string[];
  where: string[];
  groupBy?: string;
  delimiter?: string;
  decimal?: string;
}

export interface ListOptions {
  sort?: string;
  columns?: string;
  limit?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addCommonOptions(
  command: Command,
  { groupBy = true, format = true, totals = groupBy }: { groupBy?: boolean; format?: boolean; totals?: boolean } = {},
): Command {
  command
    .option('-d, --data <path...>', 'CSV files or folders to read ("-" reads stdin)', [])
    .option('-w, --where <expr>', `keep rows where ${WHERE_HELP}; repeatable, ANDed`, collect, [])
    .option('--delimiter <char>', 'field separator of the CSV files: comma, semicolon or tab (default: detected)')
    .option('--decimal <char>', 'decimal separator: "." or "," (default: "," when the delimiter is a semicolon)');
  if (groupBy) command.option('-g, --group-by <field>', 'one row per value of the field, plus a total');
  if (totals) command.option('--totals', 'CSV: end with the total row (by default CSV holds one row per group only)');
  return addOutputOptions(command, { format });
}

/** --format, --json, --output and the stderr switches. */
export function addOutputOptions(command: Command, { format = true }: { format?: boolean } = {}): Command {
  if (format)
    command.addOption(
      new Option('-f, --format <format>', 'output format (default: from the --output file name, else table)').choices(
        FORMATS,
      ),
    );
  return command
    .option('--json', 'same as --format json')
    .option(
      '-o, --output <file>',
      'write the output to a file (atomically) instead of stdout; .md, .csv, .json or .txt picks the format',
    )
    .option('--wide', 'on a terminal too, show every column at full width (as in a pipe or a file)')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .option('-q, --quiet', 'no notes on stderr')
    .option('--verbose', 'more detail on stderr');
}

export function addListOptions(command: Command): Command {
  return command
    .option('--sort <fields>', 'sort rows by columns, "-" for descending, e.g. "-year,study_id"')
    .option('--columns <names>', 'show only these columns, comma-separated')
    .option('--limit <n>', 'show at most n rows (the total row stays)');
}

export interface IntervalOptions {
  method: 'wilson' | 'exact';
  level: string;
}

export interface ComparatorOptions {
  vs: Comparator;
}

/** --method and --level for the intervals of proportions. */
export function addIntervalOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--method <method>', 'interval: Wilson score, or exact (Clopper-Pearson)')
        .choices(['wilson', 'exact'])
        .default('wilson'),
    )
    .option('--level <level>', 'confidence level: 90, 90% or 0.9', '95');
}

/**
 * --vs: the comparator results are counted against. With `sideBySide` it has no default: the
 * command then shows sham and usual care apart (the distinction that matters most in this field).
 */
export function addComparatorOption(command: Command, { sideBySide = false }: { sideBySide?: boolean } = {}): Command {
  const option = new Option(
    '--vs <comparator>',
    sideBySide
      ? 'count results against sham, usual care (incl. waiting list, no acupuncture), or any of them (mixes the two); default: sham and usual care side by side'
      : 'count results against sham, usual care (incl. waiting list, no acupuncture), or any of them',
  ).choices(COMPARATORS);
  return command.addOption(sideBySide ? option : option.default('any'));
}

/** "95", "95%" or "0.95" → 0.95: a number above 1, or one with a % sign, is a percentage. */
export function parseLevel(text: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const value = /^[0-9]*\.?[0-9]+$/.test(digits) ? Number(digits) : Number.NaN;
  const level = percent || value > 1 ? value / 100 : value;
  if (!Number.isFinite(level) || level <= 0 || level >= 1)
    throw new UsageError(
      `--level takes a confidence level as a percentage (90, 90%) or a fraction (0.9), above 0 and below 100%; got "${text}"`,
    );
  return level;
}

/** The format a file name asks for: .md, .csv, .json; .txt (and anything else) is the plain table. */
function formatOfFile(file: string | undefined): Format | undefined {
  if (file === undefined || file === '-') return undefined;
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();
  switch (ext) {
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'csv':
      return 'csv';
    case 'json':
      return 'json';
    default:
      return undefined;
  }
}

/** --json, else --format, else the --output file's extension, else a table. */
export function formatOf(options: OutputOptions): Format {
  if (options.json && options.format !== undefined && options.format !== 'json') {
    throw new UsageError(`--json and --format ${options.format} ask for two formats; give one`);
  }
  if (options.json) return 'json';
  return options.format ?? formatOfFile(options.output) ?? 'table';
}
