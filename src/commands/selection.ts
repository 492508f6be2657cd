/**
 * The one pipeline of the selection commands: load → select (--where, --group-by, then --sort,
 * --columns, --limit on the result) → compute → render (by format) → deliver (stdout or -o, notes
 * on stderr). A command declares only what differs: the table it selects from, its grouping, and
 * its compute, which turns the selection into rows (or groups), their columns and their notes.
 */
import type { Grouped } from '../core/evidence/aggregate.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import { filterRows, parseGroupBy, type Condition } from '../core/evidence/query.js';
import type { TableName } from '../core/evidence/schema/index.js';
import type { Dataset, Row } from '../core/evidence/table.js';
import { CheckFailed } from '../errors.js';
import type { Io } from '../io/io.js';
import type { Report, ReportColumn } from '../render/report.js';
import { conditionsFor, deliver, loadEnriched, requireTable } from './context.js';
import { groupedReport } from './grouped.js';
import { formatOf, type CommonOptions, type ListOptions } from './options.js';

/** What compute is given: the data read, and what --where and --group-by select from it. */
export interface Selection<O, X = undefined> {
  readonly options: O;
  readonly dataset: Dataset;
  /** What the command's own load read beside the dataset (clinic: the published figures). */
  readonly extra: X;
  readonly conditions: readonly Condition[];
  /** The rows of the command's table that every --where keeps. */
  readonly rows: readonly Row[];
  /** The field the rows are grouped by (checked against the table's fields); undefined: no groups. */
  readonly field: string | undefined;
  /** Whether the output is CSV or JSON (read by scripts): some commands then give every column. */
  readonly machine: boolean;
}

interface Described {
  columns: readonly ReportColumn[];
  /** Printed on stderr (unless --quiet): coverage, caveats, what a number means. */
  notes: readonly string[];
}

/** One row per group plus the total; `table` names the groups of rows without a value (default: the command's). */
export interface GroupedResult extends Described {
  grouped: Grouped<Row>;
  table?: TableName;
  /** More members of the JSON result, beside group_by, rows and total. */
  json?: Record<string, unknown>;
}

/** Rows as they are (a listing, one row per event or claim, one value). */
export interface RowsResult extends Described {
  rows: readonly Row[];
  /** The `result` member of the JSON envelope. */
  json: unknown;
  scalar?: boolean;
  /** --sort, --columns and --limit are done by compute (on the table's fields, not the result's columns). */
  listed?: boolean;
  /** A check the result fails (claims --strict): printed after the output is delivered, exit 1. */
  failed?: string;
}

export type SelectionResult = GroupedResult | RowsResult;

/** What a load gives the pipeline: the dataset to select from, notes about it, and anything else compute needs. */
export interface Loaded<X> {
  dataset: Dataset;
  notes?: readonly string[];
  extra: X;
}

export interface SelectionCommand<O extends CommonOptions, X = undefined> {
  /** The command's name, as the JSON envelope carries it. */
  command: string;
  /** The table --where and --group-by select from (value's depends on its metric; it may refuse one). */
  table: TableName | ((options: O) => TableName);
  /**
   * The field to group by, as the user typed it (or the command's default); undefined for no groups.
   * Default: --group-by as given.
   */
  groupBy?: (options: O) => string | undefined;
  /** Whether the table must be in the data read (default yes: a clear error names the files read). */
  requireTable?: boolean;
  /**
   * How the data is read; default: --data (or the bundled data), enriched. A command's own load
   * also checks the options that must hold before anything is read.
   */
  load?: (options: O, io: Io) => Promise<Loaded<X>>;
  compute: (selection: Selection<O, X>) => SelectionResult;
}

function reportOf<O extends CommonOptions, X>(
  spec: SelectionCommand<O, X>,
  table: TableName,
  result: SelectionResult,
  field: string | undefined,
  options: O,
  loadNotes: readonly string[],
): Report {
  const notes = [...loadNotes, ...result.notes];
  if ('grouped' in result)
    return groupedReport({
      command: spec.command,
      table: result.table ?? table,
      field,
      columns: result.columns,
      grouped: result.grouped,
      filters: options.where,
      notes,
      ...(result.json === undefined ? {} : { json: result.json }),
    });
  return {
    command: spec.command,
    filters: options.where,
    columns: result.columns,
    rows: result.rows,
    notes,
    json: result.json,
    ...(result.scalar ? { scalar: true } : {}),
  };
}

/** Runs a selection command with the options commander parsed. */
export async function runSelection<O extends CommonOptions & Partial<ListOptions>, X = undefined>(
  spec: SelectionCommand<O, X>,
  options: O,
  io: Io,
): Promise<void> {
  const table = typeof spec.table === 'function' ? spec.table(options) : spec.table;
  const loaded: Loaded<X> = spec.load
    ? await spec.load(options, io)
    : // Without a load of its own, a command has no extra (X is undefined).
      { dataset: await loadEnriched(options, io), extra: undefined as X };
  const { dataset, notes: loadNotes = [], extra } = loaded;
  const all = spec.requireTable === false ? (dataset[table]?.rows ?? []) : requireTable(dataset, table).rows;
  const conditions = conditionsFor(table, options, dataset);
  const rows = filterRows(all, conditions);
  const groupBy = spec.groupBy ? spec.groupBy(options) : options.groupBy;
  const field = groupBy === undefined ? undefined : parseGroupBy(groupBy, fieldsOf(table));
  const format = formatOf(options);
  const machine = format === 'csv' || format === 'json';
  const result = spec.compute({ options, dataset, extra, conditions, rows, field, machine });
  const report = reportOf(spec, table, result, field, options, loadNotes);
  const listed = 'listed' in result && result.listed === true;
  await deliver(report, listed ? { ...options, sort: undefined, columns: undefined, limit: undefined } : options, io);
  if ('failed' in result && result.failed !== undefined) throw new CheckFailed(result.failed);
}
