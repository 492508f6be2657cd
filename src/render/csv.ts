import { expandColumns, formatCell } from './format.js';
import type { Report } from './report.js';

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ',
 * as OWASP advises against CSV injection; numbers stay as they are.
 */
export function defuse(value: unknown, text: string): string {
  return typeof value !== 'number' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV with plain digits; it loads back into acu-evidence. */
export function renderCsv(report: Report): string {
  const rows = report.total ? [...report.rows, report.total] : report.rows;
  const columns = expandColumns(report.columns);
  const lines = [columns.map((c) => quote(c.key)).join(',')];
  for (const row of rows)
    lines.push(columns.map((c) => quote(defuse(row[c.key], formatCell(row[c.key], c, 'machine')))).join(','));
  return `${lines.join('\n')}\n`;
}
