/**
 * Cumulative meta-analysis (metafor `cumul.rma.uni`).
 */
import { StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';
import { fitRma, resolveRmaOptions } from './rma.js';
import { collectFits, pick, summarise } from './sequential-fits.js';
import type { CumulativeOptions, CumulativeResult } from './types.js';

/** Study indices sorted by key with a stable sort, as R's order(): ties keep their input order. */
export function stableOrder(keys: readonly number[], decreasing = false): number[] {
  keys.forEach((key, i) => {
    if (!Number.isFinite(key)) throw new StatsInputError(`study ${i + 1}: order key must be finite, got ${key}`);
  });
  const sign = decreasing ? -1 : 1;
  // Array.prototype.sort is stable (ES2019), which is what keeps ties in input order.
  return keys.map((_, i) => i).sort((a, b) => sign * ((keys[a] as number) - (keys[b] as number)));
}

/** Fit the model to the first 1, 2, ..., k studies in the given order (metafor `cumul`). */
export function cumulative(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  options: CumulativeOptions = {},
): CumulativeResult {
  const data = toStudyData(yi, vi);
  if (options.order !== undefined && options.order.length !== data.k) {
    throw new StatsInputError(`order has ${options.order.length} keys for ${data.k} studies`);
  }
  const order =
    options.order === undefined
      ? Array.from({ length: data.k }, (_, i) => i)
      : stableOrder(options.order, options.decreasing);
  const opts = { ...resolveRmaOptions(options), tau2CI: false };
  const fits = order.map((_, j) => {
    const { yi: y, vi: v } = pick(data, order.slice(0, j + 1));
    return summarise(fitRma(toStudyData(y, v), opts));
  });
  return { order, ...collectFits(fits) };
}
