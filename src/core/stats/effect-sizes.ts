/**
 * Per-study effect sizes and sampling variances, as metafor's `escalc` (vtype = "LS").
 */
import { normalQuantile } from './distributions.js';
import { StatsInputError } from './errors.js';
import { logBeta, logGamma } from './special-functions.js';
import type {
  BinaryMeasure,
  ContinuousMeasure,
  EffectSizes,
  EscalcMeasure,
  EscalcOptions,
  EventCount,
  MeanSdPair,
  Measure,
  ProportionMeasure,
  TwoByTwo,
} from './types.js';
import { checkZeroCellTarget, correctCounts, correctTables } from './zero-cells.js';

const BINARY: readonly BinaryMeasure[] = ['RR', 'OR', 'RD'];
const CONTINUOUS: readonly ContinuousMeasure[] = ['MD', 'SMD'];
const PROPORTION: readonly ProportionMeasure[] = ['PLO', 'PR', 'PFT', 'PAS'];
const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

/** RR, OR or RD (escalc's 2×2-table measures). */
export function isBinaryMeasure(m: string): m is BinaryMeasure {
  return (BINARY as readonly string[]).includes(m);
}
/** MD or SMD (escalc's two-group continuous measures). */
export function isContinuousMeasure(m: string): m is ContinuousMeasure {
  return (CONTINUOUS as readonly string[]).includes(m);
}
/** PLO, PR, PFT or PAS (escalc's single-proportion measures). */
function isProportionMeasure(m: string): m is ProportionMeasure {
  return (PROPORTION as readonly string[]).includes(m);
}

/** Validate a measure name coming from user input. */
function checkMeasure(m: string): EscalcMeasure {
  if (isBinaryMeasure(m) || isContinuousMeasure(m) || isProportionMeasure(m)) return m;
  throw new StatsInputError(
    `unknown measure "${m}" (use one of ${[...BINARY, ...CONTINUOUS, ...PROPORTION].join(', ')})`,
  );
}

/**
 * Exact small-sample bias correction of Hedges' g, c(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n1 + n2 − 2
 * (metafor `.cmicalc`). Large m goes through log B((m−1)/2, 1/2) so that no large log-gammas cancel.
 */
export function hedgesCorrection(m: number): number {
  if (!(m > 1)) throw new StatsInputError(`Hedges' correction needs n1 + n2 − 2 > 1, got ${m}`);
  const a = (m - 1) / 2;
  const logRatio = a >= 10 ? LOG_SQRT_PI - logBeta(a, 0.5) : logGamma(m / 2) - logGamma(a);
  return Math.exp(logRatio - 0.5 * Math.log(m / 2));
}

interface YiVi {
  yi: number;
  vi: number;
}

function finiteNonNegative(value: number, what: string, i: number): void {
  if (!(Number.isFinite(value) && value >= 0))
    throw new StatsInputError(`study ${i + 1}: ${what} must be a finite number >= 0, got ${value}`);
}

/** Validate one 2×2 table (non-negative finite counts, both groups non-empty). */
export function checkTable(t: TwoByTwo, i: number): void {
  finiteNonNegative(t.ai, 'ai', i);
  finiteNonNegative(t.bi, 'bi', i);
  finiteNonNegative(t.ci, 'ci', i);
  finiteNonNegative(t.di, 'di', i);
  if (t.ai + t.bi <= 0 || t.ci + t.di <= 0)
    throw new StatsInputError(`study ${i + 1}: both groups need at least one participant`);
}

function continuousEffect(measure: ContinuousMeasure, s: MeanSdPair, i: number): YiVi {
  for (const [v, name] of [
    [s.m1i, 'm1i'],
    [s.m2i, 'm2i'],
  ] as const) {
    if (!Number.isFinite(v)) throw new StatsInputError(`study ${i + 1}: ${name} must be finite, got ${v}`);
  }
  finiteNonNegative(s.sd1i, 'sd1i', i);
  finiteNonNegative(s.sd2i, 'sd2i', i);
  if (!(s.n1i > 0 && s.n2i > 0)) throw new StatsInputError(`study ${i + 1}: group sizes must be > 0`);
  if (measure === 'MD') {
    return { yi: s.m1i - s.m2i, vi: (s.sd1i * s.sd1i) / s.n1i + (s.sd2i * s.sd2i) / s.n2i };
  }
  const m = s.n1i + s.n2i - 2;
  const sdPooled = Math.sqrt(((s.n1i - 1) * s.sd1i * s.sd1i + (s.n2i - 1) * s.sd2i * s.sd2i) / m);
  const g = hedgesCorrection(m) * ((s.m1i - s.m2i) / sdPooled);
  return { yi: g, vi: 1 / s.n1i + 1 / s.n2i + (g * g) / (2 * (s.n1i + s.n2i)) };
}

function proportionEffect(measure: ProportionMeasure, x: number, nonEvents: number): YiVi {
  const n = x + nonEvents;
  const p = x / n;
  switch (measure) {
    case 'PR':
      return { yi: p, vi: (p * (1 - p)) / n };
    case 'PLO':
      return { yi: Math.log(p / (1 - p)), vi: 1 / x + 1 / nonEvents };
    case 'PAS':
      return { yi: Math.asin(Math.sqrt(p)), vi: 1 / (4 * n) };
    case 'PFT':
      return {
        yi: 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1)))),
        vi: 1 / (4 * n + 2),
      };
  }
}

/** As `assemble`, from yi and vi in arrays (made missing, NaN, in place). */
function assembleColumns(
  measure: Measure,
  yi: number[],
  vi: number[],
  corrected: boolean[],
  dropped: boolean[],
  level: number,
): EffectSizes {
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const n = yi.length;
  const sei = new Array<number>(n);
  const ciLb = new Array<number>(n);
  const ciUb = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let y = yi[i] ?? Number.NaN;
    let v = vi[i] ?? Number.NaN;
    if (dropped[i] === true || !Number.isFinite(y) || !Number.isFinite(v)) {
      y = Number.NaN;
      v = Number.NaN;
      yi[i] = y;
      vi[i] = v;
    }
    const se = Math.sqrt(v);
    sei[i] = se;
    ciLb[i] = y - z * se;
    ciUb[i] = y + z * se;
  }
  return { measure, yi, vi, sei, ci_lb: ciLb, ci_ub: ciUb, corrected, dropped };
}

function assemble(
  measure: Measure,
  effects: readonly YiVi[],
  corrected: boolean[],
  dropped: boolean[],
  level: number,
): EffectSizes {
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  // Like escalc, a study that cannot be estimated (log of 0 with to = 'none') becomes missing: NaN.
  const missing = effects.map((e, i) => dropped[i] === true || !Number.isFinite(e.yi) || !Number.isFinite(e.vi));
  const yi = effects.map((e, i) => (missing[i] ? Number.NaN : e.yi));
  const vi = effects.map((e, i) => (missing[i] ? Number.NaN : e.vi));
  const sei = vi.map(Math.sqrt);
  return {
    measure,
    yi,
    vi,
    sei,
    ci_lb: yi.map((y, i) => y - z * (sei[i] ?? Number.NaN)),
    ci_ub: yi.map((y, i) => y + z * (sei[i] ?? Number.NaN)),
    corrected,
    dropped,
  };
}

function escalcBinary(measure: BinaryMeasure, tables: readonly TwoByTwo[], options: EscalcOptions): EffectSizes {
  tables.forEach(checkTable);
  const add = options.add ?? 0.5;
  const fixed = correctTables(tables, add, checkZeroCellTarget(options.to ?? 'only0'), options.drop00 ?? false);
  // yi and vi straight into their arrays: an object per table would be a million more at 10^6 studies.
  const n = fixed.tables.length;
  const yi = new Array<number>(n);
  const vi = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = fixed.tables[i] as TwoByTwo;
    binaryEffect(measure, t.ai, t.bi, t.ci, t.di, yi, vi, i);
  }
  return assembleColumns(measure, yi, vi, fixed.corrected, fixed.dropped, options.level ?? 0.95);
}

/** Writes yi[i] and vi[i] of the table (ai, bi; ci, di), as escalc computes them (vtype = "LS"). */
function binaryEffect(
  measure: BinaryMeasure,
  ai: number,
  bi: number,
  ci: number,
  di: number,
  yi: number[],
  vi: number[],
  i: number,
): void {
  const n1 = ai + bi;
  const n2 = ci + di;
  const p1 = ai / n1;
  const p2 = ci / n2;
  if (measure === 'RR') {
    yi[i] = Math.log(p1) - Math.log(p2);
    vi[i] = 1 / ai - 1 / n1 + 1 / ci - 1 / n2;
  } else if (measure === 'OR') {
    yi[i] = Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
    vi[i] = 1 / ai + 1 / bi + 1 / ci + 1 / di;
  } else {
    yi[i] = p1 - p2;
    vi[i] = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  }
}

/**
 * escalc of 2×2 tables held as columns, none with a zero cell, with escalc's default zero-cell
 * options (add 0.5 to "only0": so nothing is added) and no object per table. Throws on a zero cell,
 * which the caller (the fast lane of a plain file) has already refused.
 */
export function escalcBinaryColumns(
  measure: BinaryMeasure,
  ai: ArrayLike<number>,
  bi: ArrayLike<number>,
  ci: ArrayLike<number>,
  di: ArrayLike<number>,
): { yi: number[]; vi: number[] } {
  const n = ai.length;
  const yi = new Array<number>(n);
  const vi = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const a = ai[i] ?? 0;
    const b = bi[i] ?? 0;
    const c = ci[i] ?? 0;
    const d = di[i] ?? 0;
    if (!(a > 0 && b > 0 && c > 0 && d > 0))
      throw new StatsInputError(`study ${i + 1}: a zero cell needs escalc's correction`);
    binaryEffect(measure, a, b, c, d, yi, vi, i);
  }
  return { yi, vi };
}

function escalcContinuous(
  measure: ContinuousMeasure,
  studies: readonly MeanSdPair[],
  options: EscalcOptions,
): EffectSizes {
  const effects = studies.map((s, i) => continuousEffect(measure, s, i));
  const none = studies.map(() => false);
  return assemble(measure, effects, none, [...none], options.level ?? 0.95);
}

/**
 * escalc of two-group means held as columns (MD or SMD), every SD > 0 and n ≥ 2 (the caller, the
 * fast lane of a plain file, has refused the others): the same formulas as for MeanSdPair objects,
 * through one object reused for every study.
 */
export function escalcMeansColumns(
  measure: ContinuousMeasure,
  columns: Record<'m1i' | 'sd1i' | 'n1i' | 'm2i' | 'sd2i' | 'n2i', ArrayLike<number>>,
): { yi: number[]; vi: number[] } {
  const n = columns.m1i.length;
  const yi = new Array<number>(n);
  const vi = new Array<number>(n);
  const pair: { -readonly [K in keyof MeanSdPair]: number } = { m1i: 0, sd1i: 0, n1i: 0, m2i: 0, sd2i: 0, n2i: 0 };
  for (let i = 0; i < n; i++) {
    pair.m1i = columns.m1i[i] ?? NaN;
    pair.sd1i = columns.sd1i[i] ?? NaN;
    pair.n1i = columns.n1i[i] ?? NaN;
    pair.m2i = columns.m2i[i] ?? NaN;
    pair.sd2i = columns.sd2i[i] ?? NaN;
    pair.n2i = columns.n2i[i] ?? NaN;
    const e = continuousEffect(measure, pair, i);
    if (!(Number.isFinite(e.yi) && Number.isFinite(e.vi) && e.vi > 0))
      throw new StatsInputError(`study ${i + 1}: the effect size is not estimable`);
    yi[i] = e.yi;
    vi[i] = e.vi;
  }
  return { yi, vi };
}

function escalcProportion(
  measure: ProportionMeasure,
  counts: readonly EventCount[],
  options: EscalcOptions,
): EffectSizes {
  counts.forEach((c, i) => {
    finiteNonNegative(c.xi, 'xi', i);
    if (!(Number.isFinite(c.ni) && c.ni > 0)) throw new StatsInputError(`study ${i + 1}: ni must be > 0, got ${c.ni}`);
    if (c.xi > c.ni) throw new StatsInputError(`study ${i + 1}: xi (${c.xi}) exceeds ni (${c.ni})`);
  });
  // metafor adds nothing for the variance-stabilising transforms unless `add` is given explicitly.
  const defaultAdd = measure === 'PFT' || measure === 'PAS' ? 0 : 0.5;
  const fixed = correctCounts(counts, options.add ?? defaultAdd, checkZeroCellTarget(options.to ?? 'only0'));
  const effects = fixed.events.map((x, i) => proportionEffect(measure, x, fixed.nonEvents[i] ?? Number.NaN));
  return assemble(
    measure,
    effects,
    fixed.corrected,
    counts.map(() => false),
    options.level ?? 0.95,
  );
}

function hasKeys(value: unknown, keys: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'number')
  );
}

function checkShape<T>(studies: readonly unknown[], keys: readonly string[], measure: string): readonly T[] {
  studies.forEach((s, i) => {
    if (!hasKeys(s, keys))
      throw new StatsInputError(`study ${i + 1}: measure ${measure} needs numeric fields ${keys.join(', ')}`);
  });
  return studies as readonly T[];
}

/** Effect sizes for 2×2 tables (metafor `escalc(measure = "RR" | "OR" | "RD", ai, bi, ci, di, ...)`). */
export function escalc(measure: BinaryMeasure, studies: readonly TwoByTwo[], options?: EscalcOptions): EffectSizes;
/** Mean differences and Hedges' g (metafor `escalc(measure = "MD" | "SMD", m1i, sd1i, n1i, m2i, sd2i, n2i)`). */
export function escalc(
  measure: ContinuousMeasure,
  studies: readonly MeanSdPair[],
  options?: EscalcOptions,
): EffectSizes;
/** Single proportions (metafor `escalc(measure = "PLO" | "PR" | "PFT" | "PAS", xi, ni, ...)`). */
export function escalc(
  measure: ProportionMeasure,
  studies: readonly EventCount[],
  options?: EscalcOptions,
): EffectSizes;
/** Measure named at run time (e.g. from a CSV); validated, throws StatsInputError when unknown. */
export function escalc(
  measure: string,
  studies: readonly (TwoByTwo | MeanSdPair | EventCount)[],
  options?: EscalcOptions,
): EffectSizes;
export function escalc(measure: string, studies: readonly unknown[], options: EscalcOptions = {}): EffectSizes {
  const m = checkMeasure(measure);
  if (studies.length === 0) throw new StatsInputError('escalc needs at least one study');
  if (isBinaryMeasure(m)) return escalcBinary(m, checkShape<TwoByTwo>(studies, ['ai', 'bi', 'ci', 'di'], m), options);
  if (isContinuousMeasure(m)) {
    return escalcContinuous(
      m,
      checkShape<MeanSdPair>(studies, ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'], m),
      options,
    );
  }
  return escalcProportion(m, checkShape<EventCount>(studies, ['xi', 'ni'], m), options);
}

/** Indices of the studies with finite yi and vi (what rma fits; metafor drops the NAs). */
export function estimableStudies(es: Pick<EffectSizes, 'yi' | 'vi'>): number[] {
  const out: number[] = [];
  es.yi.forEach((y, i) => {
    if (Number.isFinite(y) && Number.isFinite(es.vi[i])) out.push(i);
  });
  return out;
}
