/**
 * Shared option and result types of the statistics core. Field names follow metafor's
 * (with `_` for `.`: ci.lb → ci_lb) so that results can be compared with R one to one.
 * Effect sizes are on the analysis scale (log RR, log OR, logit, Freeman-Tukey angle...).
 */

// ------------------------------------------------------------------------- measures & input

/** 2×2-table measures (metafor `escalc` measure names). */
export type BinaryMeasure = 'RR' | 'OR' | 'RD';
/** Two-group continuous measures: raw mean difference and Hedges' g. */
export type ContinuousMeasure = 'MD' | 'SMD';
/** Single-proportion measures: logit, raw, Freeman-Tukey double arcsine, arcsine square root. */
export type ProportionMeasure = 'PLO' | 'PR' | 'PFT' | 'PAS';
/** The measures of `escalc` (effect-sizes.ts). */
export type EscalcMeasure = BinaryMeasure | ContinuousMeasure | ProportionMeasure;
/**
 * The measures of effect-sizes-more.ts: incidence rates, single means, ratio of means, standardized
 * mean changes, correlations.
 */
export type MoreMeasure = 'IRR' | 'IRD' | 'MN' | 'MNLN' | 'ROM' | 'SMCR' | 'SMCC' | 'COR' | 'ZCOR';
/** Every escalc measure the core supports. */
export type Measure = EscalcMeasure | MoreMeasure;

/** One 2×2 table: group 1 (treatment) has ai events and bi non-events, group 2 (control) ci and di. */
export interface TwoByTwo {
  readonly ai: number;
  readonly bi: number;
  readonly ci: number;
  readonly di: number;
}

/** Means, standard deviations and sizes of two groups (group 1 − group 2). */
export interface MeanSdPair {
  readonly m1i: number;
  readonly sd1i: number;
  readonly n1i: number;
  readonly m2i: number;
  readonly sd2i: number;
  readonly n2i: number;
}

/** xi events among ni participants. */
export interface EventCount {
  readonly xi: number;
  readonly ni: number;
}

/** Which studies get the continuity correction (metafor `to`). */
export type ZeroCellTarget = 'all' | 'only0' | 'if0all' | 'none';

/** metafor's zero-cell options; defaults add = 1/2 (0 for PFT/PAS), to = 'only0', drop00 = false. */
export interface ZeroCellOptions {
  readonly add?: number;
  readonly to?: ZeroCellTarget;
  /** 2×2 tables only: treat studies with no events (or only events) in both groups as missing. */
  readonly drop00?: boolean;
}

/** Options of `escalc`. */
export interface EscalcOptions extends ZeroCellOptions {
  /** Level of the per-study Wald intervals ci_lb/ci_ub; default 0.95. */
  readonly level?: number;
}

/**
 * Per-study effect sizes, as `escalc` plus `summary.escalc`. A study that cannot be estimated
 * (dropped by drop00, or a zero cell left uncorrected) has yi = vi = NaN, as escalc's NA;
 * `estimableStudies` lists the others.
 */
export interface EffectSizes {
  readonly measure: Measure;
  readonly yi: number[];
  readonly vi: number[];
  readonly sei: number[];
  readonly ci_lb: number[];
  readonly ci_ub: number[];
  /** True where a continuity correction was added to the study's counts. */
  readonly corrected: boolean[];
  /** True where drop00 removed the study; its yi/vi are NaN. */
  readonly dropped: boolean[];
}

/** 'ratio' for RR/OR/HR (analysed on the log scale); 'difference' for RD/MD/SMD (as reported). */
export type ReportedScale = 'ratio' | 'difference';

/** An effect reported with a CI, converted to the analysis scale. */
export interface ReportedEffect {
  readonly yi: number;
  readonly vi: number;
  readonly sei: number;
}

// ------------------------------------------------------------------------- proportion intervals

/** Wilson score (prop.test, correct = FALSE) or Clopper-Pearson exact (binom.test). */
type ProportionIntervalMethod = 'wilson' | 'clopper-pearson';
/** 'one-sided-upper' intervals have lower = 0 and put all of α in the upper tail. */
type IntervalKind = 'two-sided' | 'one-sided-upper';

/** Options of `clopperPearson`. */
export interface ClopperPearsonOptions {
  /**
   * What to return when x = 0: the two-sided interval (binom.test default) or the one-sided upper
   * limit 1 − (1 − level)^(1/n) (the exact "rule of three" bound). `kind` in the result says which.
   */
  readonly zeroEvents?: 'two-sided' | 'one-sided-upper';
}

/** A CI for one proportion; `kind` tells a two-sided interval from a one-sided upper bound. */
export interface ProportionInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: ProportionIntervalMethod;
  readonly kind: IntervalKind;
}

// ------------------------------------------------------------------------- random-effects models

/**
 * τ² estimators: FE = common effect (τ² = 0), DerSimonian-Laird, REML, ML, Paule-Mandel, and
 * Hedges (HE), Hunter-Schmidt (HS), Sidik-Jonkman (SJ), empirical Bayes (EB), as metafor.
 */
export type Tau2Method = 'FE' | 'DL' | 'REML' | 'ML' | 'PM' | 'HE' | 'HS' | 'SJ' | 'EB';
/** Inference for the pooled effect: normal (z) or Hartung-Knapp-Sidik-Jonkman (t, k − p df). */
export type TestType = 'z' | 'knha';
/**
 * Prediction-interval critical value:
 * - 'default': metafor's `predict()` — z, or t(k − p) under knha;
 * - 't': t(k − p) always (meta ≥ 7 default "V");
 * - 'riley': t(k − p − 1), i.e. t(k − 2) for a random-effects model (Higgins, Thompson &
 *   Spiegelhalter 2009; Riley et al. 2011; meta "HTS"; metafor `pi.type = "riley"`).
 */
export type PredictionIntervalType = 'default' | 't' | 'riley';

/** Options of `rma` and of the analyses built on it (metafor `rma.uni` arguments). */
export interface RmaOptions {
  /** Default 'REML', as metafor. */
  readonly method?: Tau2Method;
  /** Default 'z'. */
  readonly test?: TestType;
  /** Confidence level for the CI, the PI and the τ² CI; default 0.95. */
  readonly level?: number;
  /** metafor test = "adhoc": truncate the knha scale factor at 1 (only with test = 'knha'). */
  readonly knhaAdhoc?: boolean;
  readonly piType?: PredictionIntervalType;
  /** Upper end of the Q-profile search; metafor uses max(100, 10·τ²). Default 100. */
  readonly tau2Max?: number;
  /** Compute the Q-profile CI of τ² (O(k) per root-finding step); default true. */
  readonly tau2CI?: boolean;
  /** Convergence tolerance of the iterative τ² estimators, relative to τ² + s²; default 1e-13. */
  readonly tol?: number;
  readonly maxIter?: number;
}

/** A prediction for a new study from an intercept-only model (metafor `predict.rma`). */
export interface Prediction {
  readonly pred: number;
  readonly se: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly pi_lb: number;
  readonly pi_ub: number;
  readonly pi_type: PredictionIntervalType;
  /** Degrees of freedom of the PI's t quantile; null when the normal quantile was used. */
  readonly pi_df: number | null;
}

interface RmaCommon {
  readonly k: number;
  readonly method: Tau2Method;
  readonly level: number;
  readonly estimate: number;
  readonly se: number;
  readonly pval: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly tau2: number;
  readonly tau: number;
  /** Q-profile CI of τ²; null for FE models, for k = 1 or when not requested. */
  readonly tau2_ci_lb: number | null;
  readonly tau2_ci_ub: number | null;
  /** True when the Q-profile upper bound hit the search limit (the interval is unbounded above). */
  readonly tau2_ci_ub_at_limit: boolean;
  readonly I2_ci_lb: number | null;
  readonly I2_ci_ub: number | null;
  readonly H2_ci_lb: number | null;
  readonly H2_ci_ub: number | null;
  /** I² in percent: from τ² and s² under random effects, (QE − df)/QE under FE. */
  readonly I2: number;
  readonly H2: number;
  /** metafor's "typical" within-study variance s² = (k − 1)Σw / ((Σw)² − Σw²), w = 1/vi. */
  readonly s2: number;
  readonly QE: number;
  readonly QE_df: number;
  readonly QEp: number;
  readonly pi_lb: number;
  readonly pi_ub: number;
  readonly pi_type: PredictionIntervalType;
  readonly pi_df: number | null;
  readonly yi: number[];
  readonly vi: number[];
  /** Percent weights 100·wᵢ/Σw, wᵢ = 1/(vᵢ + τ²); they sum to 100. */
  readonly weight: number[];
  /** Iterations of the τ² estimator (0 for closed forms). */
  readonly iterations: number;
}

/** Result of an intercept-only model; `zval` under test = 'z', `tval` and `df` under 'knha'. */
export type RmaResult = RmaCommon &
  (
    | { readonly test: 'z'; readonly zval: number }
    | { readonly test: 'knha'; readonly tval: number; readonly df: number }
  );

// ------------------------------------------------------------------------- MH / Peto

/** Options of `rmaPeto` (metafor `rma.peto` arguments). */
export interface PetoOptions {
  readonly level?: number;
  /** Zero-cell handling of the per-study yi/vi only; default add 1/2, only0, drop00 true (as rma.peto). */
  readonly add?: number;
  readonly to?: ZeroCellTarget;
  readonly drop00?: boolean;
}

/** Options of `rmaMH` (metafor `rma.mh` arguments). */
export interface MantelHaenszelOptions {
  readonly level?: number;
  /** Continuity correction of the Cochran-Mantel-Haenszel test (OR only); default true. */
  readonly correct?: boolean;
  /** Zero-cell handling of the per-study yi/vi used for QE/I²; default add 1/2, only0, drop00 true. */
  readonly add?: number;
  readonly to?: ZeroCellTarget;
  readonly drop00?: boolean;
}

/** Common-effect Mantel-Haenszel or Peto result (metafor `rma.mh`, `rma.peto`). */
export interface PooledTablesResult {
  readonly measure: BinaryMeasure;
  readonly method: 'MH' | 'Peto';
  /** Number of tables used for the pooled estimate. */
  readonly k: number;
  /** Number of tables with an estimable yi (after drop00), used for QE. */
  readonly k_yi: number;
  readonly level: number;
  readonly estimate: number;
  readonly se: number;
  readonly zval: number;
  readonly pval: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly QE: number;
  readonly QE_df: number;
  readonly QEp: number;
  readonly I2: number;
  readonly H2: number;
  /** Per-study yi/vi (NaN where dropped) and percent weights of the pooled estimate. */
  readonly yi: number[];
  readonly vi: number[];
  readonly weight: number[];
}

/** `rmaMH` result: the common fields plus the CMH and Tarone tests for OR. */
export interface MantelHaenszelResult extends PooledTablesResult {
  readonly method: 'MH';
  /** Cochran-Mantel-Haenszel test (OR only; null otherwise). */
  readonly CMH: number | null;
  readonly CMHp: number | null;
  /** Tarone's test for heterogeneity (OR only; null otherwise or when undefined). */
  readonly Tarone: number | null;
  readonly Tarone_p: number | null;
}

/** `rmaPeto` result. */
export interface PetoResult extends PooledTablesResult {
  readonly method: 'Peto';
  readonly measure: 'OR';
}

// ------------------------------------------------------------------------- analyses

/** One row per omitted study or per cumulative step (metafor `leave1out` / `cumul`). */
export interface SequentialFits {
  readonly estimate: number[];
  readonly se: number[];
  /** z or t statistic, following the model's test. */
  readonly zval: number[];
  readonly pval: number[];
  readonly ci_lb: number[];
  readonly ci_ub: number[];
  readonly Q: number[];
  readonly Qp: number[];
  readonly tau2: number[];
  readonly I2: number[];
  readonly H2: number[];
}

/** Options of `cumulative` (metafor `cumul(res, order = ...)`). */
export interface CumulativeOptions extends RmaOptions {
  /** Sort key per study (e.g. publication year); default: input order. */
  readonly order?: readonly number[];
  /** Sort the key in decreasing order; ties keep input order either way. */
  readonly decreasing?: boolean;
}

/** `cumulative` result: row j = the first j studies in `order`. */
export interface CumulativeResult extends SequentialFits {
  /** Study indices (0-based, into the input) in the order they were added. */
  readonly order: number[];
}

/** Omnibus moderator test: χ²(QM_df) under z, F(QM_df, QM_df2) under knha (QM is then the F value). */
interface ModeratorTest {
  readonly QM: number;
  readonly QM_df: number;
  /** Denominator df of the F test under knha; null under z (chi-square test). */
  readonly QM_df2: number | null;
  readonly QMp: number;
}

/** Options of `metaRegression`. */
export interface MetaRegressionOptions extends RmaOptions {
  /** Include an intercept column (default true); QM then tests all other coefficients. */
  readonly intercept?: boolean;
}

/** `metaRegression` result (metafor `rma.uni` with mods); coefficient arrays follow the design columns. */
export interface MetaRegressionResult extends ModeratorTest {
  readonly k: number;
  readonly p: number;
  readonly method: Tau2Method;
  readonly test: TestType;
  readonly b: number[];
  readonly se: number[];
  readonly zval: number[];
  readonly pval: number[];
  readonly ci_lb: number[];
  readonly ci_ub: number[];
  readonly tau2: number;
  readonly I2: number;
  readonly H2: number;
  readonly QE: number;
  readonly QE_df: number;
  readonly QEp: number;
  /** t df under knha (k − p); null under z. */
  readonly df: number | null;
  /** metafor's R² in percent (see `rSquared`); null without an intercept or moderators. */
  readonly R2: number | null;
}

/** The three tests for subgroup differences; each says in its doc which convention it follows. */
interface SubgroupTests {
  /**
   * RevMan 5 / meta "test for subgroup differences" under random effects: Cochran's Q of the
   * subgroup pooled estimates (each with its own τ²) with weights 1/se², df = G − 1.
   */
  readonly Q_between_random: number;
  readonly Q_between_random_df: number;
  readonly Q_between_random_p: number;
  /**
   * Fixed-effect Q-between = Q_total(FE) − Σ Q_within(FE) (RevMan fixed-effect test; equals
   * metafor's QM of `rma(mods = ~ factor(group), method = "FE")`), df = G − 1.
   */
  readonly Q_between_fixed: number;
  readonly Q_between_fixed_df: number;
  readonly Q_between_fixed_p: number;
  /** Mixed-effects moderator test with one τ² shared by all subgroups (metafor QM of `rma(mods = ~ factor(group))`). */
  readonly QM_common_tau2: ModeratorTest;
}

/** `subgroupAnalysis` result: one fit per subgroup (same order as `groups`), the overall fit, the tests. */
export interface SubgroupResult {
  /** Group labels in sorted order (as R's factor levels). */
  readonly groups: string[];
  readonly fits: RmaResult[];
  readonly overall: RmaResult;
  readonly tests: SubgroupTests;
}

/** `eggerTest` result (metafor `regtest(res)`, model = "rma", predictor = "sei"). */
export interface EggerRmaResult {
  readonly model: 'rma';
  /** Test statistic of the sei slope: z, or t under knha. */
  readonly zval: number;
  readonly pval: number;
  readonly df: number | null;
  readonly slope: number;
  readonly slope_se: number;
  /** Intercept = estimate as sei → 0 ("limit estimate"), with its CI. */
  readonly limit_estimate: number;
  readonly limit_ci_lb: number;
  readonly limit_ci_ub: number;
  readonly tau2: number;
}

/** `eggerTestLm` result (metafor `regtest(res, model = "lm")`, the classical Egger test). */
export interface EggerLmResult {
  readonly model: 'lm';
  readonly tval: number;
  readonly df: number;
  readonly pval: number;
  readonly intercept: number;
  readonly slope: number;
  readonly limit_estimate: number;
  readonly limit_ci_lb: number;
  readonly limit_ci_ub: number;
}

/** Options of the back-transformations. */
export interface BackTransformOptions {
  /** Study sizes; required for PFT (harmonic-mean inversion). */
  readonly ni?: readonly number[];
}

/** Back-transformed estimate, CI and PI (metafor `predict(res, transf = ...)`). */
export interface BackTransformed {
  readonly pred: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly pi_lb: number;
  readonly pi_ub: number;
}
