/**
 * The fast lane of `meta` on a researcher's plain 2×2 file: a file of exactly the header
 * `study_id,events_treatment,n_treatment,events_control,n_control` whose every line is in its
 * plainest form is read straight into columns, with no record, no row object and no string per
 * number. "Plainest" is chosen so that the general reader would type every cell the same way and
 * report no problem, and so that escalc needs no zero-cell correction:
 * - printable ASCII only, lines ending all in LF or all in CRLF, no empty line, no quote;
 * - a study id that starts with a letter or digit, has no comma and does not end in a space, every
 *   id different from the others;
 * - counts of 1 to 9 digits without a leading zero, 0 < events < n in both arms.
 * Anything else gives null, and the general reader (validate.ts) reads the file and gives each
 * problem its `file:line:column` message: this lane only ever answers where that one has nothing
 * to say.
 */
import { FNV_PRIME, FNV_START, allDistinct, mixHash } from './distinct.js';
import { COMMA, CR, DEL, NEWLINE, NINE, QUOTE, SPACE, ZERO } from '../text/char-codes.js';

export const PLAIN_ARM_COUNTS_HEADER = 'study_id,events_treatment,n_treatment,events_control,n_control';

/** The 2×2 table of each study, as escalc names its cells: ai, bi treatment events and non-events; ci, di control. */
export interface PlainArmCounts {
  study_id: string[];
  ai: Float64Array;
  bi: Float64Array;
  ci: Float64Array;
  di: Float64Array;
}

const MAX_DIGITS = 9;

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

/** The file's columns, or null when any line is not plain (the general reader then reads it). */
export function plainArmCounts(text: string): PlainArmCounts | null {
  if (!text.startsWith(PLAIN_ARM_COUNTS_HEADER)) return null;
  let p = PLAIN_ARM_COUNTS_HEADER.length;
  const crlf = text.charCodeAt(p) === CR;
  if (crlf) p++;
  if (text.charCodeAt(p) !== NEWLINE) return null;
  p++;
  const k = countLines(text, p);
  if (k === 0) return null;
  const ids = new Array<string>(k);
  const ai = new Float64Array(k);
  const bi = new Float64Array(k);
  const ci = new Float64Array(k);
  const di = new Float64Array(k);
  const hashes = new Int32Array(k);
  const counts = new Float64Array(4);
  const end = text.length;
  for (let row = 0; row < k; row++) {
    // The study id: up to the first comma.
    const start = p;
    const first = text.charCodeAt(p);
    if (!isAlphanumeric(first)) return null;
    // Hashed as it is read, for the check that no two ids are the same.
    let h = Math.imul(FNV_START ^ first, FNV_PRIME);
    for (p++; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === COMMA) break;
      if (c < SPACE || c >= DEL || c === QUOTE) return null;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (p >= end || text.charCodeAt(p - 1) === SPACE) return null;
    ids[row] = text.slice(start, p);
    hashes[row] = mixHash(h);
    // Four counts, each after a comma; the last ends the line.
    for (let f = 0; f < 4; f++) {
      p++;
      const from = p;
      let value = 0;
      for (; p < end; p++) {
        const d = text.charCodeAt(p) - ZERO;
        if (d < 0 || d > 9) break;
        value = value * 10 + d;
      }
      const digits = p - from;
      if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && text.charCodeAt(from) === ZERO)) return null;
      counts[f] = value;
      // The last line may end the file without a line end.
      if (p >= end) {
        if (f < 3) return null;
      } else if (text.charCodeAt(p) !== (f < 3 ? COMMA : crlf ? CR : NEWLINE)) return null;
    }
    if (crlf && p < end) {
      if (text.charCodeAt(p + 1) !== NEWLINE) return null;
      p++;
    }
    p++;
    const eT = counts[0] ?? 0;
    const nT = counts[1] ?? 0;
    const eC = counts[2] ?? 0;
    const nC = counts[3] ?? 0;
    if (!(eT > 0 && eT < nT && eC > 0 && eC < nC)) return null;
    ai[row] = eT;
    bi[row] = nT - eT;
    ci[row] = eC;
    di[row] = nC - eC;
  }
  if (p < end || !allDistinct(ids, hashes)) return null;
  return { study_id: ids, ai, bi, ci, di };
}
