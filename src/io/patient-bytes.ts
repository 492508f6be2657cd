/**
 * The fast path of patient-file.ts: quote-free lines of a patient-records file typed straight from
 * the bytes, with no string or array per line. Study ids are decoded only when they change (files
 * list a study's patients together); numbers are read as digits, exactly as Number() reads them
 * (an integer below 2^53 over a power of ten up to 10^15 is one correctly rounded division). Any line
 * it does not recognise as plain (spaces to trim, control characters, other spellings, a wrong number
 * of fields) goes to the text path, which types it and reports problems as for every table.
 */
import type { PatientAggregator } from '../core/evidence/patient-aggregate.js';
import { INVISIBLE_CHARACTER } from '../core/text/invisible.js';

const COMMA = 44;
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const TREATMENT = Buffer.from('treatment');
const CONTROL = Buffer.from('control');
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

function same(b: Buffer, start: number, end: number, word: Buffer): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[start + i] !== word[i]) return false;
  return true;
}

export class PatientBytes {
  private readonly bounds: Int32Array;
  private lastStudy = Buffer.alloc(64);
  private lastLength = -1;
  private lastString = '';
  private readonly study: number;
  private readonly arm: number;
  private readonly baseline: number;
  private readonly followup: number;
  private readonly change: number;
  private readonly event: number;
  /** Baseline, follow-up and change of the line being read. */
  private readonly values = new Float64Array(3);
  private readonly followupOnly: boolean;

  private constructor(
    private readonly aggregator: PatientAggregator,
    private readonly width: number,
  ) {
    this.bounds = new Int32Array(2 * width);
    this.study = aggregator.indexOf('study_id');
    this.arm = aggregator.indexOf('arm');
    this.baseline = aggregator.indexOf('baseline');
    this.followup = aggregator.indexOf('followup');
    this.change = aggregator.indexOf('change');
    this.event = aggregator.indexOf('adverse_event');
    this.followupOnly = aggregator.outcomeKind === 'followup';
  }

  /** A byte reader for this file, unless its header has columns only the text path carries. */
  static for(aggregator: PatientAggregator, width: number): PatientBytes | undefined {
    if (aggregator.indexOf('timepoint_weeks') >= 0 || aggregator.indexOf('source') >= 0) return undefined;
    return new PatientBytes(aggregator, width);
  }

  /**
   * Reads the lines of b[0, end) (complete, or the file's last), the first being line `line`; lines it
   * cannot type are given to `slow` as text with their line number. Returns the newlines read.
   */
  lines(b: Buffer, end: number, line: number, slow: (text: string, line: number) => void): number {
    const bounds = this.bounds;
    const width = this.width;
    let newlines = 0;
    let p = 0;
    while (p < end) {
      const lineStart = p;
      let fields = 0;
      let plain = true;
      let start = p;
      for (;;) {
        const c = p < end ? (b[p] as number) : NEWLINE;
        if (c === NEWLINE || c === COMMA) {
          if (fields < width) {
            bounds[2 * fields] = start;
            bounds[2 * fields + 1] = p;
          }
          fields++;
          if (c === NEWLINE) break;
          start = p + 1;
        } else if ((c < SPACE && c !== TAB) || c === 0x7f || c === 0xc2) plain = false;
        p++;
      }
      const lineEnd = p;
      const at = line + newlines;
      if (p < end) newlines++;
      p++;
      if (lineEnd === lineStart) continue;
      if (!plain || fields !== width || !this.typeLine(b, at)) slow(b.toString('utf8', lineStart, lineEnd), at);
    }
    return newlines;
  }

  /**
   * Reads a plain number into values[slot]: NaN for an empty (or absent) cell; false for anything the
   * text path must read. (A slot, not a return value: no boxed number per cell.)
   */
  private number(b: Buffer, field: number, slot: number): boolean {
    const values = this.values;
    values[slot] = NaN;
    if (field < 0) return true;
    let p = this.bounds[2 * field] as number;
    const end = this.bounds[2 * field + 1] as number;
    if (p === end) return true;
    const negative = b[p] === MINUS;
    if (negative) p++;
    let m = 0;
    let digits = 0;
    let decimals = 0;
    for (; p < end; p++) {
      const d = (b[p] as number) - ZERO;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
    }
    if (digits === 0) return false;
    if (p < end && b[p] === DOT) {
      for (p++; p < end; p++) {
        const d = (b[p] as number) - ZERO;
        if (d < 0 || d > 9) break;
        m = m * 10 + d;
        decimals++;
      }
      if (decimals === 0) return false;
      digits += decimals;
    }
    if (p !== end || digits > 15) return false;
    const v = decimals === 0 ? m : m / (POW10[decimals] as number);
    values[slot] = negative ? -v : v;
    return true;
  }

  private typeLine(b: Buffer, line: number): boolean {
    const bounds = this.bounds;
    const s0 = bounds[2 * this.study] as number;
    const s1 = bounds[2 * this.study + 1] as number;
    if (s1 === s0) return false;
    const first = b[s0];
    const last = b[s1 - 1];
    // Trimmed as the text path trims (String.prototype.trim): ASCII space and tab here; any other
    // whitespace it trims is non-ASCII (U+00A0, U+2003, U+3000, U+FEFF...), so a non-ASCII byte at
    // either end sends the line to the text path.
    if (first === SPACE || first === TAB || last === SPACE || last === TAB) return false;
    if ((first as number) >= 0x80 || (last as number) >= 0x80) return false;
    const a0 = bounds[2 * this.arm] as number;
    const a1 = bounds[2 * this.arm + 1] as number;
    const treated = same(b, a0, a1, TREATMENT);
    if (!treated && !same(b, a0, a1, CONTROL)) return false;
    if (!this.number(b, this.baseline, 0) || !this.number(b, this.followup, 1) || !this.number(b, this.change, 2))
      return false;
    let event = -1;
    if (this.event >= 0) {
      const e0 = bounds[2 * this.event] as number;
      const e1 = bounds[2 * this.event + 1] as number;
      const n = e1 - e0;
      if (n === 3 && b[e0] === 121 && b[e0 + 1] === 101 && b[e0 + 2] === 115) event = 1;
      else if (n === 2 && b[e0] === 110 && b[e0 + 1] === 111) event = 0;
      else if (n !== 0) return false;
    }
    const values = this.values;
    // As accumulate: the follow-up, or the change (follow-up minus baseline, else the change column).
    const followup = values[1] as number;
    const both = followup - (values[0] as number);
    const value = this.followupOnly ? followup : both === both ? both : (values[2] as number);
    const length = s1 - s0;
    let known = length === this.lastLength;
    for (let i = 0; known && i < length; i++) if (b[s0 + i] !== this.lastStudy[i]) known = false;
    if (!known) {
      const study = b.toString('utf8', s0, s1);
      // An invisible character inside the id is an error, which the text path reports.
      if (INVISIBLE_CHARACTER.test(study)) return false;
      this.lastString = study;
      if (length > this.lastStudy.length) this.lastStudy = Buffer.alloc(2 * length);
      b.copy(this.lastStudy, 0, s0, s1);
      this.lastLength = length;
    }
    this.aggregator.countPatient();
    this.aggregator.addPlain(line, this.lastString, treated, value, event);
    return true;
  }
}
