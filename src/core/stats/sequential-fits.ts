/**
 * Collects a series of intercept-only fits (leave-one-out, cumulative) into metafor's columns.
 */
import { testStatistic } from './rma.js';
import type { RmaResult, SequentialFits } from './types.js';

/** What one refit contributes to a leave1out/cumul row: a fit holds per-study arrays, this does not. */
interface FitSummary {
  estimate: number;
  se: number;
  zval: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  QE: number;
  QEp: number;
  tau2: number;
  I2: number;
  H2: number;
}

/**
 * The row of one refit, taken at once so that k refits of k studies hold k rows, not k fits with
 * their weights (25,000 studies: 4 GB, then out of memory).
 */
export function summarise(f: RmaResult): FitSummary {
  const { estimate, se, pval, ci_lb, ci_ub, QE, QEp, tau2, I2, H2 } = f;
  return { estimate, se, zval: testStatistic(f), pval, ci_lb, ci_ub, QE, QEp, tau2, I2, H2 };
}

/** metafor's leave1out/cumul columns (estimate, se, zval, ..., H2) from the rows of the refits. */
export function collectFits(fits: readonly FitSummary[]): SequentialFits {
  return {
    estimate: fits.map((f) => f.estimate),
    se: fits.map((f) => f.se),
    zval: fits.map((f) => f.zval),
    pval: fits.map((f) => f.pval),
    ci_lb: fits.map((f) => f.ci_lb),
    ci_ub: fits.map((f) => f.ci_ub),
    Q: fits.map((f) => f.QE),
    Qp: fits.map((f) => f.QEp),
    tau2: fits.map((f) => f.tau2),
    I2: fits.map((f) => f.I2),
    H2: fits.map((f) => f.H2),
  };
}

/** The studies at `indices` as a fresh pair of arrays. */
export function pick(
  data: { readonly yi: Float64Array; readonly vi: Float64Array },
  indices: readonly number[],
): { yi: Float64Array; vi: Float64Array } {
  const yi = new Float64Array(indices.length);
  const vi = new Float64Array(indices.length);
  indices.forEach((idx, j) => {
    yi[j] = data.yi[idx] as number;
    vi[j] = data.vi[idx] as number;
  });
  return { yi, vi };
}
