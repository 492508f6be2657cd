/**
 * Pieces shared by the common-effect methods for 2×2 tables (Mantel-Haenszel, Peto).
 */
import { chiSquareUpperTail, normalQuantile, twoSidedNormalP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { h2FromQ, i2FromQ } from './heterogeneity.js';

export interface ZInference {
  readonly zval: number;
  readonly pval: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
}

/** Wald z test and CI for an estimate with a known standard error. */
export function zInference(estimate: number, se: number, level: number): ZInference {
  const crit = normalQuantile(1 - (1 - level) / 2);
  const zval = estimate / se;
  return { zval, pval: twoSidedNormalP(zval), ci_lb: estimate - crit * se, ci_ub: estimate + crit * se };
}

export interface QHeterogeneity {
  readonly QE: number;
  readonly QE_df: number;
  readonly QEp: number;
  readonly I2: number;
  readonly H2: number;
}

/** Q with kYi − 1 df and the Q-based I²/H² (rma.mh / rma.peto: QE = 0, I² = 0, H² = 1 when kYi ≤ 1). */
export function qHeterogeneity(qe: number, kYi: number): QHeterogeneity {
  if (kYi <= 1) return { QE: 0, QE_df: Math.max(0, kYi - 1), QEp: 1, I2: 0, H2: 1 };
  const QE = Math.max(0, qe);
  const df = kYi - 1;
  return { QE, QE_df: df, QEp: chiSquareUpperTail(QE, df), I2: i2FromQ(QE, df), H2: h2FromQ(QE, df) };
}

/** Percent weights 100·wᵢ/Σw. */
export function toPercent(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (100 * w) / total);
}

/** Validate a confidence level in (0, 1). */
export function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
  return level;
}
