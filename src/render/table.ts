import { drawBox } from './box.js';
import { breakable, fitTable, wrapCell, wrapHeader } from './fit.js';
import { visible } from '../core/text/controls.js';
import { cellText, isNumeric } from './format.js';
import type { Report, Style } from './report.js';

/** A table for a terminal, and the note that names the columns left out to fit it. */
export interface RenderedTable {
  text: string;
  notes: string[];
}

/**
 * A boxed terminal table; colour only through `style`.
 * With `maxWidth` (a terminal's width) it is fitted (see fit.ts): columns of low priority are left
 * out and named in a note, long text wraps inside its column; without it every column is full width.
 */
export function renderTableFitted(report: Report, style: Style, maxWidth?: number): RenderedTable {
  // Control characters from data are shown as escapes: a cell can never drive the terminal.
  const body = report.rows.map((row) => report.columns.map((c) => visible(cellText(row, c, 'human'))));
  const total = report.total;
  const totalCells = total ? report.columns.map((c) => cellText(total, c, 'human')) : undefined;
  const headers = report.columns.map((c) => c.header ?? c.key);
  const all = totalCells ? [...body, totalCells] : body;
  const fit =
    maxWidth === undefined
      ? { shown: report.columns.map((_, j) => j), widths: undefined, dropped: [] }
      : fitTable(report.columns, headers, all, maxWidth);
  const columns = fit.shown.map((j) => report.columns[j]).filter((c) => c !== undefined);
  const shape = (cells: readonly string[]): string[] =>
    fit.shown.map((j, i) => {
      const text = cells[j] ?? '';
      const width = fit.widths?.[i];
      const column = report.columns[j];
      return width === undefined || column === undefined ? text : wrapCell(text, width, breakable(column));
    });
  const text = drawBox({
    head: fit.shown.map((j, i) => {
      const header = headers[j] ?? '';
      const width = fit.widths?.[i];
      return width === undefined ? header : wrapHeader(header, width);
    }),
    rows: [...body.map(shape), ...(totalCells ? [shape(totalCells)] : [])],
    ...(totalCells ? { totalFrom: body.length } : {}),
    align: columns.map((c) => (isNumeric(c) ? 'right' : 'left')),
    ...(fit.widths ? { widths: fit.widths } : {}),
    styleHead: (t) => style.bold(t),
    styleTotal: (t) => style.bold(t),
  });
  const notes =
    fit.dropped.length === 0
      ? []
      : [
          `left out to fit ${maxWidth} columns: ${fit.dropped.map((c) => c.header ?? c.key).join(', ')} (--wide shows every column; --columns picks them).`,
        ];
  return { text: `${text}\n`, notes };
}

/** The fitted table's text alone. */
export function renderTable(report: Report, style: Style, maxWidth?: number): string {
  return renderTableFitted(report, style, maxWidth).text;
}
