/**
 * One meta-analysis over effect inputs: the pooled model (rma, Mantel-Haenszel or Peto), the
 * back-transformed summary, and optional subgroups, leave-one-out, cumulative and Egger analyses.
 * Field names follow metafor (design.md §3).
 */
import type { EffectInputs, Skipped, StudyEffect, ZeroCellChoice } from './input.js';
import { isBinary } from './input.js';
import {
  backTransform,
  cumulative,
  eggerTest,
  leaveOneOut,
  predictInterval,
  rma,
  rmaMH,
  rmaPeto,
  subgroupAnalysis,
  type Measure,
  type TablesSequentialFits,
  type TrimfillEstimator,
  type PredictionIntervalType,
  type RmaResult,
  type SequentialFits,
  type Tau2Method,
  type TestType,
} from '../stats/index.js';
import { StatsInputError, normalQuantile } from '../stats/index.js';
import { tablesSequential } from './tables-sequential.js';
import { mhRandom } from './mh-random.js';
import { extrasRequested } from './extras-requested.js';
import { biasAnalyses, type BiasResults } from './bias.js';
import { metaRegressionSummary, type MetaRegressionSummary, type ModeratorValues } from './moderators.js';
import { StudyTable } from './study-table.js';

export type PoolMethod = Tau2Method | 'MH' | 'Peto';
export type I2Basis = 'tau2' | 'q';

export interface MetaOptions {
  measure: Measure;
  method: PoolMethod;
  test: TestType;
  level: number;
  pi: PredictionIntervalType;
  i2: I2Basis;
  /** A group per study (parallel to the effects), for subgroups. */
  groups?: readonly string[];
  leaveOneOut?: boolean;
  /** Sort keys per study for a cumulative analysis (stable; ties keep input order). */
  cumulativeOrder?: readonly number[];
  egger?: boolean;
  /** Zero-cell options, for the per-study yi/vi of Mantel-Haenszel and Peto. */
  zero?: ZeroCellChoice;
  /** Moderators for a meta-regression (cells parallel to the effects). */
  moderators?: readonly ModeratorValues[];
  /** Trim-and-fill with this estimator. */
  trimfill?: TrimfillEstimator;
  ranktest?: boolean;
  failsafe?: boolean;
  /** With DL: heterogeneity Q about the Mantel-Haenszel estimate, as RevMan 5 (see mh-random.ts). */
  qAbout?: 'MH';
}

/** A pooled estimate with everything item 3 of the meta issue asks for. */
export interface Pooled {
  k: number;
  estimate: number;
  se: number;
  zval: number | null;
  tval: number | null;
  df: number | null;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number | null;
  tau: number | null;
  tau2_ci_lb: number | null;
  tau2_ci_ub: number | null;
  I2: number | null;
  H2: number | null;
  /** CIs of I² and H² from the Q-profile CI of τ² (metafor confint); null without a τ² CI. */
  I2_ci_lb: number | null;
  I2_ci_ub: number | null;
  H2_ci_lb: number | null;
  H2_ci_ub: number | null;
  QE: number;
  QE_df: number;
  QEp: number;
  pi_lb: number | null;
  pi_ub: number | null;
  pi_df: number | null;
  transformed: { estimate: number; ci_lb: number; ci_ub: number; pi_lb: number | null; pi_ub: number | null };
}

export type { StudyRow } from './study-table.js';

export interface MetaResult extends Pooled {
  measure: Measure;
  method: PoolMethod;
  /** The τ² estimator (null for MH and Peto, common-effect methods). */
  tau2_method: Tau2Method | null;
  /** 'MH' when τ² (DL) comes from a Q about the Mantel-Haenszel estimate, as RevMan 5 pools. */
  q_about?: 'MH';
  test: TestType;
  level: number;
  pi_type: PredictionIntervalType | null;
  i2_basis: I2Basis;
  /** Study sizes (proportions), for back-transforming Freeman-Tukey values; null otherwise. */
  ni: number[] | null;
  studies: StudyTable;
  subgroups: ({ group: string } & Pooled)[] | null;
  test_subgroup: {
    QM: number;
    df: number;
    pval: number;
    method: string;
    Q_between_fixed: number;
    Q_between_fixed_p: number;
    QM_common_tau2: number;
    QM_common_tau2_p: number;
  } | null;
  leave_one_out: ({ omitted: string } & SequentialRow)[] | null;
  cumulative: ({ added: string } & SequentialRow)[] | null;
  egger: {
    zval: number;
    pval: number;
    df: number | null;
    slope: number;
    limit_estimate: number;
    limit_ci_lb: number;
    limit_ci_ub: number;
  } | null;
  /** metafor rma(yi, vi, mods = ...) with --mods; null otherwise. */
  meta_regression: MetaRegressionSummary | null;
  /** metafor trimfill (--trimfill), ranktest (--ranktest) and fsn (--failsafe); null when not asked. */
  trimfill: BiasResults['trimfill'];
  ranktest: BiasResults['ranktest'];
  failsafe: BiasResults['failsafe'];
  /** Distinct studies behind the k rows (a study may give several arms, outcomes or time points). */
  n_studies: number;
  /** Selected rows that could not enter the model, and why. */
  skipped: Skipped[];
  warnings: string[];
}

export interface SequentialRow {
  estimate: number;
  ci_lb: number;
  ci_ub: number;
  pval: number;
  /** null for MH and Peto (common-effect models without τ²). */
  tau2: number | null;
  I2: number;
  transformed: { estimate: number; ci_lb: number; ci_ub: number };
}

/** The z of a two-sided Wald interval for each study, as metafor's forest plot draws it. */
function critical(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * The studies a model pools, as parallel columns: what pooling reads of them. The rows of a file
 * typed one by one become these through `columnsOf`; a plain file of 2×2 tables or means is read straight into them
 * (commands/meta-plain.ts), with no object per study.
 */
export interface PoolColumns {
  study_id: readonly string[];
  label: readonly string[];
  basis: readonly string[];
  yi: readonly number[];
  vi: readonly number[];
  /** Each study's size (proportions), or null for each when no study has one. */
  ni: readonly (number | null)[] | null;
  /** No study gives two rows: n_studies is k, and no Set of a million ids is built to tell. */
  distinct: boolean;
}

function columnsOf(effects: readonly StudyEffect[], distinct: boolean): PoolColumns {
  return {
    study_id: effects.map((e) => e.study_id),
    label: effects.map((e) => e.label),
    basis: effects.map((e) => e.basis),
    yi: effects.map((e) => e.yi),
    vi: effects.map((e) => e.vi),
    ni: effects.some((e) => e.ni !== null) ? effects.map((e) => e.ni) : null,
    distinct,
  };
}

function ns(sizes: readonly (number | null)[] | null): number[] | undefined {
  // Most measures have no sizes: no array of a million nulls to find that out.
  if (sizes === null || sizes.some((n) => n === null)) return undefined;
  return sizes.map((n) => n ?? NaN);
}

function back(measure: Measure, x: number, ni: number[] | undefined): number {
  return backTransform(measure, x, ni ? { ni } : {});
}

function i2FromQ(q: number, df: number): number {
  return q > df && q > 0 ? (100 * (q - df)) / q : 0;
}

/** I² and H² from Q, as RevMan 5 and meta compute them (H² = Q/df, as metafor's FE and MH models do). */
function fromQ(q: number, df: number): { I2: number; H2: number } {
  return { I2: i2FromQ(q, df), H2: df > 0 ? q / df : 1 };
}

function pooledFromRma(fit: RmaResult, options: MetaOptions, ni: number[] | undefined): Pooled {
  const prediction = fit.method === 'FE' ? null : predictInterval(fit, options.pi);
  const qBased = options.i2 === 'q' ? fromQ(fit.QE, fit.QE_df) : null;
  const tr = (x: number) => back(options.measure, x, ni);
  return {
    k: fit.k,
    estimate: fit.estimate,
    se: fit.se,
    zval: fit.test === 'z' ? fit.zval : null,
    tval: fit.test === 'knha' ? fit.tval : null,
    df: fit.test === 'knha' ? fit.df : null,
    pval: fit.pval,
    ci_lb: fit.ci_lb,
    ci_ub: fit.ci_ub,
    tau2: fit.tau2,
    tau: fit.tau,
    tau2_ci_lb: fit.tau2_ci_lb,
    tau2_ci_ub: fit.tau2_ci_ub,
    I2: qBased?.I2 ?? fit.I2,
    H2: qBased?.H2 ?? fit.H2,
    // From τ² and s², so only with metafor's I² (--i2 tau2).
    I2_ci_lb: qBased ? null : fit.I2_ci_lb,
    I2_ci_ub: qBased ? null : fit.I2_ci_ub,
    H2_ci_lb: qBased ? null : fit.H2_ci_lb,
    H2_ci_ub: qBased ? null : fit.H2_ci_ub,
    QE: fit.QE,
    QE_df: fit.QE_df,
    QEp: fit.QEp,
    pi_lb: prediction?.pi_lb ?? null,
    pi_ub: prediction?.pi_ub ?? null,
    pi_df: prediction?.pi_df ?? null,
    transformed: {
      estimate: tr(fit.estimate),
      ci_lb: tr(fit.ci_lb),
      ci_ub: tr(fit.ci_ub),
      pi_lb: prediction ? tr(prediction.pi_lb) : null,
      pi_ub: prediction ? tr(prediction.pi_ub) : null,
    },
  };
}

/** Rows of a leave-one-out or cumulative analysis; `dfOf(i)` is the Q df of row i (for I² from Q). */
export function sequentialRows(
  fits: SequentialFits | TablesSequentialFits,
  options: MetaOptions,
  ni: number[] | undefined,
  dfOf: (i: number) => number,
): SequentialRow[] {
  return fits.estimate.map((estimate, i) => {
    const ci_lb = fits.ci_lb[i] ?? NaN;
    const ci_ub = fits.ci_ub[i] ?? NaN;
    return {
      estimate,
      ci_lb,
      ci_ub,
      pval: fits.pval[i] ?? NaN,
      tau2: 'tau2' in fits ? (fits.tau2[i] ?? NaN) : null,
      I2: options.i2 === 'q' ? i2FromQ(fits.Q[i] ?? NaN, dfOf(i)) : (fits.I2[i] ?? NaN),
      transformed: {
        estimate: back(options.measure, estimate, ni),
        ci_lb: back(options.measure, ci_lb, ni),
        ci_ub: back(options.measure, ci_ub, ni),
      },
    };
  });
}

/**
 * The studies' columns: CI, weight and back-transformed values per study, in typed arrays (no
 * object per study). `yi` and `vi`, when given, replace the effects' own (Mantel-Haenszel and Peto
 * report the ones their zero-cell correction made).
 */
function studyRows(
  studies: PoolColumns,
  weights: readonly number[],
  options: MetaOptions,
  ni: number[] | undefined,
  given?: { yi: readonly number[]; vi: readonly number[] },
): StudyTable {
  const z = critical(options.level);
  const k = studies.yi.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  const ciLb = new Float64Array(k);
  const ciUb = new Float64Array(k);
  const weight = new Float64Array(k);
  const estimate = new Float64Array(k);
  const estimateLb = new Float64Array(k);
  const estimateUb = new Float64Array(k);
  const studyId: string[] = new Array<string>(k);
  const label: string[] = new Array<string>(k);
  const basis: string[] = new Array<string>(k);
  const measure = options.measure;
  // Only Freeman-Tukey needs the sizes; for the others one empty option object serves every study.
  const sized = measure === 'PFT';
  const none = {};
  const ys = studies.yi;
  const vs = studies.vi;
  const sizes = studies.ni;
  for (let i = 0; i < k; i++) {
    const ownY = ys[i] ?? NaN;
    const ownV = vs[i] ?? NaN;
    const y = given ? (given.yi[i] ?? ownY) : ownY;
    const v = given ? (given.vi[i] ?? ownV) : ownV;
    const half = z * Math.sqrt(v);
    const lb = y - half;
    const ub = y + half;
    yi[i] = y;
    vi[i] = v;
    ciLb[i] = lb;
    ciUb[i] = ub;
    weight[i] = weights[i] ?? NaN;
    studyId[i] = studies.study_id[i] ?? '';
    label[i] = studies.label[i] ?? '';
    basis[i] = studies.basis[i] ?? '';
    // Each study's own size back-transforms its PFT value; the pooled one uses the harmonic mean.
    const n = sized ? (sizes?.[i] ?? null) : null;
    const own = sized ? (n === null ? (ni ? { ni } : none) : { ni: [n] }) : none;
    estimate[i] = backTransform(measure, y, own);
    estimateLb[i] = backTransform(measure, lb, own);
    estimateUb[i] = backTransform(measure, ub, own);
  }
  const group = options.groups ? Array.from({ length: k }, (_, i) => options.groups?.[i] ?? null) : null;
  return new StudyTable({
    study_id: studyId,
    label,
    yi,
    vi,
    ci_lb: ciLb,
    ci_ub: ciUb,
    weight,
    estimate,
    estimate_ci_lb: estimateLb,
    estimate_ci_ub: estimateUb,
    basis,
    group,
  });
}

const NO_EXTRAS = {
  subgroups: null,
  test_subgroup: null,
  leave_one_out: null,
  cumulative: null,
  egger: null,
  meta_regression: null,
  trimfill: null,
  ranktest: null,
  failsafe: null,
};

function tablesModel(inputs: EffectInputs, options: MetaOptions): MetaResult {
  if (!isBinary(options.measure))
    throw new StatsInputError(`--method ${options.method} pools 2×2 tables: use --measure RR, OR or RD`);
  if (options.method === 'Peto' && options.measure !== 'OR')
    throw new StatsInputError('--method Peto pools odds ratios: use --measure OR');
  const unsupported = extrasRequested(options, [
    '--group-by',
    '--egger',
    '--mods',
    '--trimfill',
    '--ranktest',
    '--failsafe',
    '--test knha',
    '--pi',
  ]);
  if (unsupported.length > 0) {
    throw new StatsInputError(
      `${unsupported.join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} not available with --method ${options.method}; use an inverse-variance method (FE, DL, REML, ML, PM)`,
    );
  }
  const effects = inputs.tables;
  if (effects.length === 0) throw new StatsInputError('no study gives arm counts');
  const tables = effects.map((e) => e.table).filter((t): t is NonNullable<typeof t> => t !== null);
  const zero = {
    level: options.level,
    ...(options.zero?.add === undefined ? {} : { add: options.zero.add }),
    ...(options.zero?.to === undefined ? {} : { to: options.zero.to }),
    ...(options.zero?.drop00 === undefined ? {} : { drop00: options.zero.drop00 }),
  };
  const fit = options.method === 'MH' ? rmaMH(tables, options.measure, zero) : rmaPeto(tables, zero);
  const tr = (x: number) => back(options.measure, x, undefined);
  const heterogeneity = options.i2 === 'q' ? fromQ(fit.QE, fit.QE_df) : { I2: fit.I2, H2: fit.H2 };
  return {
    measure: options.measure,
    method: options.method,
    tau2_method: null,
    test: 'z',
    level: options.level,
    pi_type: null,
    i2_basis: options.i2,
    ni: null,
    k: fit.k,
    estimate: fit.estimate,
    se: fit.se,
    zval: fit.zval,
    tval: null,
    df: null,
    pval: fit.pval,
    ci_lb: fit.ci_lb,
    ci_ub: fit.ci_ub,
    tau2: null,
    tau: null,
    tau2_ci_lb: null,
    tau2_ci_ub: null,
    I2: heterogeneity.I2,
    H2: heterogeneity.H2,
    I2_ci_lb: null,
    I2_ci_ub: null,
    H2_ci_lb: null,
    H2_ci_ub: null,
    QE: fit.QE,
    QE_df: fit.QE_df,
    QEp: fit.QEp,
    pi_lb: null,
    pi_ub: null,
    pi_df: null,
    transformed: { estimate: tr(fit.estimate), ci_lb: tr(fit.ci_lb), ci_ub: tr(fit.ci_ub), pi_lb: null, pi_ub: null },
    studies: studyRows(columnsOf(effects, inputs.distinctStudies === true), fit.weight, options, undefined, {
      yi: fit.yi,
      vi: fit.vi,
    }),
    ...NO_EXTRAS,
    ...tablesSequential(effects, tables, options),
    // MH and Peto keep the tables escalc could not estimate; only reported effects stay out.
    skipped: [
      ...inputs.skipped.filter((s) => !effects.some((e) => e.label === s.label)),
      ...inputs.effects
        .filter((e) => e.table === null)
        .map((e) => ({ label: e.label, reason: `${options.method} needs arm counts, not a reported effect` })),
    ],
    warnings: inputs.warnings,
    n_studies: inputs.distinctStudies ? effects.length : new Set(effects.map((e) => e.study_id)).size,
  };
}

/** Pools the effects as asked. Throws StatsInputError when the data cannot support the model. */
export function metaAnalysis(inputs: EffectInputs, options: MetaOptions): MetaResult {
  if (options.qAbout === 'MH' && options.method === 'DL') {
    const { qAbout: _revman, ...inverseVariance } = options;
    return mhRandom(inputs, options, metaAnalysis(inputs, inverseVariance));
  }
  if (options.method === 'MH' || options.method === 'Peto') return tablesModel(inputs, options);
  return inverseVariance(columnsOf(inputs.effects, inputs.distinctStudies === true), options, inputs);
}

/**
 * An inverse-variance model (FE or a τ² estimator) of the studies' columns, with what was asked on
 * top; `rest` is what the printout says of the rows that did not enter.
 */
export function inverseVariance(
  studies: PoolColumns,
  options: MetaOptions,
  rest: Pick<EffectInputs, 'skipped' | 'warnings'>,
): MetaResult {
  const k = studies.yi.length;
  if (k === 0) throw new StatsInputError('no study gives the measure');
  if (k < 2 && (options.test === 'knha' || options.leaveOneOut || options.egger)) {
    throw new StatsInputError('--test knha, --leave-one-out and --egger need at least 2 studies');
  }
  if (k < 3 && (options.trimfill || options.ranktest)) {
    throw new StatsInputError('--trimfill and --ranktest need at least 3 studies');
  }
  const method = options.method;
  if (method === 'MH' || method === 'Peto') throw new StatsInputError(`--method ${method} pools 2×2 tables`);
  const { yi, vi, label } = studies;
  const rmaOptions = { method, test: options.test, level: options.level, piType: options.pi };
  const fit = rma(yi, vi, rmaOptions);
  const ni = ns(studies.ni);
  const pooled = pooledFromRma(fit, options, ni);

  let subgroups: MetaResult['subgroups'] = null;
  let testSubgroup: MetaResult['test_subgroup'] = null;
  if (options.groups) {
    const analysis = subgroupAnalysis([...yi], [...vi], [...options.groups], rmaOptions);
    subgroups = analysis.groups.map((group, g) => {
      const members = studies.ni === null ? null : studies.ni.filter((_, i) => options.groups?.[i] === group);
      const fitG = analysis.fits[g];
      if (!fitG) throw new StatsInputError(`no fit for subgroup ${group}`);
      return { group, ...pooledFromRma(fitG, options, ns(members)) };
    });
    const t = analysis.tests;
    testSubgroup = {
      QM: t.Q_between_random,
      df: t.Q_between_random_df,
      pval: t.Q_between_random_p,
      method: 'Q between subgroup estimates, each with its own tau2 (RevMan 5 / meta)',
      Q_between_fixed: t.Q_between_fixed,
      Q_between_fixed_p: t.Q_between_fixed_p,
      QM_common_tau2: t.QM_common_tau2.QM,
      QM_common_tau2_p: t.QM_common_tau2.QMp,
    };
  }
  const leave = options.leaveOneOut ? sequentialRows(leaveOneOut(yi, vi, rmaOptions), options, ni, () => k - 2) : null;
  const cumul = options.cumulativeOrder ? cumulative(yi, vi, { ...rmaOptions, order: options.cumulativeOrder }) : null;
  const egger = options.egger ? eggerTest(yi, vi, rmaOptions) : null;
  const regression = options.moderators ? metaRegressionSummary(yi, vi, options.moderators, label, rmaOptions) : null;
  return {
    measure: options.measure,
    method: options.method,
    tau2_method: method === 'FE' ? null : method,
    test: options.test,
    level: options.level,
    pi_type: method === 'FE' ? null : options.pi,
    i2_basis: options.i2,
    ni: ni ?? null,
    ...pooled,
    studies: studyRows(studies, fit.weight, options, ni),
    subgroups,
    test_subgroup: testSubgroup,
    leave_one_out: leave ? leave.map((row, i) => ({ omitted: label[i] ?? '', ...row })) : null,
    cumulative: cumul
      ? sequentialRows(cumul, options, ni, (i) => i).map((row, j) => ({
          added: label[cumul.order[j] ?? 0] ?? '',
          ...row,
        }))
      : null,
    egger: egger
      ? {
          zval: egger.zval,
          pval: egger.pval,
          df: egger.df,
          slope: egger.slope,
          limit_estimate: egger.limit_estimate,
          limit_ci_lb: egger.limit_ci_lb,
          limit_ci_ub: egger.limit_ci_ub,
        }
      : null,
    meta_regression: regression,
    ...biasAnalyses(yi, vi, options, rmaOptions, (f) => pooledFromRma(f, options, ni)),
    skipped: rest.skipped,
    warnings: rest.warnings,
    n_studies: studies.distinct ? k : new Set(studies.study_id).size,
  };
}
