/**
 * Q-profile confidence interval for τ² (Viechtbauer 2007), as metafor's `confint.rma.uni`
 * (type = "QP"), including its search limit τ²max = max(100, 10·τ̂²).
 */
import { chiSquareQuantile } from './distributions.js';
import { generalizedQ, type StudyData } from './inverse-variance.js';
import { brentRoot } from './roots.js';

/** Bounds of the Q-profile CI of τ². */
export interface Tau2Interval {
  readonly lb: number;
  readonly ub: number;
  /** The upper bound is the search limit: the data cannot bound τ² from above. */
  readonly ubAtLimit: boolean;
}

/** Where the search stops: metafor's default max(100, 10·τ̂²), or a caller-supplied floor instead of 100. */
function qProfileLimit(tau2Hat: number, tau2Max = 100): number {
  return Math.max(tau2Max, 10 * tau2Hat);
}

/**
 * The τ² values where the generalized Q crosses the χ²(k − 1) quantiles at (1 ± level)/2.
 * Follows metafor's case analysis: a bound whose crossing lies below 0 is 0, one above the
 * search limit is the limit. Requires k ≥ 2.
 */
export function qProfileCI(data: StudyData, tau2Hat: number, level: number, tau2Max = 100): Tau2Interval {
  const df = data.k - 1;
  const alpha = 1 - level;
  const critUpper = chiSquareQuantile(1 - alpha / 2, df);
  const critLower = chiSquareQuantile(alpha / 2, df);
  const limit = qProfileLimit(tau2Hat, tau2Max);
  const qAtZero = generalizedQ(data, 0);
  const qAtLimit = generalizedQ(data, limit);
  const crossing = (crit: number): number => brentRoot((t) => generalizedQ(data, t) - crit, 0, limit);

  if (qAtLimit > critUpper) return { lb: limit, ub: limit, ubAtLimit: true };
  if (qAtZero < critLower) return { lb: 0, ub: 0, ubAtLimit: false };
  const lb = qAtZero < critUpper ? 0 : crossing(critUpper);
  if (qAtLimit > critLower) return { lb, ub: limit, ubAtLimit: true };
  return { lb, ub: crossing(critLower), ubAtLimit: false };
}
