/** The steps every command shares: load, prepare the query, deliver the rendered report. */
import { visible } from '../core/text/controls.js';
import { UsageError } from '../errors.js';
import { enrich, fieldsOf, knownIds } from '../core/evidence/dataset.js';
import { checkKnownValues, parseWhere, type Condition } from '../core/evidence/query.js';
import type { TableName } from '../core/evidence/schema/index.js';
import type { PatientOptions } from '../core/evidence/patient-aggregate.js';
import type { Dataset, LoadedTable } from '../core/evidence/table.js';
import { colorLevel, styleFor } from '../io/color.js';
import type { Io } from '../io/io.js';
import { loadDataset } from '../io/load.js';
import { emit } from '../io/output.js';
import { renderWithNotes, type View } from '../render/index.js';
import { wrapNote } from '../render/fit.js';
import { PLAIN, type Format, type Report } from '../render/report.js';
import { applyListOptions } from './list-options.js';
import { formatOf, type CommonOptions, type ListOptions, type OutputOptions } from './options.js';

export async function loadEnriched(options: CommonOptions, io: Io, patients?: PatientOptions): Promise<Dataset> {
  const read = { delimiter: options.delimiter, decimal: options.decimal, quiet: options.quiet, patients };
  // Files read here are this run's own: enrich fills their rows in place (a million rows held once).
  return enrich(await loadDataset(options.data, io, read), { reuseRows: options.data.length > 0 });
}

export function requireTable(dataset: Dataset, name: TableName): LoadedTable {
  const table = dataset[name];
  if (table) return table;
  const loaded = Object.values(dataset).flatMap((t) => t.files);
  throw new UsageError(
    `no ${name} table in the data read (${loaded.length > 0 ? loaded.join(', ') : 'no files'}); add ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}.csv with --data`,
  );
}

/** The --where conditions, typed by the table's fields; ids must exist in the dataset. */
export function conditionsFor(name: TableName, options: Pick<CommonOptions, 'where'>, dataset: Dataset): Condition[] {
  const fields = fieldsOf(name);
  const conditions = options.where.map((w) => parseWhere(w, fields));
  // Every id of the data is gathered only when there is a filter to check against them.
  if (conditions.length > 0) checkKnownValues(conditions, knownIds(dataset));
  return conditions;
}

/** How the output will be read: its format, and for tables the colours and the terminal's width. */
export function viewFor(options: OutputOptions, io: Io): { format: Format; view: View } {
  const format = formatOf(options);
  const style = format === 'table' ? styleFor(colorLevel(io, options.color)) : PLAIN;
  // Fit to the terminal only when the table is going to one (a pipe or a file keeps every column).
  const toTerminal = (options.output === undefined || options.output === '-') && io.stdout.isTTY === true;
  const width = toTerminal && !options.wide ? io.stdout.columns : undefined;
  return {
    format,
    view: { style, ...(width === undefined ? {} : { width }), ...(options.totals ? { totals: true } : {}) },
  };
}

/** Writes rendered output where --output says (or to stdout), then the notes on stderr unless --quiet. */
export async function deliverText(
  text: string | Iterable<string | Uint8Array>,
  notes: readonly string[],
  options: OutputOptions,
  io: Io,
): Promise<void> {
  await emit(text, options.output, io);
  // Notes wrap at the width of the terminal they are read on.
  const width = io.stderr.isTTY ? io.stderr.columns : undefined;
  if (!options.quiet) for (const note of notes) io.stderr.write(`${wrapNote(visible(note), width)}\n`);
}

/** Renders the report in the chosen format, writes it, then prints its notes on stderr. */
export async function deliver(full: Report, options: OutputOptions & ListOptions, io: Io): Promise<void> {
  const report = applyListOptions(full, options);
  const { format, view } = viewFor(options, io);
  const rendered = renderWithNotes(report, format, view);
  await deliverText(rendered.text, [...report.notes, ...rendered.notes], options, io);
}
