import { cellText, isNumeric } from './format.js';
import type { Report } from './report.js';

const MAX_PADDED = 40;

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table, padded so that diffs stay readable; numbers right-aligned. */
export function renderMarkdown(report: Report): string {
  const header = report.columns.map((c) => escape(c.header ?? c.key));
  const body = [...report.rows, ...(report.total ? [report.total] : [])].map((row, i, all) =>
    report.columns.map((c, j) => {
      const text = escape(cellText(row, c, 'human'));
      const isTotal = report.total !== undefined && i === all.length - 1;
      return isTotal && text !== '' && j === 0 ? `**${text}**` : text;
    }),
  );
  // Long prose cells are not padded: one long description would widen every row.
  const widths = header.map((h, j) =>
    Math.min(
      MAX_PADDED,
      body.reduce((m, r) => Math.max(m, (r[j] ?? '').length), Math.max(3, h.length)),
    ),
  );
  const pad = (text: string, j: number): string => {
    const width = widths[j] ?? 3;
    const column = report.columns[j];
    return column && isNumeric(column) ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: readonly string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${report.columns
    .map((c, j) => {
      const width = widths[j] ?? 3;
      return isNumeric(c) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width);
    })
    .join(' | ')} |`;
  return `${[line(header), rule, ...body.map(line)].join('\n')}\n`;
}
