/** The format → renderer map: each format has exactly one renderer. */
import { renderCsv } from './csv.js';
import { cellText } from './format.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Report, Style } from './report.js';
import { renderTable } from './table.js';

/** How the output will be seen: colours, and the terminal's width for wrapping (undefined: no limit). */
export interface View {
  style: Style;
  width?: number;
}

/** A scalar report as people read it: the value alone. */
function scalarText(report: Report): string {
  const [row] = report.rows;
  const [column] = report.columns;
  return row && column ? `${cellText(row, column, 'human')}\n` : '\n';
}

export const RENDERERS: Record<Format, (report: Report, view: View) => string> = {
  table: (report, view) => (report.scalar ? scalarText(report) : renderTable(report, view.style, view.width)),
  markdown: (report) => (report.scalar ? scalarText(report) : renderMarkdown(report)),
  csv: (report) => renderCsv(report),
  json: (report) => renderJson(report),
};

export function render(report: Report, format: Format, view: View): string {
  return RENDERERS[format](report, view);
}
