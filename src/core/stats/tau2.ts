/**
 * Estimators of the between-study variance τ² for intercept-only models, as metafor's `rma.uni`:
 * DerSimonian-Laird (closed form), REML and ML (Fisher scoring, started at the Hedges estimate)
 * and Paule-Mandel (root of the generalized Q). Everything is O(k) per iteration; no k×k matrix.
 */
import { StatsConvergenceError } from './errors.js';
import { typicalVariance } from './heterogeneity.js';
import { generalizedQ, sumLogMarginal, weightedFit, type StudyData, type WeightedFit } from './inverse-variance.js';
import { brentRoot } from './roots.js';
import { boundedScoring, type ScoreAt } from './scoring.js';
import type { Tau2Method } from './types.js';

/** Convergence control of the iterative τ² estimators. */
export interface Tau2Control {
  /** Stop when a step is below tol·(τ² + s²). */
  readonly tol: number;
  readonly maxIter: number;
}

/** An estimated τ² and the iterations (or function evaluations) it took. */
export interface Tau2Estimate {
  readonly tau2: number;
  readonly iterations: number;
}

/** DerSimonian-Laird: max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)), w = 1/vᵢ. */
function tau2DerSimonianLaird(data: StudyData): number {
  const fe = weightedFit(data, 0);
  return Math.max(0, (fe.q - (data.k - 1)) / (fe.sumW - fe.sumW2 / fe.sumW));
}

/** Hedges (HE) estimator var(y) − mean(v): metafor's starting value for REML/ML. */
function tau2Hedges(data: StudyData): number {
  const { k, yi, vi } = data;
  let meanY = 0;
  let meanV = 0;
  for (let i = 0; i < k; i++) {
    meanY += yi[i] as number;
    meanV += vi[i] as number;
  }
  meanY /= k;
  meanV /= k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += ((yi[i] as number) - meanY) ** 2;
  return Math.max(0, ss / (k - 1) - meanV);
}

/** REML / ML score and expected information at a weighted fit (Viechtbauer 2005). */
function scoreAt(fit: WeightedFit, method: 'REML' | 'ML'): ScoreAt {
  if (method === 'ML') return { score: fit.sumW2R2 - fit.sumW, information: fit.sumW2 };
  const ratio = fit.sumW2 / fit.sumW;
  const trP = fit.sumW - ratio;
  const trPP = fit.sumW2 - (2 * fit.sumW3) / fit.sumW + ratio * ratio;
  return { score: fit.sumW2R2 - trP, information: trPP };
}

/** Log-likelihood up to a constant that does not depend on τ². */
function logLikelihood(data: StudyData, tau2: number, method: 'REML' | 'ML'): number {
  const fit = weightedFit(data, tau2);
  const ll = -0.5 * sumLogMarginal(data, tau2) - 0.5 * fit.q;
  return method === 'REML' ? ll - 0.5 * Math.log(fit.sumW) : ll;
}

/**
 * REML or ML by Fisher scoring from the Hedges estimate, as metafor, with a bracket on the
 * score's sign change so that an overshooting step cannot make it cycle (./scoring.ts). A
 * maximum on the boundary gives τ² = 0 exactly (metafor creeps there by step halving).
 */
function tau2Scoring(data: StudyData, method: 'REML' | 'ML', control: Tau2Control): Tau2Estimate {
  const fe = weightedFit(data, 0);
  const scale = typicalVariance(data.k, fe.sumW, fe.sumW2);
  const result = boundedScoring((t) => scoreAt(t === 0 ? fe : weightedFit(data, t), method), tau2Hedges(data), {
    tol: control.tol,
    maxIter: control.maxIter,
    scale,
  });
  return checkBoundary(data, result.tau2, method, result.iterations);
}

/** metafor's ll0check: prefer τ² = 0 when it has the higher likelihood (a local maximum was found). */
function checkBoundary(data: StudyData, tau2: number, method: 'REML' | 'ML', iterations: number): Tau2Estimate {
  if (tau2 > 0) {
    const ll = logLikelihood(data, tau2, method);
    const ll0 = logLikelihood(data, 0, method);
    if (ll0 - ll > 1e-10 * (1 + Math.abs(ll))) return { tau2: 0, iterations };
  }
  return { tau2, iterations };
}

/** Paule-Mandel: the τ² at which the generalized Q equals its expectation k − 1. */
function tau2PauleMandel(data: StudyData): Tau2Estimate {
  const target = data.k - 1;
  const f = (t: number): number => generalizedQ(data, t) - target;
  if (f(0) <= 0) return { tau2: 0, iterations: 1 };
  const fe = weightedFit(data, 0);
  let hi = Math.max(tau2DerSimonianLaird(data), typicalVariance(data.k, fe.sumW, fe.sumW2), Number.MIN_VALUE);
  let evaluations = 2;
  while (f(hi) > 0) {
    hi *= 4;
    evaluations++;
    if (!Number.isFinite(hi)) throw new StatsConvergenceError('Paule-Mandel: could not bracket τ²');
  }
  let calls = 0;
  const tau2 = brentRoot(
    (t) => {
      calls++;
      return f(t);
    },
    0,
    hi,
  );
  return { tau2, iterations: evaluations + calls };
}

/** Estimate τ² with the given method (τ² = 0 for FE and whenever k = 1). */
export function estimateTau2(data: StudyData, method: Tau2Method, control: Tau2Control): Tau2Estimate {
  if (method === 'FE' || data.k === 1) return { tau2: 0, iterations: 0 };
  switch (method) {
    case 'DL':
      return { tau2: tau2DerSimonianLaird(data), iterations: 0 };
    case 'REML':
    case 'ML':
      return tau2Scoring(data, method, control);
    case 'PM':
      return tau2PauleMandel(data);
    case 'HE':
      return { tau2: tau2Hedges(data), iterations: 0 };
    case 'HS': {
      // Hunter-Schmidt: (Q − k) / Σw.
      const fe = weightedFit(data, 0);
      return { tau2: Math.max(0, (fe.q - data.k) / fe.sumW), iterations: 0 };
    }
    case 'SJ': {
      // Sidik-Jonkman: one step from τ²₀ = var(y)(k − 1)/k: τ²₀ · Q(τ²₀) / (k − 1).
      const t0 = sampleVariance(data) * ((data.k - 1) / data.k);
      return { tau2: t0 > 0 ? (t0 * weightedFit(data, t0).q) / (data.k - 1) : 0, iterations: 0 };
    }
    case 'EB':
      return tau2EmpiricalBayes(data, control);
  }
}

function sampleVariance(data: StudyData): number {
  let mean = 0;
  for (let i = 0; i < data.k; i++) mean += data.yi[i] as number;
  mean /= data.k;
  let ss = 0;
  for (let i = 0; i < data.k; i++) ss += ((data.yi[i] as number) - mean) ** 2;
  return ss / (data.k - 1);
}

/**
 * Empirical Bayes (Morris 1983) as metafor: from the Hedges estimate, steps
 * (Q(τ²)·k/(k − 1) − k) / Σw(τ²), halved while they would go below 0, until the step is below tol.
 */
function tau2EmpiricalBayes(data: StudyData, control: Tau2Control): Tau2Estimate {
  const k = data.k;
  const fe = weightedFit(data, 0);
  const scale = typicalVariance(k, fe.sumW, fe.sumW2);
  let tau2 = tau2Hedges(data);
  for (let iter = 1; iter <= control.maxIter; iter++) {
    const fit = weightedFit(data, tau2);
    let step = ((fit.q * k) / (k - 1) - k) / fit.sumW;
    // Halving an infinite or NaN step never ends (an information of 0 at extreme variance ratios).
    if (!Number.isFinite(step))
      throw new StatsConvergenceError(`empirical Bayes τ² did not converge (a step of ${step} from τ² = ${tau2})`);
    while (tau2 + step < 0) step /= 2;
    const next = tau2 + step;
    if (Math.abs(step) <= control.tol * (next + scale)) return { tau2: next, iterations: iter };
    tau2 = next;
  }
  throw new StatsConvergenceError(`empirical Bayes τ² did not converge in ${control.maxIter} iterations`);
}
