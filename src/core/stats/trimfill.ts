/**
 * Duval and Tweedie's trim-and-fill, as metafor's `trimfill.rma.uni` (estimators L0 and R0).
 * The side to fill is chosen as metafor does: from the sign of the slope of sqrt(vi) in a
 * meta-regression with the model's τ² method (negative → fill on the right, else on the left).
 */
import { StatsConvergenceError, StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';
import { metaRegression } from './meta-regression.js';
import { fitRma, resolveRmaOptions } from './rma.js';
import type { RmaOptions, RmaResult } from './types.js';

export type TrimfillEstimator = 'L0' | 'R0';
export type TrimfillSide = 'left' | 'right';

export interface TrimfillOptions extends RmaOptions {
  readonly estimator?: TrimfillEstimator;
  /** Side on which studies are missing; default as metafor (from the slope on sqrt(vi)). */
  readonly side?: TrimfillSide;
  readonly maxIter?: number;
}

export interface TrimfillResult {
  readonly estimator: TrimfillEstimator;
  readonly side: TrimfillSide;
  /** Estimated number of missing studies, and its SE (metafor k0, se.k0). */
  readonly k0: number;
  readonly se_k0: number;
  /** R0 only: the probability of k0 or more studies on one side by chance (metafor p.k0). */
  readonly p_k0: number | null;
  /** The filled-in studies (mirror images of the k0 most extreme ones). */
  readonly yi_filled: number[];
  readonly vi_filled: number[];
  /** The model refitted to the observed plus the filled studies (the observed model when k0 = 0). */
  readonly fit: RmaResult;
}

/** R's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Ranks of |x| with ties broken by position (R rank(ties.method = "first")), 1-based. */
function ranksFirst(values: readonly number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  const ranks = new Array<number>(values.length);
  idx.forEach((i, r) => (ranks[i] = r + 1));
  return ranks;
}

export function trimfill(yi: ArrayLike<number>, vi: ArrayLike<number>, options: TrimfillOptions = {}): TrimfillResult {
  const data = toStudyData(yi, vi);
  const k = data.k;
  if (k < 3) throw new StatsInputError('trim-and-fill needs at least 3 studies');
  const opts = resolveRmaOptions(options);
  const estimator = options.estimator ?? 'L0';
  if (estimator !== 'L0' && estimator !== 'R0')
    throw new StatsInputError(`unknown trim-and-fill estimator "${String(estimator)}" (use L0 or R0)`);
  const y0 = Array.from(data.yi);
  const v0 = Array.from(data.vi);
  const side: TrimfillSide =
    options.side ??
    ((metaRegression(y0, v0, [v0.map(Math.sqrt)], { ...options, test: 'z' }).b[1] ?? 0) < 0 ? 'right' : 'left');
  const flipped = side === 'right' ? y0.map((y) => -y) : y0;
  // Stable sort by the (flipped) effect, as R's sort(index.return = TRUE).
  const ix = flipped.map((_, i) => i).sort((a, b) => (flipped[a] as number) - (flipped[b] as number) || a - b);
  const ys = ix.map((i) => flipped[i] as number);
  const vs = ix.map((i) => v0[i] as number);
  const inner = { ...opts, test: 'z' as const, tau2CI: false };

  let k0 = 0;
  let previous = -1;
  let seK0 = 0;
  let beta = 0;
  let centred: number[] = [];
  for (let iter = 1; k0 !== previous; iter++) {
    if (iter > (options.maxIter ?? 100)) throw new StatsConvergenceError('trim-and-fill did not converge');
    previous = k0;
    beta = fitRma(toStudyData(ys.slice(0, k - k0), vs.slice(0, k - k0)), inner).estimate;
    centred = ys.map((y) => y - beta);
    const ranks = ranksFirst(centred.map(Math.abs));
    const signed = centred.map((c, i) => Math.sign(c) * (ranks[i] as number));
    let estimate: number;
    if (estimator === 'R0') {
      const negatives = signed.filter((s) => s < 0).map((s) => -s);
      if (negatives.length === 0) throw new StatsInputError('trim-and-fill (R0): no study below the estimate');
      estimate = k - Math.max(...negatives) - 1;
      seK0 = Math.sqrt(2 * Math.max(0, estimate) + 2);
    } else {
      const sr = signed.filter((s) => s > 0).reduce((a, s) => a + s, 0);
      estimate = (4 * sr - k * (k + 1)) / (2 * k - 1);
      const e = estimate;
      const varSr =
        (k * (k + 1) * (2 * k + 1) +
          10 * e ** 3 +
          27 * e ** 2 +
          17 * e -
          18 * k * e ** 2 -
          18 * k * e +
          6 * k ** 2 * e) /
        24;
      seK0 = (4 * Math.sqrt(varSr)) / (2 * k - 1);
    }
    k0 = Math.max(0, roundHalfEven(estimate));
    seK0 = Math.max(0, seK0);
    if (k0 >= k) throw new StatsInputError('trim-and-fill would trim every study');
  }
  const pK0 = estimator === 'R0' ? 0.5 ** (k0 + 1) : null;
  if (k0 === 0) {
    const fit = fitRma(data, opts);
    return { estimator, side, k0, se_k0: seK0, p_k0: pK0, yi_filled: [], vi_filled: [], fit };
  }
  // Mirror the k0 most extreme studies about the trimmed estimate, back on the original scale.
  const mirrored = centred.slice(k - k0).map((c) => -(c - beta));
  const yiFilled = side === 'right' ? mirrored.map((m) => -m) : mirrored;
  const viFilled = vs.slice(k - k0);
  const fit = fitRma(toStudyData([...y0, ...yiFilled], [...v0, ...viFilled]), opts);
  return { estimator, side, k0, se_k0: seK0, p_k0: pK0, yi_filled: yiFilled, vi_filled: viFilled, fit };
}
