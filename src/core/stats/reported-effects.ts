/**
 * Turning an effect reported as "estimate (lower to upper)" into yi/vi on the analysis scale.
 */
import { normalQuantile } from './distributions.js';
import { StatsInputError } from './errors.js';
import type { ReportedEffect, ReportedScale } from './types.js';

/**
 * yi = log(est) and sei = (log(upper) − log(lower)) / (2·z) for ratios; yi = est and
 * sei = (upper − lower) / (2·z) for differences, z = the normal quantile of the CI's level.
 * This is the usual Wald back-calculation (later metafor versions offer it as `conv.wald`).
 */
export function yiViFromReportedCI(
  estimate: number,
  lower: number,
  upper: number,
  scale: ReportedScale,
  level = 0.95,
): ReportedEffect {
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
  if (![estimate, lower, upper].every(Number.isFinite))
    throw new StatsInputError('reported estimate and CI must be finite numbers');
  if (!(lower < upper)) throw new StatsInputError(`reported CI must have lower < upper, got ${lower} to ${upper}`);
  if (!(lower <= estimate && estimate <= upper))
    throw new StatsInputError(`reported estimate ${estimate} lies outside its CI ${lower} to ${upper}`);
  if (scale === 'ratio' && !(lower > 0))
    throw new StatsInputError(`a ratio and its CI must be > 0, got lower = ${lower}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const [y, lo, hi] =
    scale === 'ratio' ? [Math.log(estimate), Math.log(lower), Math.log(upper)] : [estimate, lower, upper];
  const sei = (hi - lo) / (2 * z);
  return { yi: y, vi: sei * sei, sei };
}
