/** The format → renderer map: each format has exactly one renderer. */
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Report, Style } from './report.js';
import { renderTable } from './table.js';

/** How the output will be seen: colours, and the terminal's width for wrapping (undefined: no limit). */
export interface View {
  style: Style;
  width?: number;
}

export const RENDERERS: Record<Format, (report: Report, view: View) => string> = {
  table: (report, view) => renderTable(report, view.style, view.width),
  markdown: (report) => renderMarkdown(report),
  csv: (report) => renderCsv(report),
  json: (report) => renderJson(report),
};

export function render(report: Report, format: Format, view: View): string {
  return RENDERERS[format](report, view);
}
