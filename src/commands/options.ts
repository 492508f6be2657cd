/** The options every command shares, defined once. */
import { Option, type Command } from 'commander';
import { FORMATS, type Format } from '../render/report.js';
import { WHERE_HELP } from '../core/query.js';
import { COMPARATORS, type Comparator } from '../core/aggregate.js';
import { UsageError } from '../errors.js';

export interface OutputOptions {
  format: Format;
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
  { groupBy = true, format = true }: { groupBy?: boolean; format?: boolean } = {},
): Command {
  command
    .option('-d, --data <path...>', 'CSV files or folders to read ("-" reads stdin)', [])
    .option('-w, --where <expr>', `keep rows where ${WHERE_HELP}; repeatable, ANDed`, collect, [])
    .option('--delimiter <char>', 'field separator of the CSV files: comma, semicolon or tab (default: detected)')
    .option('--decimal <char>', 'decimal separator: "." or "," (default: "," when the delimiter is a semicolon)');
  if (groupBy) command.option('-g, --group-by <field>', 'one row per value of the field, plus a total');
  return addOutputOptions(command, { format });
}

/** --format, --json, --output and the stderr switches. */
export function addOutputOptions(command: Command, { format = true }: { format?: boolean } = {}): Command {
  if (format) command.addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'));
  return command
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
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
    .option('--level <percent>', 'confidence level, in percent (or as a fraction)', '95');
}

export function addComparatorOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--vs <comparator>',
      'count results against sham, usual care (incl. waiting list, no acupuncture), or any of them',
    )
      .choices(COMPARATORS)
      .default('any'),
  );
}

/** "95" or "0.95" → 0.95. */
export function parseLevel(text: string): number {
  const value = Number(text);
  const level = value > 1 ? value / 100 : value;
  if (!Number.isFinite(level) || level <= 0 || level >= 1)
    throw new UsageError(`--level must lie between 0 and 100 (exclusive), got "${text}"`);
  return level;
}

export function formatOf(options: OutputOptions): Format {
  if (options.json && options.format !== 'json' && options.format !== 'table') {
    throw new UsageError(`--json and --format ${options.format} ask for two formats; give one`);
  }
  return options.json ? 'json' : options.format;
}
