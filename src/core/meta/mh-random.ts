/**
 * RevMan 5's random-effects Mantel-Haenszel analysis, as R meta's metabin implements it
 * (method = "MH", Q.Cochrane = TRUE, DerSimonian-Laird): the heterogeneity Q is taken about the
 * Mantel-Haenszel estimate (metagen's TE.tau = TE.fixed), not about the inverse-variance mean;
 * τ² = max(0, (Q − df) / (Σw − Σw²/Σw)) with w = 1/vᵢ; the pooled effect weights each study by
 * 1/(vᵢ + τ²). yᵢ and vᵢ are metafor escalc's, as for --method DL. Reference values:
 * tests/fixtures/revman-random (mh-random.R).
 */
import { extrasRequested } from './extras-requested.js';
import type { EffectInputs } from './input.js';
import type { MetaOptions, MetaResult } from './analysis.js';
import { backTransform, normalQuantile, predictInterval, rmaMH, StatsInputError } from '../stats/index.js';
import { chiSquareUpperTail, twoSidedNormalP } from '../stats/distributions.js';
import { h2FromQ, h2FromTau2, i2FromQ, i2FromTau2, typicalVariance } from '../stats/heterogeneity.js';
import { toStudyData, weightedFit } from '../stats/inverse-variance.js';

/** What the rule cannot be combined with (it has no leave-one-out, subgroups or bias tests of its own). */
const UNSUPPORTED = [
  '--group-by',
  '--leave-one-out',
  '--cumulative',
  '--egger',
  '--mods',
  '--trimfill',
  '--ranktest',
  '--failsafe',
  '--test knha',
] as const;

/**
 * `dl` is the same data pooled by --method DL (its study rows and skipped rows are kept); the pooled
 * numbers are replaced by RevMan's.
 */
export function mhRandom(inputs: EffectInputs, options: MetaOptions, dl: MetaResult): MetaResult {
  const { measure } = options;
  if (measure !== 'RR' && measure !== 'OR' && measure !== 'RD')
    throw new StatsInputError(`RevMan's random-effects Mantel-Haenszel pools RR, OR or RD, not ${measure}`);
  const others = extrasRequested(options, UNSUPPORTED);
  if (others.length > 0)
    throw new StatsInputError(
      `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} not available with RevMan's random-effects Mantel-Haenszel (Q about the MH estimate); give --method DL to pool with an inverse-variance Q`,
    );
  const effects = inputs.effects;
  const reported = effects.filter((e) => e.table === null).map((e) => e.label);
  if (reported.length > 0)
    throw new StatsInputError(
      `RevMan's random-effects Mantel-Haenszel needs arm counts; ${reported.join(', ')} give a reported effect only; give --method DL`,
    );
  const tables = inputs.tables.map((e) => e.table).filter((t): t is NonNullable<typeof t> => t !== null);
  const mh = rmaMH(tables, measure, {
    level: options.level,
    ...(options.zero?.add === undefined ? {} : { add: options.zero.add }),
    ...(options.zero?.to === undefined ? {} : { to: options.zero.to }),
    ...(options.zero?.drop00 === undefined ? {} : { drop00: options.zero.drop00 }),
  });
  const data = toStudyData(
    effects.map((e) => e.yi),
    effects.map((e) => e.vi),
  );
  const k = data.k;
  const df = k - 1;
  const fe = weightedFit(data, 0);
  let q = 0;
  for (let i = 0; i < k; i++) q += ((data.yi[i] as number) - mh.estimate) ** 2 / (data.vi[i] as number);
  const tau2 = k > 1 ? Math.max(0, (q - df) / (fe.sumW - fe.sumW2 / fe.sumW)) : 0;
  const fit = weightedFit(data, tau2);
  const se = Math.sqrt(1 / fit.sumW);
  const z = fit.estimate / se;
  const crit = normalQuantile(1 - (1 - options.level) / 2);
  const ciLb = fit.estimate - crit * se;
  const ciUb = fit.estimate + crit * se;
  const prediction = predictInterval(
    { k, method: 'DL', test: 'z', level: options.level, estimate: fit.estimate, se, tau2 },
    options.pi,
  );
  const s2 = k > 1 ? typicalVariance(k, fe.sumW, fe.sumW2) : 0;
  const fromQ = options.i2 === 'q' || k === 1;
  const tr = (x: number) => backTransform(measure, x, {});
  const weights = Float64Array.from(effects, (e) => 100 / ((e.vi + tau2) * fit.sumW));
  return {
    ...dl,
    estimate: fit.estimate,
    se,
    zval: z,
    tval: null,
    df: null,
    pval: twoSidedNormalP(z),
    ci_lb: ciLb,
    ci_ub: ciUb,
    tau2,
    tau: Math.sqrt(tau2),
    // The Q-profile interval is about the inverse-variance Q; RevMan gives none.
    tau2_ci_lb: null,
    tau2_ci_ub: null,
    I2: fromQ ? i2FromQ(q, df) : i2FromTau2(tau2, s2),
    H2: fromQ ? h2FromQ(q, df) : h2FromTau2(tau2, s2),
    I2_ci_lb: null,
    I2_ci_ub: null,
    H2_ci_lb: null,
    H2_ci_ub: null,
    QE: q,
    QE_df: df,
    QEp: k > 1 ? chiSquareUpperTail(q, df) : 1,
    pi_lb: prediction.pi_lb,
    pi_ub: prediction.pi_ub,
    pi_df: prediction.pi_df,
    transformed: {
      estimate: tr(fit.estimate),
      ci_lb: tr(ciLb),
      ci_ub: tr(ciUb),
      pi_lb: tr(prediction.pi_lb),
      pi_ub: tr(prediction.pi_ub),
    },
    studies: dl.studies.withWeights(weights),
    q_about: 'MH',
  };
}
