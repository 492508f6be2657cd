/**
 * The fast lane of `meta` on a researcher's plain study file: a file of exactly one of the headers
 *   study_id,events_treatment,n_treatment,events_control,n_control          (2×2 tables)
 *   study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control   (means)
 * whose every line is in its plainest form is read straight into columns, with no record, no row
 * object and no string per number. "Plainest" is chosen so that the general reader would type every
 * cell the same way and report no problem, and so that every study is estimable as it stands (no
 * zero-cell correction, no SD of 0):
 * - printable ASCII only, lines ending all in LF or all in CRLF, no empty line, no quote;
 * - a study id that starts with a letter or digit, has no comma and does not end in a space, every
 *   id different from the others;
 * - counts of 1 to 9 digits without a leading zero: 0 < events < n in both arms, n ≥ 2 with means;
 * - means and SDs of at most 15 digits, a minus sign and a decimal point with digits on both sides
 *   allowed (no exponent, no leading zero), read as Number() reads them (-0 too): the digits as a
 *   whole number over a power of ten, both exact, so one rounding; SD > 0.
 * Anything else gives null, and the general reader (validate.ts) reads the file and gives each
 * problem its `file:line:column` message: this lane only ever answers where that one has nothing
 * to say.
 */
import { FNV_PRIME, FNV_START, allDistinct, mixHash } from './distinct.js';
import { COMMA, CR, DEL, DOT, MINUS, NEWLINE, NINE, POW10, QUOTE, SPACE, ZERO } from '../text/char-codes.js';

export const PLAIN_TABLES_HEADER = 'study_id,events_treatment,n_treatment,events_control,n_control';
export const PLAIN_MEANS_HEADER = 'study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control';

/** The 2×2 table of each study, as escalc names its cells: ai, bi treatment events and non-events; ci, di control. */
interface PlainTables {
  kind: 'tables';
  study_id: string[];
  ai: Float64Array;
  bi: Float64Array;
  ci: Float64Array;
  di: Float64Array;
}

/** Each arm's mean, SD and n, as escalc names them (1 treatment, 2 control). */
interface PlainMeans {
  kind: 'means';
  study_id: string[];
  m1i: Float64Array;
  sd1i: Float64Array;
  n1i: Float64Array;
  m2i: Float64Array;
  sd2i: Float64Array;
  n2i: Float64Array;
}

export type PlainStudies = PlainTables | PlainMeans;

const COUNT_DIGITS = 9;
const DECIMAL_DIGITS = 15;

function isAlphanumeric(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Lines after the header: one per line end, plus a last line without one. */
function countLines(text: string, from: number): number {
  let n = 0;
  let at = text.indexOf('\n', from);
  let last = from;
  while (at !== -1) {
    n++;
    last = at + 1;
    at = text.indexOf('\n', last);
  }
  return last < text.length ? n + 1 : n;
}

/**
 * Reads the lines from `p` into `ids` and `columns` (one per field after the id; `decimal[f]`
 * says whether field f may be a signed decimal or only a count); false when a line is not plain.
 */
function readLines(
  text: string,
  p: number,
  crlf: boolean,
  ids: string[],
  decimal: readonly boolean[],
  columns: readonly Float64Array[],
): boolean {
  const k = ids.length;
  const width = columns.length;
  const end = text.length;
  const hashes = new Int32Array(k);
  for (let row = 0; row < k; row++) {
    // The study id: up to the first comma, hashed as it is read for the check that ids differ.
    const start = p;
    const first = text.charCodeAt(p);
    if (!isAlphanumeric(first)) return false;
    let h = Math.imul(FNV_START ^ first, FNV_PRIME);
    for (p++; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === COMMA) break;
      if (c < SPACE || c >= DEL || c === QUOTE) return false;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (p >= end || text.charCodeAt(p - 1) === SPACE) return false;
    ids[row] = text.slice(start, p);
    hashes[row] = mixHash(h);
    for (let f = 0; f < width; f++) {
      p++;
      const negative = decimal[f] === true && text.charCodeAt(p) === MINUS;
      if (negative) p++;
      const from = p;
      let value = 0;
      let point = -1;
      for (; p < end; p++) {
        const c = text.charCodeAt(p);
        const d = c - ZERO;
        if (d >= 0 && d <= 9) value = value * 10 + d;
        else if (c === DOT && point === -1 && decimal[f] === true && p > from) point = p;
        else break;
      }
      const digits = p - from - (point === -1 ? 0 : 1);
      const fraction = point === -1 ? 0 : p - point - 1;
      if (digits === 0 || digits > (decimal[f] === true ? DECIMAL_DIGITS : COUNT_DIGITS)) return false;
      if (point !== -1 && fraction === 0) return false;
      // No leading zero ("007", "00.5"). "-0.00" is -0, as Number() reads it.
      if (text.charCodeAt(from) === ZERO && from + 1 < p && text.charCodeAt(from + 1) !== DOT) return false;
      const magnitude = fraction === 0 ? value : value / (POW10[fraction] ?? 1);
      (columns[f] as Float64Array)[row] = negative ? -magnitude : magnitude;
      // The last line may end the file without a line end.
      if (p >= end) {
        if (f < width - 1) return false;
      } else if (text.charCodeAt(p) !== (f < width - 1 ? COMMA : crlf ? CR : NEWLINE)) return false;
    }
    if (crlf && p < end) {
      if (text.charCodeAt(p + 1) !== NEWLINE) return false;
      p++;
    }
    p++;
  }
  return p >= end && allDistinct(ids, hashes);
}

function tables(ids: string[], [eT, nT, eC, nC]: readonly Float64Array[]): PlainTables | null {
  const k = ids.length;
  const ai = eT as Float64Array;
  const bi = new Float64Array(k);
  const ci = eC as Float64Array;
  const di = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const a = ai[i] ?? 0;
    const c = ci[i] ?? 0;
    const n1 = nT?.[i] ?? 0;
    const n2 = nC?.[i] ?? 0;
    if (!(a > 0 && a < n1 && c > 0 && c < n2)) return null;
    bi[i] = n1 - a;
    di[i] = n2 - c;
  }
  return { kind: 'tables', study_id: ids, ai, bi, ci, di };
}

function means(ids: string[], columns: readonly Float64Array[]): PlainMeans | null {
  const [m1i, sd1i, n1i, m2i, sd2i, n2i] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let i = 0; i < ids.length; i++) {
    if (!((sd1i[i] ?? 0) > 0 && (sd2i[i] ?? 0) > 0 && (n1i[i] ?? 0) >= 2 && (n2i[i] ?? 0) >= 2)) return null;
  }
  return { kind: 'means', study_id: ids, m1i, sd1i, n1i, m2i, sd2i, n2i };
}

/** The file's columns, or null when it is not a plain study file (the general reader then reads it). */
export function plainStudies(text: string): PlainStudies | null {
  const header = text.startsWith(PLAIN_TABLES_HEADER)
    ? PLAIN_TABLES_HEADER
    : text.startsWith(PLAIN_MEANS_HEADER)
      ? PLAIN_MEANS_HEADER
      : null;
  if (header === null) return null;
  let p = header.length;
  const crlf = text.charCodeAt(p) === CR;
  if (crlf) p++;
  if (text.charCodeAt(p) !== NEWLINE) return null;
  p++;
  const k = countLines(text, p);
  const isMeans = header === PLAIN_MEANS_HEADER;
  // Means files: mean, SD, n per arm; the means and SDs may be decimals, the ns are counts.
  const decimal = isMeans ? [true, true, false, true, true, false] : [false, false, false, false];
  // A plain line has at least an id of one character and a digit per field, each after a comma, and
  // all but the last a line end: a file of shorter lines is not plain, and its columns (k of each)
  // are not made at all (a file of newlines would ask for gigabytes).
  const shortest = 1 + 2 * decimal.length;
  if (k === 0 || text.length - p < k * (shortest + 1) - 1) return null;
  const ids = new Array<string>(k);
  const columns = decimal.map(() => new Float64Array(k));
  if (!readLines(text, p, crlf, ids, decimal, columns)) return null;
  return isMeans ? means(ids, columns) : tables(ids, columns);
}
