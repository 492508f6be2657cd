/**
 * Fisher scoring for a variance component, kept inside a bracket of the score's sign change.
 * Plain Fisher scoring (metafor's algorithm) can overshoot and cycle on awkward data; here every
 * step that would leave the current bracket is replaced by bisection, so the iteration always
 * converges, and takes exactly metafor's steps whenever those stay inside.
 */
import { StatsConvergenceError } from './errors.js';

/** Score (derivative of the log-likelihood, up to a positive factor) and expected information. */
export interface ScoreAt {
  readonly score: number;
  readonly information: number;
}

export interface ScoringControl {
  /** Convergence: |step| ≤ tol·(τ² + scale). */
  readonly tol: number;
  readonly maxIter: number;
  /** Natural size of τ² (the typical within-study variance). */
  readonly scale: number;
}

export interface ScoringResult {
  readonly tau2: number;
  readonly iterations: number;
}

/**
 * Root of the score on [0, ∞) where it crosses from positive to negative, started at `start`.
 * Returns 0 when the score is not positive at 0 or at the start (the maximum is on the boundary).
 */
export function boundedScoring(
  evaluate: (tau2: number) => ScoreAt,
  start: number,
  control: ScoringControl,
): ScoringResult {
  const atZero = evaluate(0);
  let lo: number;
  let tau2: number;
  if (atZero.score > 0) {
    lo = 0;
    tau2 = Math.max(0, start);
  } else {
    // Not increasing at 0: an interior maximum needs a point with a positive score above it.
    if (!(start > 0)) return { tau2: 0, iterations: 1 };
    if (!(evaluate(start).score > 0)) return descendFrom(evaluate, start, control);
    lo = start;
    tau2 = start;
  }
  let hi = Infinity;
  let previousStep = Infinity;
  for (let iter = 1; iter <= control.maxIter; iter++) {
    const { score, information } = tau2 === 0 ? atZero : evaluate(tau2);
    if (score === 0) return { tau2, iterations: iter };
    if (score > 0) lo = tau2;
    else hi = tau2;
    const step = score / information;
    let next = tau2 + step;
    // As in rtsafe: bisect when the step leaves the bracket or does not at least halve, which
    // is what breaks the slow two-cycles that plain Fisher scoring can fall into.
    const bisect = !(next > lo && next < hi) || Math.abs(step) > 0.5 * Math.abs(previousStep);
    if (bisect && Number.isFinite(hi)) next = 0.5 * (lo + hi);
    else if (bisect && !(next > lo)) next = 2 * tau2 + control.scale;
    previousStep = next - tau2;
    const tolerance = control.tol * (next + control.scale);
    if (Math.abs(next - tau2) <= tolerance || hi - lo <= tolerance) return { tau2: next, iterations: iter };
    tau2 = next;
  }
  throw new StatsConvergenceError(`Fisher scoring did not converge in ${control.maxIter} iterations`);
}

/**
 * Decreasing at 0 and at the start: the likelihood may still have a local maximum between them
 * (a non-concave ML/REML likelihood). metafor's Fisher scoring walks down from the start, halving
 * any step that would go below 0, and stops at that maximum if there is one; this does the same
 * and keeps the walk inside a bracket once a positive score is seen. Returns 0 when the walk
 * reaches the boundary.
 */
function descendFrom(evaluate: (tau2: number) => ScoreAt, start: number, control: ScoringControl): ScoringResult {
  let tau2 = start;
  let hi = start;
  let lo = 0;
  let positive = false;
  for (let iter = 1; iter <= control.maxIter; iter++) {
    const { score, information } = evaluate(tau2);
    if (score === 0) return { tau2, iterations: iter };
    if (score > 0) {
      lo = tau2;
      positive = true;
    } else hi = tau2;
    let step = score / information;
    // Halving an infinite or NaN step never ends (an information of 0 at extreme variance ratios).
    if (!Number.isFinite(step))
      throw new StatsConvergenceError(
        `Fisher scoring did not converge (a step of ${step} from τ² = ${tau2}: the information is 0 or not finite)`,
      );
    while (tau2 + step < 0) step /= 2;
    let next = tau2 + step;
    if (positive && !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const tolerance = control.tol * (next + control.scale);
    if (Math.abs(next - tau2) <= tolerance || (positive && hi - lo <= tolerance))
      return { tau2: positive || next > tolerance ? next : 0, iterations: iter };
    tau2 = next;
  }
  throw new StatsConvergenceError(`Fisher scoring did not converge in ${control.maxIter} iterations`);
}
