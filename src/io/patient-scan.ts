/**
 * The WebAssembly half of the patient byte reader (patient-scan.wat, assembled into
 * patient-scan-wasm.ts): runs of usual lines of one study typed and folded into its arms without
 * JavaScript per byte. One instance per process, made on first use (a patient file read); every use
 * copies what it reads into the module's memory and hands the arms back before it returns, so
 * readers that interleave (two files read at once) never see each other's state.
 */
import type { PatientAggregator } from '../core/evidence/patient-aggregate.js';
import { POW10 } from '../core/text/char-codes.js';
import { PATIENT_SCAN_WASM } from './patient-scan-wasm.js';

/** The layout of the module's memory (see patient-scan.wat). */
const POWERS = 256;
const STATE = 384;
const LINES = 472;
const STUDY = 1024;
/** The longest study id the module compares (a longer one is read by the JavaScript reader). */
export const SCAN_MAX_STUDY = 65536 - STUDY;
const DATA = 65536;
/** Bytes the module may read past a line's newline (it compares 8 bytes at a time). */
const SLACK = 16;
const PAGE = 65536;

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  scan(p: number, end: number, n: number, withId: number, followupOnly: number): number;
}

/**
 * The global WebAssembly object, what this file uses of it (the project's lib, ES2023, has no types
 * for it); absent when Node runs without it (`node --jitless`), and then the JavaScript reader reads all.
 */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly?: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: unknown };
  };
};

export class PatientScan {
  private static made: PatientScan | undefined;
  private bytes: Uint8Array;
  private reals: Float64Array;
  private counts: Int32Array;
  /** The bytes loaded, and where the last run stopped. */
  private loaded = 0;
  stopped = 0;

  private constructor(private readonly exports: Exports) {
    this.bytes = new Uint8Array(0);
    this.reals = new Float64Array(0);
    this.counts = new Int32Array(0);
    this.views();
  }

  /** The one instance, with the tables it reads (from the same constants as the JavaScript reader); none without WebAssembly. */
  static get(classes: Uint8Array): PatientScan | undefined {
    if (PatientScan.made === undefined && wasm !== undefined) {
      const module = new wasm.Module(Buffer.from(PATIENT_SCAN_WASM, 'base64'));
      const scan = new PatientScan(new wasm.Instance(module, {}).exports as Exports);
      scan.bytes.set(classes, 0);
      scan.reals.set(POW10, POWERS / 8);
      PatientScan.made = scan;
    }
    return PatientScan.made;
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.reals = new Float64Array(buffer);
    this.counts = new Int32Array(buffer);
  }

  /** Makes room for `length` bytes of lines (the views change when the memory grows). */
  private room(length: number): void {
    const needed = DATA + length + SLACK - this.exports.memory.buffer.byteLength;
    if (needed > 0) {
      this.exports.memory.grow(Math.ceil(needed / PAGE));
      this.views();
    }
  }

  /** Copies b[0, end), complete lines, into the module's memory, for the runs (below) over them. */
  load(b: Uint8Array, end: number): void {
    this.room(end);
    this.bytes.set(b.subarray(0, end), DATA);
    this.loaded = end;
  }

  /**
   * Takes the usual lines of `study` (its bytes `id`, length n) from p on in the bytes loaded, the
   * first being line `line`, into the study's arms: the lines taken (0 when the first is not one),
   * the next line then starting at `stopped`.
   */
  run(
    aggregator: PatientAggregator,
    study: string,
    id: Uint8Array,
    n: number,
    p: number,
    line: number,
    withId: boolean,
    followupOnly: boolean,
  ): number {
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) bytes[STUDY + i] = id[i] as number;
    aggregator.loadArms(study, this.reals, STATE / 8, this.counts, STATE / 4 + 12);
    this.stopped = this.exports.scan(DATA + p, DATA + this.loaded, n, withId ? 1 : 0, followupOnly ? 1 : 0) - DATA;
    const taken = this.counts[LINES / 4] as number;
    if (taken > 0) aggregator.storeArms(study, line, taken, this.reals, STATE / 8, this.counts, STATE / 4 + 12);
    return taken;
  }
}
