/**
 * More of metafor's `escalc` measures: incidence rates (IRR, IRD), single-group means (MN, MNLN),
 * the ratio of means (ROM), standardized mean changes of pre/post designs (SMCR, SMCC) and
 * correlations (COR, ZCOR). Defaults follow escalc: vtype "LS"; for IRR/IRD add = 1/2 to both
 * event counts of a study with a zero count (to = "only0"), drop00 = FALSE.
 */
import { StatsInputError } from './errors.js';
import { hedgesCorrection } from './effect-sizes.js';
import type { ZeroCellOptions } from './types.js';

export type RateMeasure = 'IRR' | 'IRD';
export type MeanMeasure = 'MN' | 'MNLN';
export type ChangeMeasure = 'SMCR' | 'SMCC';
export type CorrelationMeasure = 'COR' | 'ZCOR';

/** x1i events over t1i person-time in group 1, x2i over t2i in group 2. */
export interface PersonTime {
  readonly x1i: number;
  readonly t1i: number;
  readonly x2i: number;
  readonly t2i: number;
}

/** One group's mean, SD and size. */
export interface OneMean {
  readonly mi: number;
  readonly sdi: number;
  readonly ni: number;
}

/**
 * A pre/post design in one group, as escalc's arguments: m1i the later (post) mean, m2i the
 * earlier (pre) mean, ni the size, ri the pre/post correlation; SMCR standardizes by sd1i (give the
 * pre-test SD), SMCC by the SD of the change from sd1i, sd2i and ri.
 */
export interface PrePost {
  readonly m1i: number;
  readonly m2i: number;
  readonly sd1i: number;
  readonly sd2i?: number;
  readonly ni: number;
  readonly ri: number;
}

export interface Correlation {
  readonly ri: number;
  readonly ni: number;
}

export interface YiVi {
  readonly yi: number[];
  readonly vi: number[];
}

function finite(value: number, what: string, i: number): number {
  if (!Number.isFinite(value)) throw new StatsInputError(`study ${i + 1}: ${what} must be a finite number`);
  return value;
}

/** escalc("IRR" | "IRD", x1i, t1i, x2i, t2i) with metafor's zero-count options. */
export function escalcRates(measure: RateMeasure, studies: readonly PersonTime[], zero: ZeroCellOptions = {}): YiVi {
  const add = zero.add ?? 0.5;
  const to = zero.to ?? 'only0';
  const anyZero = studies.some((s) => s.x1i === 0 || s.x2i === 0);
  const yi: number[] = [];
  const vi: number[] = [];
  studies.forEach((s, i) => {
    for (const [v, name] of [
      [s.x1i, 'x1i'],
      [s.x2i, 'x2i'],
    ] as const)
      if (!(finite(v, name, i) >= 0)) throw new StatsInputError(`study ${i + 1}: ${name} must be ≥ 0`);
    for (const [v, name] of [
      [s.t1i, 't1i'],
      [s.t2i, 't2i'],
    ] as const)
      if (!(finite(v, name, i) > 0)) throw new StatsInputError(`study ${i + 1}: person-time ${name} must be > 0`);
    if (zero.drop00 && s.x1i === 0 && s.x2i === 0) {
      yi.push(Number.NaN);
      vi.push(Number.NaN);
      return;
    }
    const hasZero = s.x1i === 0 || s.x2i === 0;
    const correct = to === 'all' || (to === 'only0' && hasZero) || (to === 'if0all' && anyZero);
    const x1 = correct ? s.x1i + add : s.x1i;
    const x2 = correct ? s.x2i + add : s.x2i;
    const r1 = x1 / s.t1i;
    const r2 = x2 / s.t2i;
    if (measure === 'IRR') {
      yi.push(Math.log(r1) - Math.log(r2));
      vi.push(1 / x1 + 1 / x2);
    } else {
      yi.push(r1 - r2);
      vi.push(r1 / s.t1i + r2 / s.t2i);
    }
  });
  return { yi, vi };
}

/** escalc("MN" | "MNLN", mi, sdi, ni). */
export function escalcMeans(measure: MeanMeasure, studies: readonly OneMean[]): YiVi {
  studies.forEach((s, i) => {
    if (!(finite(s.sdi, 'sdi', i) >= 0)) throw new StatsInputError(`study ${i + 1}: sdi must be ≥ 0`);
    if (!(finite(s.ni, 'ni', i) > 0)) throw new StatsInputError(`study ${i + 1}: ni must be > 0`);
    if (measure === 'MNLN' && !(finite(s.mi, 'mi', i) > 0))
      throw new StatsInputError(`study ${i + 1}: MNLN needs a positive mean`);
  });
  return measure === 'MN'
    ? { yi: studies.map((s) => s.mi), vi: studies.map((s) => (s.sdi * s.sdi) / s.ni) }
    : {
        yi: studies.map((s) => Math.log(s.mi)),
        vi: studies.map((s) => (s.sdi * s.sdi) / (s.ni * s.mi * s.mi)),
      };
}

/** escalc("ROM", m1i, sd1i, n1i, m2i, sd2i, n2i): log ratio of means, vtype "LS". */
export function escalcROM(
  studies: readonly { m1i: number; sd1i: number; n1i: number; m2i: number; sd2i: number; n2i: number }[],
): YiVi {
  studies.forEach((s, i) => {
    if (!(s.m1i > 0 && s.m2i > 0)) throw new StatsInputError(`study ${i + 1}: ROM needs positive means`);
  });
  return {
    yi: studies.map((s) => Math.log(s.m1i / s.m2i)),
    vi: studies.map((s) => (s.sd1i * s.sd1i) / (s.n1i * s.m1i * s.m1i) + (s.sd2i * s.sd2i) / (s.n2i * s.m2i * s.m2i)),
  };
}

/** escalc("SMCR" | "SMCC", m1i, m2i, sd1i[, sd2i], ni, ri), vtype "LS". */
export function escalcChange(measure: ChangeMeasure, studies: readonly PrePost[]): YiVi {
  const yi: number[] = [];
  const vi: number[] = [];
  studies.forEach((s, i) => {
    if (!(Math.abs(finite(s.ri, 'ri', i)) <= 1)) throw new StatsInputError(`study ${i + 1}: ri must lie in [-1, 1]`);
    if (!(finite(s.ni, 'ni', i) > 0)) throw new StatsInputError(`study ${i + 1}: ni must be > 0`);
    const c = hedgesCorrection(s.ni - 1);
    if (measure === 'SMCR') {
      const y = (c * (s.m1i - s.m2i)) / s.sd1i;
      yi.push(y);
      vi.push((2 * (1 - s.ri)) / s.ni + (y * y) / (2 * s.ni));
      return;
    }
    const sd2 = s.sd2i;
    if (sd2 === undefined) throw new StatsInputError(`study ${i + 1}: SMCC needs both SDs`);
    const sdChange = Math.sqrt(s.sd1i * s.sd1i + sd2 * sd2 - 2 * s.ri * s.sd1i * sd2);
    const y = (c * (s.m1i - s.m2i)) / sdChange;
    yi.push(y);
    vi.push(1 / s.ni + (y * y) / (2 * s.ni));
  });
  return { yi, vi };
}

/** escalc("COR" | "ZCOR", ri, ni): raw correlation (vtype "LS") or Fisher's z. */
export function escalcCorrelation(measure: CorrelationMeasure, studies: readonly Correlation[]): YiVi {
  studies.forEach((s, i) => {
    if (!(Math.abs(finite(s.ri, 'ri', i)) <= 1)) throw new StatsInputError(`study ${i + 1}: ri must lie in [-1, 1]`);
    if (!(finite(s.ni, 'ni', i) > (measure === 'ZCOR' ? 3 : 1)))
      throw new StatsInputError(`study ${i + 1}: ni must be > ${measure === 'ZCOR' ? 3 : 1}`);
  });
  return measure === 'COR'
    ? { yi: studies.map((s) => s.ri), vi: studies.map((s) => (1 - s.ri * s.ri) ** 2 / (s.ni - 1)) }
    : { yi: studies.map((s) => Math.atanh(s.ri)), vi: studies.map((s) => 1 / (s.ni - 3)) };
}
