/** The format → renderer map: each format has exactly one renderer. */
import { renderCsv } from './csv.js';
import { cellText } from './format.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Report, Style } from './report.js';
import { renderTableFitted } from './table.js';

/** How the output will be seen: colours, and the terminal's width for wrapping (undefined: no limit). */
export interface View {
  style: Style;
  width?: number;
  /** CSV: end with the total row (--totals); by default CSV holds the records only. */
  totals?: boolean;
}

/** A scalar report as people read it: the value alone. */
function scalarText(report: Report): string {
  const [row] = report.rows;
  const [column] = report.columns;
  return row && column ? `${cellText(row, column, 'human')}\n` : '\n';
}

/** Rendered output and the notes the renderer adds (a table names the columns it left out). */
export interface Rendered {
  text: string;
  notes: string[];
}

const plain =
  (f: (report: Report, view: View) => string) =>
  (report: Report, view: View): Rendered => ({ text: f(report, view), notes: [] });

const RENDERERS: Record<Format, (report: Report, view: View) => Rendered> = {
  table: (report, view) =>
    report.scalar ? { text: scalarText(report), notes: [] } : renderTableFitted(report, view.style, view.width),
  markdown: plain((report) => (report.scalar ? scalarText(report) : renderMarkdown(report))),
  // Without groups the total is the one record; with groups it is not a record (unless --totals).
  csv: plain((report, view) =>
    renderCsv(view.totals || report.rows.length === 0 ? report : { ...report, total: undefined }),
  ),
  json: plain((report) => renderJson(report)),
};

export function renderWithNotes(report: Report, format: Format, view: View): Rendered {
  return RENDERERS[format](report, view);
}
