/**
 * Draws a boxed table from cells already wrapped to their lines: a rule under the header and above
 * a total row, none between body rows (a long listing keeps its height). Written here rather than
 * with a table library: cells are measured, wrapped and styled before they arrive, so drawing is
 * padding and rules, and a library's per-cell option merging cost more than the rest of a command.
 */
import { displayWidth } from './text-width.js';

type Align = 'left' | 'right';

export interface BoxSpec {
  head: readonly string[];
  rows: readonly (readonly string[])[];
  /** Rows from this index on (the total) get a rule above them. */
  totalFrom?: number;
  align: readonly Align[];
  /** Content width of each column; by default its widest line. */
  widths?: readonly number[];
  /** Applied to each header line after padding (bold on a terminal). */
  styleHead: (text: string) => string;
  /** Applied to each line of the rows from totalFrom on. */
  styleTotal: (text: string) => string;
}

const linesOf = (cell: string): string[] => cell.split('\n');

function rule(widths: readonly number[], [left, middle, right]: readonly [string, string, string]): string {
  return `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`;
}

function pad(text: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** The lines of one table row: every cell padded to its width, the row as tall as its tallest cell. */
function rowLines(
  cells: readonly string[],
  widths: readonly number[],
  align: readonly Align[],
  style: (t: string) => string,
): string[] {
  const split = widths.map((_, j) => linesOf(cells[j] ?? ''));
  const height = Math.max(1, ...split.map((l) => l.length));
  const out: string[] = [];
  for (let i = 0; i < height; i++) {
    const parts = widths.map((w, j) => style(pad(split[j]?.[i] ?? '', w, align[j] ?? 'left')));
    out.push(`│ ${parts.join(' │ ')} │`);
  }
  return out;
}

export function drawBox(spec: BoxSpec): string {
  const all = [spec.head, ...spec.rows];
  const widths =
    spec.widths ??
    spec.head.map((_, j) => all.reduce((m, r) => Math.max(m, ...linesOf(r[j] ?? '').map(displayWidth)), 0));
  const plain = (t: string): string => t;
  const lines = [rule(widths, ['┌', '┬', '┐']), ...rowLines(spec.head, widths, spec.align, spec.styleHead)];
  if (spec.rows.length > 0) lines.push(rule(widths, ['├', '┼', '┤']));
  spec.rows.forEach((row, i) => {
    const isTotal = spec.totalFrom !== undefined && i >= spec.totalFrom;
    if (isTotal && i === spec.totalFrom && i > 0) lines.push(rule(widths, ['├', '┼', '┤']));
    lines.push(...rowLines(row, widths, spec.align, isTotal ? spec.styleTotal : plain));
  });
  lines.push(rule(widths, ['└', '┴', '┘']));
  return lines.join('\n');
}
