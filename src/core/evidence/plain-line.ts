/**
 * The fast path of typeFile: a line of printable ASCII with no quote, the header's number of fields
 * and cells in their plainest form (text without spaces at its ends, a vocabulary word, up to 15
 * digits with an optional sign and decimals, or empty) is typed straight from the text, with no
 * record, no array of cells and no string per number. Any other line is refused and read as a record
 * by the CSV reader, then typed by typeCell, which gives every problem its message: the fast path
 * only ever gives the value typeCell would, never a problem.
 */
import { VOCABULARIES, type Column } from './schema/index.js';
import { decimalsKey } from './derive.js';
import type { Cell } from './table.js';
import { DEL, DOT, MINUS, NINE, POW10, QUOTE, SPACE, ZERO } from '../text/char-codes.js';

/**
 * How a field is typed; every kind has the same keys, so that reading them per field is one shape
 * for V8, not five. `empty`: typed only when empty (booleans, lists, a researcher's x_ column).
 */
interface Kind {
  kind: 'text' | 'enum' | 'integer' | 'number' | 'empty';
  name: string;
  /** An enum's words. */
  valid: readonly string[];
  /** Where a printed number keeps its decimals. */
  decimals: string | undefined;
}

const NO_WORDS: readonly string[] = [];

function kindOf(column: Column | undefined, name: string): Kind {
  if (column === undefined) return { kind: 'empty', name, valid: NO_WORDS, decimals: undefined };
  const type = column.type;
  const decimals = column.printed ? decimalsKey(column.name) : undefined;
  const kind = type.kind;
  if (kind === 'enum') return { kind, name: column.name, valid: VOCABULARIES[type.vocabulary], decimals: undefined };
  if (kind === 'integer' || kind === 'number') return { kind, name: column.name, valid: NO_WORDS, decimals };
  return { kind: kind === 'text' ? 'text' : 'empty', name: column.name, valid: NO_WORDS, decimals: undefined };
}

export type PlainLineTyper = (
  text: string,
  start: number,
  end: number,
  starts: Int32Array,
  cells: Cell[],
) => Record<string, Cell> | undefined;

/**
 * A typer for the lines of one file: given a line text[start, end), the row (a copy of `template`
 * filled as typeFile fills it), each field's 1-based column in `starts` and its typed value in
 * `cells` (header order), or undefined when the line is not plain. `columns` is parallel to the header (undefined for an x_ column).
 */
export function plainLineTyper(
  columns: readonly (Column | undefined)[],
  header: readonly string[],
  template: Readonly<Record<string, Cell>>,
  separator: number,
): PlainLineTyper {
  const width = columns.length;
  const kinds = columns.map((column, i) => kindOf(column, header[i] ?? ''));
  const bounds = new Int32Array(width + 1);
  return (text, start, end, starts, cells) => {
    // Where each field starts (bounds[width] = end + 1): printable ASCII only, no quote.
    let fields = 0;
    bounds[0] = start;
    for (let p = start; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === separator) {
        if (++fields >= width) return undefined;
        bounds[fields] = p + 1;
      } else if (c < SPACE || c >= DEL || c === QUOTE) return undefined;
    }
    if (fields !== width - 1) return undefined;
    bounds[width] = end + 1;
    const row: Record<string, Cell> = { ...template };
    for (let f = 0; f < width; f++) {
      const from = bounds[f] as number;
      const to = (bounds[f + 1] as number) - 1;
      starts[f] = from - start + 1;
      const kind = kinds[f] as Kind;
      if (from === to) {
        row[kind.name] = null;
        cells[f] = null;
        continue;
      }
      switch (kind.kind) {
        case 'text':
        case 'enum': {
          // trim() would change it (the only whitespace a printable ASCII line can hold is a space).
          if (text.charCodeAt(from) === SPACE || text.charCodeAt(to - 1) === SPACE) return undefined;
          const value = text.slice(from, to);
          if (kind.kind === 'enum' && !kind.valid.includes(value)) return undefined;
          row[kind.name] = value;
          cells[f] = value;
          break;
        }
        case 'integer':
        case 'number': {
          let p = from;
          const negative = text.charCodeAt(p) === MINUS;
          // A negative whole number is an error for typeCell to word.
          if (negative && kind.kind === 'integer') return undefined;
          if (negative) p++;
          let mantissa = 0;
          let digits = 0;
          let dot = -1;
          for (; p < to; p++) {
            const c = text.charCodeAt(p);
            if (c >= ZERO && c <= NINE) {
              mantissa = mantissa * 10 + (c - ZERO);
              digits++;
            } else if (c === DOT && dot < 0 && kind.kind === 'number') dot = p;
            else return undefined;
          }
          // Up to 15 digits hold exactly (below 2^53); at least one on each side of a point.
          if (digits === 0 || digits > 15 || dot === from + (negative ? 1 : 0) || dot === to - 1) return undefined;
          const decimals = dot < 0 ? 0 : to - dot - 1;
          // An integer below 2^53 over an exact power of ten is one correctly rounded division:
          // the double nearest the decimal, as Number() reads it (and -0 for "-0").
          const magnitude = decimals === 0 ? mantissa : mantissa / (POW10[decimals] as number);
          const value = negative ? -magnitude : magnitude;
          row[kind.name] = value;
          cells[f] = value;
          if (kind.decimals !== undefined) row[kind.decimals] = decimals;
          break;
        }
        case 'empty':
          return undefined;
      }
    }
    return row;
  };
}
