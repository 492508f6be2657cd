/**
 * Fitting a table to a terminal's width. Every table gets this for free: a column gives way by its
 * `priority` (left out whole, never cut), prose wraps at spaces and lists at their items, and
 * numbers and identifiers are never broken. Output to a pipe or a file is not fitted at all.
 */
import { displayWidth as stringWidth, wrapText } from './text-width.js';
import type { ReportColumn } from './report.js';
import { isNumeric } from './format.js';

/** Prose columns are not narrowed below this (or their longest word, if wider). */
const SOFT_MIN = 14;

/** The display width of the widest line of a text. */
function textWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
}

/** How a column may break its cells: prose at spaces, lists after each item, others not at all. */
export function breakable(column: ReportColumn): 'words' | 'items' | 'none' {
  if (column.join || isNumeric(column)) return 'none';
  if (column.kind === 'list') return 'items';
  return column.kind === 'text' ? 'words' : 'none';
}

/** The widest piece a cell cannot be broken within. */
function unbreakableWidth(text: string, mode: 'words' | 'items' | 'none'): number {
  if (mode === 'none') return textWidth(text);
  const pieces = mode === 'items' ? text.split(/(?<=;) /) : text.split(/\s+/);
  return Math.max(0, ...pieces.map((p) => stringWidth(p)));
}

/** Wraps a cell to `width`: words at spaces, list items one after another, never inside a word. */
export function wrapCell(text: string, width: number, mode: 'words' | 'items' | 'none'): string {
  if (mode === 'none' || textWidth(text) <= width) return text;
  if (mode === 'words') return wrapText(text, width);
  const lines: string[] = [];
  for (const item of text.split(/(?<=;) /)) {
    const last = lines.length - 1;
    const joined = last >= 0 ? `${lines[last]} ${item}` : item;
    if (last >= 0 && stringWidth(joined) <= width) lines[last] = joined;
    else lines.push(item);
  }
  return lines.join('\n');
}

/** A header breaks after a space or a slash ("studies/" over "reported"); the user types it whole. */
function headerPieces(header: string): string[] {
  return header.split(/(?<=[ /])/);
}

function headerMin(header: string): number {
  return Math.max(0, ...headerPieces(header).map((w) => stringWidth(w.trimEnd())));
}

/** A header wrapped to `width` at its spaces and slashes. */
export function wrapHeader(header: string, width: number): string {
  if (stringWidth(header) <= width) return header;
  const lines: string[] = [];
  let line = '';
  for (const piece of headerPieces(header)) {
    if (line !== '' && stringWidth((line + piece).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line !== '') lines.push(line.trimEnd());
  return lines.join('\n');
}

export interface Fit {
  /** Indices of the columns shown, in their order. */
  shown: number[];
  /** Width of each shown column's text (without padding), by position in `shown`. */
  widths: number[];
  /** Columns left out to fit. */
  dropped: ReportColumn[];
}

/** A boxed table's width: each column's text, one space either side, and the rules between. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w + 3, 1);
}

/** The priority of a column: the first is kept always (0), the others give way from the right. */
function priorityOf(column: ReportColumn, index: number): number {
  return column.priority ?? (index === 0 ? 0 : index);
}

/**
 * Chooses the columns and widths of a table within `maxWidth`: narrows prose and lists to their
 * longest word (and at least SOFT_MIN), and when that is not enough leaves out the column of the
 * highest priority number (rightmost first among equals). Priority 0 is never left out.
 */
export function fitTable(
  columns: readonly ReportColumn[],
  headers: readonly string[],
  cells: readonly (readonly string[])[],
  maxWidth: number,
): Fit {
  const modes = columns.map(breakable);
  const natural = columns.map((_, j) =>
    Math.max(stringWidth(headers[j] ?? ''), ...cells.map((r) => textWidth(r[j] ?? ''))),
  );
  // What the cells need with the header wrapped: a header gives way before a cell wraps.
  const content = columns.map((_, j) =>
    Math.max(headerMin(headers[j] ?? ''), ...cells.map((r) => textWidth(r[j] ?? ''))),
  );
  const minimum = columns.map((_, j) => {
    const mode = modes[j] ?? 'none';
    const longest = Math.max(headerMin(headers[j] ?? ''), ...cells.map((r) => unbreakableWidth(r[j] ?? '', mode)));
    return mode === 'none'
      ? Math.max(longest, ...cells.map((r) => textWidth(r[j] ?? '')))
      : Math.max(longest, Math.min(natural[j] ?? 0, SOFT_MIN));
  });
  const shown = columns.map((_, j) => j);
  const dropped: number[] = [];
  const minimumOf = (set: readonly number[]) => tableWidth(set.map((j) => minimum[j] ?? 0));
  while (minimumOf(shown) > maxWidth) {
    let victim = -1;
    for (const j of shown) {
      const p = priorityOf(columns[j] as ReportColumn, j);
      if (p === 0) continue;
      if (victim < 0 || p >= priorityOf(columns[victim] as ReportColumn, victim)) victim = j;
    }
    if (victim < 0) break;
    shown.splice(shown.indexOf(victim), 1);
    dropped.push(victim);
  }
  // A column left out early may fit beside the ones kept once a wider one has gone.
  for (const j of [...dropped].sort(
    (a, b) => priorityOf(columns[a] as ReportColumn, a) - priorityOf(columns[b] as ReportColumn, b) || a - b,
  )) {
    const candidate = [...shown, j].sort((a, b) => a - b);
    if (minimumOf(candidate) <= maxWidth) {
      shown.splice(0, shown.length, ...candidate);
      dropped.splice(dropped.indexOf(j), 1);
    }
  }
  const room = maxWidth - tableWidth(shown.map(() => 0));
  const widths = share(
    shown.map((j) => content[j] ?? 0),
    shown.map((j) => minimum[j] ?? 0),
    room,
  );
  // Room left over unwraps headers, those that need least first (so that most read whole).
  let spare = room - widths.reduce((sum, w) => sum + w, 0);
  const deficit = (i: number): number => (natural[shown[i] ?? 0] ?? 0) - (widths[i] ?? 0);
  for (const i of shown.map((_, i) => i).sort((a, b) => deficit(a) - deficit(b))) {
    const add = deficit(i);
    if (add > 0 && add <= spare) {
      widths[i] = (widths[i] ?? 0) + add;
      spare -= add;
    }
  }
  return {
    shown,
    widths,
    dropped: dropped.sort((a, b) => a - b).map((j) => columns[j] as ReportColumn),
  };
}

/**
 * Shares `room` characters among columns: a column whose whole text fits its fair share keeps it
 * (short columns are not wrapped to feed long ones), the long ones split the rest evenly, never
 * below their minimum, and hand back what they do not need.
 */
function share(natural: readonly number[], minimum: readonly number[], room: number): number[] {
  const widths = [...natural];
  let open = natural.map((_, i) => i);
  let left = room;
  for (;;) {
    const fair = Math.floor(left / Math.max(1, open.length));
    const fixed = open.filter((i) => (natural[i] ?? 0) <= Math.max(fair, minimum[i] ?? 0));
    if (fixed.length === 0 || open.length === 0) break;
    for (const i of fixed) left -= natural[i] ?? 0;
    open = open.filter((i) => !fixed.includes(i));
  }
  for (const i of open) widths[i] = Math.max(minimum[i] ?? 0, Math.floor(left / open.length));
  // Rounding leaves a few characters: give them to the long columns, left to right.
  let spare = room - widths.reduce((sum, w) => sum + w, 0);
  for (const i of open) {
    const add = Math.min(spare, (natural[i] ?? 0) - (widths[i] ?? 0));
    if (add > 0) {
      widths[i] = (widths[i] ?? 0) + add;
      spare -= add;
    }
  }
  // Minimums above the fair share overdraw: take it back from the widest that can give.
  while (widths.reduce((sum, w) => sum + w, 0) > room) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > (minimum[i] ?? 0) && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 1) - 1;
  }
  return widths;
}

/** Wraps a note to the terminal's width, continuation lines indented by two spaces. */
export function wrapNote(note: string, width: number | undefined): string {
  if (width === undefined || width < 20 || stringWidth(note) <= width) return note;
  return wrapText(note, width - 2)
    .split('\n')
    .map((line, i) => (i === 0 ? line : `  ${line}`))
    .join('\n');
}

/**
 * Wraps each line of a Markdown list to the terminal's width, continuation lines indented under
 * the item's text (still the same list item to a Markdown reader).
 */
export function wrapHanging(text: string, width: number | undefined): string {
  if (width === undefined || width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const indent = (/^(\s*(?:\d+\.|[-*])\s+)/.exec(line)?.[1] ?? '').length;
      const body = wrapText(line.slice(indent), width - indent);
      return body
        .split('\n')
        .map((l, i) => (i === 0 ? `${line.slice(0, indent)}${l}` : `${' '.repeat(indent)}${l}`))
        .join('\n');
    })
    .join('\n');
}
