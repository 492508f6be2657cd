/**
 * Back-transformations from the analysis scale to the reporting scale, as metafor's `transf.*`.
 */
import { StatsInputError } from './errors.js';
import type { BackTransformed, BackTransformOptions, Measure, Prediction } from './types.js';

/** exp(x): log RR / log OR back to a ratio (metafor `exp`). */
function transfExp(x: number): number {
  return Math.exp(x);
}

/** Inverse logit (metafor `transf.ilogit` = `plogis`), written so neither tail overflows. */
export function transfIlogit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Inverse of the arcsine square-root transform, clamped to [0, 1] (metafor `transf.iarcsin`). */
export function transfIarcsin(x: number): number {
  if (x < 0) return 0;
  if (x > Math.asin(1)) return 1;
  const s = Math.sin(x);
  return s * s;
}

/** Freeman-Tukey transform of a proportion p at sample size n (metafor `transf.pft`). */
export function transfPft(p: number, n: number): number {
  const x = p * n;
  return 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
}

/**
 * Inverse Freeman-Tukey double arcsine at sample size n (Miller 1978; metafor `transf.ipft`).
 * Values beyond the transforms of 0 and 1 are clamped, which is what truncates a PI at 0.
 */
export function transfIpft(x: number, n: number): number {
  if (x > transfPft(1, n)) return 1;
  if (x < transfPft(0, n)) return 0;
  const s = Math.sin(2 * x);
  const inner = s + (s - 1 / s) / n;
  const root = Math.sqrt(1 - inner * inner);
  return 0.5 * (1 - Math.sign(Math.cos(2 * x)) * root);
}

/** Harmonic mean of the study sizes, the n used by `transf.ipft.hm`. */
export function harmonicMean(ni: readonly number[]): number {
  if (ni.length === 0 || ni.some((n) => !(n > 0)))
    throw new StatsInputError('harmonic mean needs positive sample sizes');
  let sumInv = 0;
  for (const n of ni) sumInv += 1 / n;
  return ni.length / sumInv;
}

/** Inverse Freeman-Tukey at the harmonic-mean n of the studies (metafor `transf.ipft.hm`). */
export function transfIpftHm(x: number, ni: readonly number[]): number {
  return transfIpft(x, harmonicMean(ni));
}

/** The back-transformation metafor users pair with each measure; identity for RD, MD, SMD, PR. */
export function backTransform(measure: Measure, x: number, options: BackTransformOptions = {}): number {
  switch (measure) {
    case 'RR':
    case 'OR':
    case 'IRR':
    case 'MNLN':
    case 'ROM':
      return transfExp(x);
    case 'ZCOR':
      // metafor transf.ztor
      return Math.tanh(x);
    case 'PLO':
      return transfIlogit(x);
    case 'PAS':
      return transfIarcsin(x);
    case 'PFT':
      if (options.ni === undefined) throw new StatsInputError('PFT back-transformation needs the study sizes (ni)');
      return transfIpftHm(x, options.ni);
    case 'RD':
    case 'MD':
    case 'SMD':
    case 'PR':
    case 'IRD':
    case 'MN':
    case 'SMCR':
    case 'SMCC':
    case 'COR':
      return x;
  }
}

/** Back-transform a model's estimate, CI and PI (metafor `predict(res, transf = ...)`). */
export function backTransformPrediction(
  prediction: Pick<Prediction, 'pred' | 'ci_lb' | 'ci_ub' | 'pi_lb' | 'pi_ub'>,
  measure: Measure,
  options: BackTransformOptions = {},
): BackTransformed {
  const f = (x: number): number => backTransform(measure, x, options);
  return {
    pred: f(prediction.pred),
    ci_lb: f(prediction.ci_lb),
    ci_ub: f(prediction.ci_ub),
    pi_lb: f(prediction.pi_lb),
    pi_ub: f(prediction.pi_ub),
  };
}
