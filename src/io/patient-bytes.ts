/**
 * The fast path of patient-file.ts: quote-free lines of a patient-records file typed straight from
 * the bytes in one pass, with no string or array per line. Each field is read as the header says it
 * is (study id, arm, number, event, or text it only checks), so every byte is looked at once. Study
 * ids are decoded only when they change (files list a study's patients together); numbers are read
 * as digits, exactly as Number() reads them (an integer below 2^53 over a power of ten up to 10^15 is
 * one correctly rounded division). Any line it does not recognise as plain (spaces to trim, control
 * characters, other spellings, a wrong number of fields) goes to the text path, which types it and
 * reports problems as for every table.
 */
import type { PatientAggregator } from '../core/evidence/patient-aggregate.js';
import { INVISIBLE_CHARACTER } from '../core/text/invisible.js';
import { COMMA, DOT, MINUS, NEWLINE, POW10, SPACE, TAB, ZERO } from '../core/text/char-codes.js';
import { PatientScan, SCAN_MAX_STUDY } from './patient-scan.js';

const TREATMENT = Buffer.from('treatment');
const CONTROL = Buffer.from('control');

/** The kinds (below) of study_id,patient_id,arm,baseline,followup,adverse_event, and of it without patient_id. */
const USUAL_LAYOUT = '1,0,2,3,4,6';
const USUAL_LAYOUT_WITHOUT_ID = '1,2,3,4,6';

/** What the reader does with each field of a line. */
const enum Kind {
  /** Checked for control characters only (patient_id, note, columns of one's own). */
  Text,
  Study,
  Arm,
  Baseline,
  Followup,
  Change,
  Event,
}

const enum Byte {
  Other,
  /** The end of a field: comma or newline. */
  End,
  /** A byte that sends its line to the text path: a control character (tab aside), DEL, or the lead byte of U+0080–U+00BF (C1 controls, NBSP). */
  Special,
}

/** Each byte's class, one look-up per byte of the fields only checked. */
const CLASS = new Uint8Array(256);
for (let c = 0; c < SPACE; c++) CLASS[c] = Byte.Special;
CLASS[TAB] = Byte.Other;
CLASS[NEWLINE] = Byte.End;
CLASS[COMMA] = Byte.End;
CLASS[0x7f] = Byte.Special;
CLASS[0xc2] = Byte.Special;

export class PatientBytes {
  private readonly kinds: Uint8Array;
  private lastStudy = Buffer.alloc(64);
  private lastLength = -1;
  private lastString = '';
  private readonly followupOnly: boolean;
  /** 1 for the usual header, 0 for it without patient_id, -1 for any other. */
  private readonly usual: number;
  /** The number number() read. */
  private read = 0;
  /** Where the study id just read ends. */
  private studyEnd = 0;

  private constructor(
    private readonly aggregator: PatientAggregator,
    width: number,
  ) {
    this.kinds = new Uint8Array(width);
    const set = (name: Parameters<PatientAggregator['indexOf']>[0], kind: Kind) => {
      const i = aggregator.indexOf(name);
      if (i >= 0) this.kinds[i] = kind;
    };
    set('study_id', Kind.Study);
    set('arm', Kind.Arm);
    set('baseline', Kind.Baseline);
    set('followup', Kind.Followup);
    set('change', Kind.Change);
    set('adverse_event', Kind.Event);
    this.followupOnly = aggregator.outcomeKind === 'followup';
    const layout = Array.from(this.kinds).join();
    this.usual = layout === USUAL_LAYOUT ? 1 : layout === USUAL_LAYOUT_WITHOUT_ID ? 0 : -1;
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
    let newlines = 0;
    let p = 0;
    // The usual lines of a study, run after run, go to WebAssembly: its complete lines copied there once.
    const complete = this.usual >= 0 ? b.lastIndexOf(NEWLINE, end - 1) + 1 : 0;
    const scan = complete > 0 ? PatientScan.get(CLASS) : undefined;
    scan?.load(b, complete);
    while (p < end) {
      const at = line + newlines;
      // A line of another study: its id made the current one here (as typeLine would), so that the
      // run starts with it rather than the line going through typeLine.
      if (scan !== undefined && p < complete && !this.sameStudy(b, p, complete)) this.study(b, p, complete);
      if (scan !== undefined && p < complete && this.sameStudy(b, p, complete)) {
        const taken = scan.run(
          this.aggregator,
          this.lastString,
          this.lastStudy,
          this.lastLength,
          p,
          at,
          this.usual === 1,
          this.followupOnly,
        );
        if (taken > 0) {
          newlines += taken;
          p = scan.stopped;
          continue;
        }
      }
      let q = this.usual >= 0 ? this.usualLine(b, p, end, at) : -1;
      if (q < 0) q = this.typeLine(b, p, end, at);
      if (q < 0) {
        q = b.indexOf(NEWLINE, p);
        if (q < 0 || q > end) q = end;
        // (An empty line is no record, as in the text path.)
        if (q > p) slow(b.toString('utf8', p, q), at);
      }
      if (q < end) newlines++;
      p = q + 1;
    }
    return newlines;
  }

  /** Whether the line at p starts with the previous line's study id (of at most SCAN_MAX_STUDY bytes) and a comma. */
  private sameStudy(b: Buffer, p: number, end: number): boolean {
    const n = this.lastLength;
    if (n <= 0 || n > SCAN_MAX_STUDY || end - p <= n || b[p + n] !== COMMA) return false;
    const last = this.lastStudy;
    for (let i = 0; i < n; i++) if (b[p + i] !== last[i]) return false;
    return true;
  }

  /**
   * The usual line of the usual header (study_id,[patient_id,]arm,baseline,followup,adverse_event)
   * whose study is the previous line's, typed with no look-up of what each field is: where it ends,
   * or -1 for typeLine (which reads any line it takes the same way).
   */
  private usualLine(b: Buffer, p: number, end: number, line: number): number {
    const n = this.lastLength;
    if (n <= 0 || end - p <= n) return -1;
    const last = this.lastStudy;
    for (let i = 0; i < n; i++) if (b[p + i] !== last[i]) return -1;
    p += n;
    if (b[p] !== COMMA) return -1;
    p++;
    if (this.usual === 1) {
      // patient_id: checked only.
      for (;;) {
        if (p >= end) return -1;
        const c = b[p] as number;
        if (c === COMMA) break;
        if (CLASS[c] !== Byte.Other) return -1;
        p++;
      }
      p++;
    }
    const word = b[p] === 116 ? TREATMENT : CONTROL;
    const w = word.length;
    if (end - p <= w) return -1;
    for (let i = 0; i < w; i++) if (b[p + i] !== word[i]) return -1;
    p += w;
    if (b[p] !== COMMA) return -1;
    p++;
    let baseline = NaN;
    if (p < end && b[p] !== COMMA) {
      p = this.number(b, p, end);
      if (p < 0) return -1;
      baseline = this.read;
    }
    if (p >= end || b[p] !== COMMA) return -1;
    p++;
    let followup = NaN;
    if (p < end && b[p] !== COMMA) {
      p = this.number(b, p, end);
      if (p < 0) return -1;
      followup = this.read;
    }
    if (p >= end || b[p] !== COMMA) return -1;
    p++;
    let event = -1;
    const c = p < end ? (b[p] as number) : NEWLINE;
    if (c === 121 && end - p >= 3 && b[p + 1] === 101 && b[p + 2] === 115) {
      event = 1;
      p += 3;
    } else if (c === 110 && end - p >= 2 && b[p + 1] === 111) {
      event = 0;
      p += 2;
    }
    if (p < end && b[p] !== NEWLINE) return -1;
    this.aggregator.countPatient();
    this.aggregator.addPlain(
      line,
      this.lastString,
      word === TREATMENT,
      this.followupOnly ? followup : followup - baseline,
      event,
    );
    return p;
  }

  /** A plain number at p (not empty), as typeLine reads it, into `read`: where it ends, or -1. */
  private number(b: Buffer, p: number, end: number): number {
    const negative = b[p] === MINUS;
    if (negative) p++;
    let m = 0;
    let digits = 0;
    for (; p < end; p++) {
      const d = (b[p] as number) - ZERO;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
    }
    if (digits === 0) return -1;
    let decimals = 0;
    if (p < end && b[p] === DOT) {
      for (p++; p < end; p++) {
        const d = (b[p] as number) - ZERO;
        if (d < 0 || d > 9) break;
        m = m * 10 + d;
        decimals++;
      }
      if (decimals === 0) return -1;
    }
    if (digits + decimals > 15) return -1;
    const v = decimals === 0 ? m : m / (POW10[decimals] as number);
    this.read = negative ? -v : v;
    return p;
  }

  /** Types the line starting at p: where it ends (its newline, or end), or -1 for the text path. */
  private typeLine(b: Buffer, p: number, end: number, line: number): number {
    // One function with its state in locals: the hottest loop of a 10^7-row file.
    const kinds = this.kinds;
    const width = kinds.length;
    let baseline = NaN;
    let followup = NaN;
    let change = NaN;
    let treated = false;
    let event = -1;
    for (let f = 0; f < width; f++) {
      const kind = kinds[f];
      let c = p < end ? (b[p] as number) : NEWLINE;
      if (kind === Kind.Text) {
        // Checked only: no byte the text path must see.
        for (;;) {
          const k = CLASS[c];
          if (k === Byte.End) break;
          if (k === Byte.Special) return -1;
          p++;
          c = p < end ? (b[p] as number) : NEWLINE;
        }
      } else if (kind === Kind.Study) {
        // Usually the previous line's id (which is plain): its bytes and then the field's end.
        const last = this.lastStudy;
        const n = this.lastLength;
        let i = 0;
        if (n > 0 && end - p >= n) while (i < n && b[p + i] === last[i]) i++;
        c = i === n && p + n <= end ? (p + n < end ? (b[p + n] as number) : NEWLINE) : SPACE;
        if (CLASS[c] === Byte.End) p += n;
        else {
          if (!this.study(b, p, end)) return -1;
          p = this.studyEnd;
          c = p < end ? (b[p] as number) : NEWLINE;
        }
      } else if (kind === Kind.Arm) {
        const word = c === 116 ? TREATMENT : CONTROL;
        treated = word === TREATMENT;
        const n = word.length;
        if (end - p < n) return -1;
        for (let i = 0; i < n; i++) if (b[p + i] !== word[i]) return -1;
        p += n;
        c = p < end ? (b[p] as number) : NEWLINE;
      } else if (kind === Kind.Event) {
        if (c === 121 && end - p >= 3 && b[p + 1] === 101 && b[p + 2] === 115) {
          event = 1;
          p += 3;
        } else if (c === 110 && end - p >= 2 && b[p + 1] === 111) {
          event = 0;
          p += 2;
        } else if (c !== COMMA && c !== NEWLINE) return -1;
        c = p < end ? (b[p] as number) : NEWLINE;
      } else if (c !== COMMA && c !== NEWLINE) {
        // A number: -?digits(.digits)?, at most 15 digits (else the text path's Number() reads it).
        const negative = c === MINUS;
        if (negative) p++;
        let m = 0;
        let digits = 0;
        for (; p < end; p++) {
          const d = (b[p] as number) - ZERO;
          if (d < 0 || d > 9) break;
          m = m * 10 + d;
          digits++;
        }
        if (digits === 0) return -1;
        let decimals = 0;
        c = p < end ? (b[p] as number) : NEWLINE;
        if (c === DOT) {
          for (p++; p < end; p++) {
            const d = (b[p] as number) - ZERO;
            if (d < 0 || d > 9) break;
            m = m * 10 + d;
            decimals++;
          }
          if (decimals === 0) return -1;
          c = p < end ? (b[p] as number) : NEWLINE;
        }
        if (digits + decimals > 15) return -1;
        let v = decimals === 0 ? m : m / (POW10[decimals] as number);
        if (negative) v = -v;
        if (kind === Kind.Baseline) baseline = v;
        else if (kind === Kind.Followup) followup = v;
        else change = v;
      }
      // The field's end: a comma before every field but the last, which ends the line.
      if (f < width - 1 ? c !== COMMA : c !== NEWLINE) return -1;
      p++;
    }
    // As accumulate: the follow-up, or the change (follow-up minus baseline, else the change column).
    const both = followup - baseline;
    const value = this.followupOnly ? followup : both === both ? both : change;
    this.aggregator.countPatient();
    this.aggregator.addPlain(line, this.lastString, treated, value, event);
    return p - 1;
  }

  /** A study id other than the last line's, made the current one; false when it is not plain. Its end goes to studyEnd. */
  private study(b: Buffer, p: number, end: number): boolean {
    const s0 = p;
    for (; p < end; p++) {
      const k = CLASS[b[p] as number];
      if (k === Byte.End) break;
      if (k === Byte.Special) return false;
    }
    this.studyEnd = p;
    const length = p - s0;
    if (length === 0) return false;
    const first = b[s0] as number;
    const final = b[p - 1] as number;
    // Trimmed as the text path trims (String.prototype.trim): ASCII space and tab here; any other
    // whitespace it trims is non-ASCII (U+00A0, U+2003, U+3000, U+FEFF...), so a non-ASCII byte at
    // either end sends the line to the text path.
    if (first === SPACE || first === TAB || final === SPACE || final === TAB) return false;
    if (first >= 0x80 || final >= 0x80) return false;
    const text = b.toString('utf8', s0, p);
    // An invisible character inside the id is an error, which the text path reports.
    if (INVISIBLE_CHARACTER.test(text)) return false;
    this.lastString = text;
    if (length > this.lastStudy.length) this.lastStudy = Buffer.alloc(2 * length);
    // By hand: Buffer.copy's checks cost more than the few bytes of an id (10^5 studies).
    const last = this.lastStudy;
    for (let i = 0; i < length; i++) last[i] = b[s0 + i] as number;
    this.lastLength = length;
    return true;
  }
}
