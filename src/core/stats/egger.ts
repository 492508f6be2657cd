/**
 * Egger's regression test for funnel-plot asymmetry (metafor `regtest`, predictor = "sei").
 */
import { tQuantile, twoSidedTP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { metaRegression } from './meta-regression.js';
import type { EggerLmResult, EggerRmaResult, RmaOptions } from './types.js';

function standardErrors(vi: ArrayLike<number>): number[] {
  return Array.from(vi, (v) => Math.sqrt(v));
}

/**
 * Mixed-effects version (metafor `regtest(res, model = "rma", predictor = "sei")`, the default):
 * yi ~ sei with the model's τ² method and test; the slope tests asymmetry, the intercept is the
 * "limit estimate" as sei → 0.
 */
export function eggerTest(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions = {}): EggerRmaResult {
  if (yi.length < 3) throw new StatsInputError("Egger's test needs k >= 3");
  const fit = metaRegression(yi, vi, [standardErrors(vi)], options);
  return {
    model: 'rma',
    zval: fit.zval[1] as number,
    pval: fit.pval[1] as number,
    df: fit.df,
    slope: fit.b[1] as number,
    slope_se: fit.se[1] as number,
    limit_estimate: fit.b[0] as number,
    limit_ci_lb: fit.ci_lb[0] as number,
    limit_ci_ub: fit.ci_ub[0] as number,
    tau2: fit.tau2,
  };
}

/**
 * Classical Egger test (metafor `regtest(res, model = "lm")`): weighted least squares
 * lm(yi ~ sei, weights = 1/vi) with the residual scale estimated; t test of the slope on k − 2 df.
 */
export function eggerTestLm(yi: ArrayLike<number>, vi: ArrayLike<number>, level = 0.95): EggerLmResult {
  const k = yi.length;
  if (k < 3) throw new StatsInputError("Egger's test needs k >= 3");
  // An FE meta-regression is the same WLS fit with the scale fixed at 1; rescale its se by σ̂.
  const fe = metaRegression(yi, vi, [standardErrors(vi)], { method: 'FE', level });
  const df = k - 2;
  const sigma = Math.sqrt(fe.QE / df);
  const se0 = (fe.se[0] as number) * sigma;
  const se1 = (fe.se[1] as number) * sigma;
  const intercept = fe.b[0] as number;
  const slope = fe.b[1] as number;
  const tval = slope / se1;
  const crit = tQuantile(1 - (1 - level) / 2, df);
  return {
    model: 'lm',
    tval,
    df,
    pval: twoSidedTP(tval, df),
    intercept,
    slope,
    limit_estimate: intercept,
    limit_ci_lb: intercept - crit * se0,
    limit_ci_ub: intercept + crit * se0,
  };
}
