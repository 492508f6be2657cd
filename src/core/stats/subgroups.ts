/**
 * Subgroup analysis: one model per subgroup, the overall model, and three tests for subgroup
 * differences (see SubgroupTests for which is which).
 */
import { chiSquareUpperTail } from './distributions.js';
import { StatsInputError } from './errors.js';
import { toStudyData, weightedFit } from './inverse-variance.js';
import { metaRegression } from './meta-regression.js';
import { fitRma, resolveRmaOptions } from './rma.js';
import { pick } from './sequential-fits.js';
import type { RmaOptions, RmaResult, SubgroupResult } from './types.js';

/** Cochran's Q of estimates with standard errors around their inverse-variance mean. */
function cochranQ(estimates: readonly number[], ses: readonly number[]): number {
  return weightedFit(
    toStudyData(
      estimates,
      ses.map((s) => s * s),
    ),
    0,
  ).q;
}

/**
 * Fit the model within each subgroup and test for differences between them (metafor
 * `rma(..., subset = group == g)` per level plus the Q-between statistics of RevMan / meta).
 */
export function subgroupAnalysis(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  groups: readonly string[],
  options: RmaOptions = {},
): SubgroupResult {
  const data = toStudyData(yi, vi);
  if (groups.length !== data.k) throw new StatsInputError(`groups has ${groups.length} labels for ${data.k} studies`);
  const levels = [...new Set(groups)].sort();
  if (levels.length < 2) throw new StatsInputError('a subgroup analysis needs at least two subgroups');
  const opts = resolveRmaOptions(options);

  const members = levels.map((g) => groups.flatMap((label, i) => (label === g ? [i] : [])));
  const subsets = members.map((idx) => pick(data, idx));
  const fits: RmaResult[] = subsets.map((s) => fitRma(toStudyData(s.yi, s.vi), opts));
  const overall = fitRma(data, opts);

  const qRandom = cochranQ(
    fits.map((f) => f.estimate),
    fits.map((f) => f.se),
  );
  const qWithin = subsets.reduce((s, sub) => s + weightedFit(toStudyData(sub.yi, sub.vi), 0).q, 0);
  const qFixed = Math.max(0, weightedFit(data, 0).q - qWithin);
  const df = levels.length - 1;

  // Dummy-coded levels 2..G against the first: the mixed-effects model with one τ².
  const dummies = levels.slice(1).map((g) => groups.map((label) => (label === g ? 1 : 0)));
  const mixed = metaRegression(data.yi, data.vi, dummies, options);

  return {
    groups: levels,
    fits,
    overall,
    tests: {
      Q_between_random: qRandom,
      Q_between_random_df: df,
      Q_between_random_p: chiSquareUpperTail(qRandom, df),
      Q_between_fixed: qFixed,
      Q_between_fixed_df: df,
      Q_between_fixed_p: chiSquareUpperTail(qFixed, df),
      QM_common_tau2: { QM: mixed.QM, QM_df: mixed.QM_df, QM_df2: mixed.QM_df2, QMp: mixed.QMp },
    },
  };
}
