/**
 * Bytes of a large printout (the CSV and JSON of a million studies): ASCII text and numbers are
 * written straight into a buffer, without a string per cell. A number is written as
 * `String(x)` prints it (ECMAScript Number::toString: the shortest digits that read back as x,
 * the closest of them to x), from exact double arithmetic in the manner of Schubfach (Giulietti):
 * x is scaled by the power of ten that makes the gap to its neighbours between 1 and 10, so the
 * answer is the one multiple of ten in the interval that reads back as x, or else the integer
 * nearest to the scaled x (the even one of two). Where the arithmetic cannot decide (a bound
 * within 1e-9 of a multiple of ten; a power of two, whose interval is lopsided) or x is outside
 * [1e-6, 1e16), `String(x)` answers.
 */

import { DOT, MINUS, ZERO } from '../core/text/char-codes.js';

/** Veltkamp's splitter: a double into two halves of 26 bits whose products are exact. */
const SPLIT = 134217729;
/** 10^0 to 10^22, the powers of ten that are exact doubles, and their Veltkamp halves. */
const P10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const P10_HI = P10.map((p) => {
  const c = SPLIT * p;
  return c - (c - p);
});
const P10_LO = P10.map((p, i) => p - (P10_HI[i] ?? 0));
/**
 * Per biased exponent e (a unit in the last place 2^(e − 1075)): the least s ≥ 0 with
 * 2^(e − 1075)·10^s ≥ 1, and half that gap, 2^(e − 1076)·10^s (the product of two exact powers
 * is exact, so the comparison is). Only e from 1002 (2^-73) to 1076 are filled: the numbers of
 * [1e-6, 1e16), s from 22 to 0.
 */
const SCALE = new Uint8Array(2048);
const HALF_GAP = new Float64Array(2048);
for (let e = 1002; e <= 1076; e++) {
  const gap = 2 ** (e - 1075);
  let s = 0;
  while (gap * (P10[s] ?? 1) < 1) s++;
  SCALE[e] = s;
  HALF_GAP[e] = 2 ** (e - 1076) * (P10[s] ?? 1);
}
/** The two digits of 0 to 99 as the bytes of a little-endian 16-bit word. */
const PAIRS = Uint16Array.from({ length: 100 }, (_, i) => (ZERO + Math.floor(i / 10)) | ((ZERO + (i % 10)) << 8));
/** "0.00" and "0000" as the bytes of little-endian 32-bit words: the start of a number below 1. */
const ZERO_POINT = ZERO | (DOT << 8) | (ZERO << 16) | (ZERO << 24);
const ZEROS = ZERO * 0x01010101;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI_WORD = LITTLE ? 1 : 0;
const LO_WORD = LITTLE ? 0 : 1;
const EPS = 1e-9;
const UTF8 = new TextEncoder();
/** The most bytes a number's writing touches: "-0.00000" and 17 digits, String's 24 characters, and slack. */
const NUMBER_ROOM = 32;
/** A printout's bytes are handed on when this many are written (about a megabyte a chunk). */
export const FLUSH = (1 << 20) - 4096;

/** Bytes encoded once, as little-endian 32-bit words (the last one padded), and their number. */
export interface Piece {
  readonly words: Uint32Array;
  readonly length: number;
}

/** A fixed text (keys, separators, indents) made a Piece. */
export function piece(text: string): Piece {
  const bytes = UTF8.encode(text);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const words = new Uint32Array(padded.length / 4);
  const view = new DataView(padded.buffer);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(4 * i, true);
  return { words, length: bytes.length };
}

/** The table `plain` reads: 1 for each ASCII code `ok` accepts. */
export function plainTable(ok: (code: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: 128 }, (_, c) => (ok(c) ? 1 : 0));
}

/** A buffer that grows as needed; `take()` hands over what was written and starts a new one. */
export class ByteWriter {
  private buf: Uint8Array;
  /** The same bytes, for the number writer's stores of four bytes at a time. */
  private view: DataView;
  private at = 0;

  constructor(private readonly size = 1 << 20) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.at;
  }

  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.buf = new Uint8Array(this.size);
    this.view = new DataView(this.buf.buffer);
    this.at = 0;
    return out;
  }

  private ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(2 * this.buf.length, this.at + n));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  /** A piece encoded once (a printout's fixed keys and separators): copied four bytes a store. */
  piece(p: Piece): void {
    this.ensure(4 * p.words.length);
    this.at = copy(this.view, this.at, p);
  }

  /**
   * Text whose characters `plain` all marks (a table of the ASCII codes that need no escaping or
   * quoting), copied as it is, between `quote` bytes unless that is 0: true. False, and nothing
   * written, at the first other character (the caller then escapes or quotes the text).
   */
  plain(s: string, plain: Uint8Array, quote = 0): boolean {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    const open = quote === 0 ? 0 : 1;
    const at = this.at + open;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || plain[c] === 0) return false;
      buf[at + i] = c;
    }
    if (open === 1) {
      buf[at - 1] = quote;
      buf[at + n] = quote;
    }
    this.at = at + n + open;
    return true;
  }

  /** Text as UTF-8 (ASCII byte by byte, anything else through Buffer.write). */
  text(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.ensure(3 * n);
        this.at += UTF8.encodeInto(s, this.buf.subarray(this.at)).written;
        return;
      }
      buf[at++] = c;
    }
    this.at = at;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.at++] = c;
  }

  /** A finite number as String(x) prints it. */
  number(x: number): void {
    this.ensure(NUMBER_ROOM);
    const end = shortest(this.buf, this.view, this.at, x);
    if (end < 0) this.text(String(x));
    else this.at = end;
  }

  /**
   * Study i's numbers of a printout's line, in one go: columns[k][i] (as String prints it, or
   * `missing` when it is not finite), then after[k], for each k.
   */
  numbers(columns: readonly Float64Array[], i: number, after: readonly Piece[], missing: Piece): void {
    const n = columns.length;
    let room = n * NUMBER_ROOM;
    for (let k = 0; k < n; k++) room += 4 * (after[k]?.words.length ?? 0);
    this.ensure(room);
    const buf = this.buf;
    const view = this.view;
    let at = this.at;
    for (let k = 0; k < n; k++) {
      const x = columns[k]?.[i] ?? NaN;
      if (x - x !== 0) at = copy(view, at, missing);
      else {
        const end = shortest(buf, view, at, x);
        // String(x) of a finite number is ASCII, at most 24 characters.
        if (end < 0) {
          const text = String(x);
          for (let c = 0; c < text.length; c++) buf[at++] = text.charCodeAt(c);
        } else at = end;
      }
      const piece = after[k];
      if (piece) at = copy(view, at, piece);
    }
    this.at = at;
  }
}

/**
 * Writes x at buf[at...] when the double arithmetic decides its digits and returns where they end;
 * -1 (nothing written) when it cannot. There must be room for NUMBER_ROOM bytes at `at`.
 */
function shortest(buf: Uint8Array, view: DataView, start: number, x: number): number {
  if (x === 0) {
    buf[start] = ZERO;
    return start + 1;
  }
  const v = Math.abs(x);
  if (!(v >= 1e-6 && v < 1e16)) return -1;
  F64[0] = v;
  const high = U32[HI_WORD] ?? 0;
  // A power of two has a gap below half the gap above: left to String.
  if ((high & 0xfffff) === 0 && U32[LO_WORD] === 0) return -1;
  const exponent = high >>> 20;
  const s = SCALE[exponent] ?? 0;
  const half = HALF_GAP[exponent] ?? 0;
  // n = v·10^s = hi + lo exactly (Dekker's product; 10^s is exact for s ≤ 22). v's significand m
  // is in [2^52, 2^53) and the gap in [1, 10), so n is in [2^52, 10·2^53): hi is an integer.
  const p = P10[s] ?? 1;
  const hi = v * p;
  const c = SPLIT * v;
  const vh = c - (c - v);
  const vl = v - vh;
  const ph = P10_HI[s] ?? 0;
  const pl = P10_LO[s] ?? 0;
  const lo = vh * ph - hi + vh * pl + vl * ph + vl * pl;
  // n = a·10^8 + b + f with b an integer in [0, 10^8) and f in [0, 1), all exact (a < 2^31).
  const floorLo = Math.floor(lo);
  const f = lo - floorLo;
  let a = Math.floor(hi * 1e-8);
  let b = hi - a * 1e8 + floorLo;
  if (b < 0) {
    a -= 1;
    b += 1e8;
  } else if (b >= 1e8) {
    a += 1;
    b -= 1e8;
  }
  // The numbers that read back as v, scaled: [n − half, n + half], narrower than 10, so it holds
  // at most one multiple of ten: that one if it is there (the shortest digits, with its trailing
  // zeros dropped), else the integer nearest to n, the even one of two as near (f is exact, and
  // half > 0.51: both are inside). Within EPS of a bound (half is rounded) String decides.
  let low = b | 0;
  const r = low - ((low / 10) | 0) * 10;
  const below = r + f;
  const above = 10 - below;
  if (Math.abs(below - half) < EPS || Math.abs(above - half) < EPS) return -1;
  // Chosen by arithmetic rather than branches: which case holds is as good as random.
  const down = +(below < half);
  const up = +(above < half);
  const nearest = +(f > 0.5 || (f === 0.5 && (r & 1) === 1));
  low += 10 * up - (down + up) * r + (1 - down - up) * nearest;
  let top = a | 0;
  if (low >= 100000000) {
    top += 1;
    low -= 100000000;
  }
  // top·10^8 + low has 17 digits when top has 9, else 16; `point` of them before the point.
  const first = (top / 100000000) | 0;
  const long = +(first !== 0);
  top -= first * 100000000;
  const point = 16 + long - s;
  buf[start] = MINUS;
  const at = start + +(x < 0);
  // "0." and five zeros, the start of a number below 1 (point ≤ 0, at most 5 zeros as v ≥ 1e-6);
  // the digits start after them, or at + 1 when point > 0 (then they move left to make room for it).
  view.setUint32(at, ZERO_POINT, true);
  view.setUint32(at + 3, ZEROS, true);
  const zeros = 1 - point;
  let o = at + 1 + (zeros & ~(zeros >> 31));
  buf[o] = ZERO + first;
  o += long;
  writeEight(view, o, top);
  writeEight(view, o + 8, low);
  // The significant digits end before the trailing zeros (there is a nonzero digit: n ≥ 2^52).
  let end = o + 16;
  while (buf[end - 1] === ZERO) end--;
  if (point > 0) {
    // The first `point` digits move left, and the point follows them unless the digits end
    // there (an integer, whose zeros are digits of top·10^8 + low).
    for (let i = 0; i < point; i++) buf[at + i] = buf[at + i + 1] ?? 0;
    if (end - at - 1 > point) buf[at + point] = DOT;
    else end = at + point;
  }
  return end;
}

/** A piece's words stored from byte `at` (there must be room for all of them); returns where its bytes end. */
function copy(view: DataView, at: number, p: Piece): number {
  const words = p.words;
  const n = words.length;
  for (let i = 0; i < n; i++) view.setUint32(at + 4 * i, words[i] ?? 0, true);
  return at + p.length;
}

/** x (0 ≤ x < 10^8) as eight digits at byte o, leading zeros included: four digits a store. */
function writeEight(view: DataView, o: number, x: number): void {
  const high = (x / 10000) | 0;
  const low = (x - high * 10000) | 0;
  const h1 = (high / 100) | 0;
  const l1 = (low / 100) | 0;
  view.setUint32(o, (PAIRS[h1] ?? 0) | ((PAIRS[high - h1 * 100] ?? 0) << 16), true);
  view.setUint32(o + 4, (PAIRS[l1] ?? 0) | ((PAIRS[low - l1 * 100] ?? 0) << 16), true);
}
