import { expandColumns, formatCell } from './format.js';
import type { Report } from './report.js';

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with plain digits; it loads back into acu-evidence. */
export function renderCsv(report: Report): string {
  const rows = report.total ? [...report.rows, report.total] : report.rows;
  const columns = expandColumns(report.columns);
  const lines = [columns.map((c) => quote(c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(formatCell(row[c.key], c, 'machine'))).join(','));
  return `${lines.join('\n')}\n`;
}
