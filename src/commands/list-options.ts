/** --sort, --columns and --limit on a command's report: its rows are sorted, cut and narrowed. */
import { UsageError } from '../errors.js';
import { parseLimit, sortRows } from '../core/query.js';
import { didYouMean } from '../core/suggest.js';
import type { Report, ReportColumn } from '../render/report.js';
import type { ListOptions } from './options.js';

/** The names a user may give: each column's key and the fields a composite column joins. */
function names(columns: readonly ReportColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => [c.key, ...(c.join?.parts ?? [])]))];
}

function unknown(name: string, valid: readonly string[], flag: string): UsageError {
  return new UsageError(
    `unknown column "${name}" in ${flag}${didYouMean(name, valid)}; columns are ${valid.join(', ')}`,
  );
}

export function applyListOptions(report: Report, options: ListOptions): Report {
  const valid = names(report.columns);
  let rows = report.rows;
  if (options.sort !== undefined) {
    const keys = options.sort
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => ({ field: s.replace(/^-/, ''), descending: s.startsWith('-') }));
    for (const k of keys) if (!valid.includes(k.field)) throw unknown(k.field, valid, '--sort');
    rows = sortRows(rows, keys);
  }
  if (options.limit !== undefined) rows = rows.slice(0, parseLimit(options.limit));
  let columns = report.columns;
  if (options.columns !== undefined) {
    columns = options.columns
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((name) => {
        const column =
          report.columns.find((c) => c.key === name) ?? report.columns.find((c) => c.join?.parts.includes(name));
        if (!column) throw unknown(name, valid, '--columns');
        return column.key === name || !column.join
          ? column
          : { key: name, kind: column.kind, ...(column.digits === undefined ? {} : { digits: column.digits }) };
      });
  }
  return { ...report, rows, columns };
}
