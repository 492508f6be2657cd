import Table from 'cli-table3';
import { visible } from '../core/controls.js';
import { cellText, isNumeric } from './format.js';
import type { Report, Style } from './report.js';

/**
 * Keeps the rule under the header (and above a total row) but drops cli-table3's rules between
 * body rows, which would double the height of a long listing.
 */
function compact(text: string, hasTotal: boolean): string {
  const lines = text.split('\n');
  const rules = lines.map((line, i) => (line.startsWith('├') ? i : -1)).filter((i) => i >= 0);
  const keep = new Set([rules[0], hasTotal ? rules[rules.length - 1] : undefined]);
  return lines.filter((line, i) => !line.startsWith('├') || keep.has(i)).join('\n');
}

/** Narrows the widest text columns until the table fits `maxWidth` (each column keeps at least 12). */
function fitWidths(widths: number[], wrappable: boolean[], maxWidth: number): number[] {
  const fitted = [...widths];
  const total = () => fitted.reduce((sum, w) => sum + w + 3, 1);
  while (total() > maxWidth) {
    let widest = -1;
    fitted.forEach((w, i) => {
      if (wrappable[i] && w > 12 && (widest < 0 || w > (fitted[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    fitted[widest] = Math.max(12, (fitted[widest] ?? 12) - (total() - maxWidth));
  }
  return fitted;
}

/**
 * A boxed terminal table; colour only through `style` (cli-table3's own colours are switched off).
 * With `maxWidth` (a terminal's width), long text wraps inside its column.
 */
export function renderTable(report: Report, style: Style, maxWidth?: number): string {
  // Control characters from data are shown as escapes: a cell can never drive the terminal.
  const body = report.rows.map((row) => report.columns.map((c) => visible(cellText(row, c, 'human'))));
  const total = report.total;
  const totalCells = total ? report.columns.map((c) => cellText(total, c, 'human')) : undefined;
  const widths = report.columns.map((c, j) =>
    body.reduce(
      (m, r) => Math.max(m, (r[j] ?? '').length),
      Math.max((c.header ?? c.key).length, (totalCells?.[j] ?? '').length),
    ),
  );
  const fitted =
    maxWidth === undefined
      ? widths
      : fitWidths(
          widths,
          report.columns.map((c) => !isNumeric(c)),
          maxWidth,
        );
  const wrap = fitted.some((w, j) => w < (widths[j] ?? 0));
  const table = new Table({
    head: report.columns.map((c) => style.bold(c.header ?? c.key)),
    colAligns: report.columns.map((c) => (isNumeric(c) ? 'right' : 'left')),
    style: { head: [], border: [] },
    ...(wrap ? { colWidths: fitted.map((w) => w + 2), wordWrap: true } : {}),
  });
  for (const cells of body) table.push(cells);
  if (totalCells) table.push(totalCells.map((t) => style.bold(t)));
  return `${compact(table.toString(), report.total !== undefined)}\n`;
}
