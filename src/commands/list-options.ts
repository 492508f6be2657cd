/** --sort, --columns and --limit on a command's report: its rows are sorted, cut and narrowed. */
import { UsageError } from '../errors.js';
import { parseLimit, sortRows } from '../core/evidence/query.js';
import { didYouMean } from '../core/text/suggest.js';
import type { Report, ReportColumn } from '../render/report.js';
import type { ListOptions } from './options.js';

/** The names a user may give: each column's key, its header as shown, and the fields a composite column joins. */
function names(columns: readonly ReportColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => [c.key, ...(c.header ? [c.header] : []), ...(c.join?.parts ?? [])]))];
}

function unknown(name: string, valid: readonly string[], flag: string): UsageError {
  return new UsageError(
    `unknown column "${name}" in ${flag}${didYouMean(name, valid)}; columns are ${valid.join(', ')}`,
  );
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The column a name means: a key, a field of a composite column (shown alone), or a header as
 * printed (case aside), so that what a user sees is what a user can type.
 */
function columnNamed(columns: readonly ReportColumn[], name: string): ReportColumn | undefined {
  const byKey = columns.find((c) => c.key === name);
  if (byKey) return byKey;
  const joined = columns.find((c) => c.join?.parts.includes(name));
  if (joined)
    return { key: name, kind: joined.kind, ...(joined.digits === undefined ? {} : { digits: joined.digits }) };
  return columns.find((c) => same(c.header ?? c.key, name));
}

/** The row field a column sorts by: its own, or the first of the two it joins. */
const sortField = (column: ReportColumn): string => column.join?.parts[0] ?? column.key;

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function applyListOptions(report: Report, options: ListOptions): Report {
  const valid = names(report.columns);
  let rows = report.rows;
  if (options.sort !== undefined) {
    const keys = list(options.sort).map((s) => {
      const name = s.replace(/^-/, '');
      const column = columnNamed(report.columns, name);
      if (!column) throw unknown(name, valid, '--sort');
      return { field: sortField(column), descending: s.startsWith('-') };
    });
    rows = sortRows(rows, keys);
  }
  if (options.limit !== undefined) rows = rows.slice(0, parseLimit(options.limit));
  let columns = report.columns;
  if (options.columns !== undefined) {
    columns = list(options.columns).map((name) => {
      const column = columnNamed(report.columns, name);
      if (!column) throw unknown(name, valid, '--columns');
      return column;
    });
  }
  return { ...report, rows, columns };
}
