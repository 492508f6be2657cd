/**
 * The O(k) sums behind every intercept-only inverse-variance fit. Study data live in
 * Float64Arrays and each evaluation is two passes with no allocation, so that REML at
 * k = 10⁶ costs a few milliseconds per iteration.
 */
import { StatsInputError } from './errors.js';

/** Validated study data of an intercept-only model. */
export interface StudyData {
  readonly k: number;
  readonly yi: Float64Array;
  readonly vi: Float64Array;
}

/** Copy and validate yi/vi: same length, k ≥ 1, finite effects, finite positive variances. */
export function toStudyData(yi: ArrayLike<number>, vi: ArrayLike<number>): StudyData {
  const k = yi.length;
  if (k === 0) throw new StatsInputError('no studies: k = 0');
  if (vi.length !== k) throw new StatsInputError(`yi and vi differ in length (${k} vs ${vi.length})`);
  const y = new Float64Array(k);
  const v = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const yv = yi[i] ?? Number.NaN;
    const vv = vi[i] ?? Number.NaN;
    if (!Number.isFinite(yv)) throw new StatsInputError(`study ${i + 1}: yi must be finite, got ${yv}`);
    if (!Number.isFinite(vv)) throw new StatsInputError(`study ${i + 1}: vi must be finite, got ${vv}`);
    if (vv < 0) throw new StatsInputError(`study ${i + 1}: negative sampling variance vi = ${vv}`);
    if (vv === 0) throw new StatsInputError(`study ${i + 1}: sampling variance vi must be > 0`);
    y[i] = yv;
    v[i] = vv;
  }
  return { k, yi: y, vi: v };
}

/** Sums of the weighted fit at a given τ², with wᵢ = 1/(vᵢ + τ²) and rᵢ = yᵢ − μ̂. */
export interface WeightedFit {
  readonly tau2: number;
  readonly sumW: number;
  readonly sumW2: number;
  readonly sumW3: number;
  /** μ̂ = Σwy / Σw. */
  readonly estimate: number;
  /** Σ w r²: Cochran's Q at τ² = 0, the generalized Q (Q-profile, Paule-Mandel) otherwise. */
  readonly q: number;
  /** Σ w² r² = Y′PPY of the REML/ML score. */
  readonly sumW2R2: number;
}

/** One weighted fit in two passes over the data. */
export function weightedFit(data: StudyData, tau2: number): WeightedFit {
  const { k, yi, vi } = data;
  let sumW = 0;
  let sumWY = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    sumW += w;
    sumWY += w * (yi[i] as number);
  }
  const estimate = sumWY / sumW;
  let sumW2 = 0;
  let sumW3 = 0;
  let q = 0;
  let sumW2R2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / ((vi[i] as number) + tau2);
    const r = (yi[i] as number) - estimate;
    const w2 = w * w;
    const wr2 = w * r * r;
    sumW2 += w2;
    sumW3 += w2 * w;
    q += wr2;
    sumW2R2 += w * wr2;
  }
  return { tau2, sumW, sumW2, sumW3, estimate, q, sumW2R2 };
}

/** Generalized Q(τ²) = Σ wᵢ(τ²)(yᵢ − μ̂(τ²))², decreasing in τ². */
export function generalizedQ(data: StudyData, tau2: number): number {
  return weightedFit(data, tau2).q;
}

/** Σ log(vᵢ + τ²), for the log-likelihoods. */
export function sumLogMarginal(data: StudyData, tau2: number): number {
  let s = 0;
  for (let i = 0; i < data.k; i++) s += Math.log((data.vi[i] as number) + tau2);
  return s;
}
