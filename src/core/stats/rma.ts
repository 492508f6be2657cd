/**
 * Intercept-only fixed- and random-effects models, as metafor's `rma.uni(yi, vi)`.
 */
import { chiSquareUpperTail, twoSidedNormalP, twoSidedTP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { h2FromQ, h2FromTau2, i2FromQ, i2FromTau2, typicalVariance } from './heterogeneity.js';
import { toStudyData, weightedFit, type StudyData } from './inverse-variance.js';
import { predictInterval } from './prediction.js';
import { estimateTau2 } from './tau2.js';
import { qProfileCI, type Tau2Interval } from './tau2-ci.js';
import type { RmaOptions, RmaResult, Tau2Method, TestType } from './types.js';

const METHODS: readonly Tau2Method[] = ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'HS', 'SJ', 'EB'];
const TESTS: readonly TestType[] = ['z', 'knha'];
const MACHINE_EPS = 2.220446049250313e-16;

/** Options with defaults applied and names checked (they may come from the command line). */
export interface ResolvedRmaOptions {
  readonly method: Tau2Method;
  readonly test: TestType;
  readonly level: number;
  readonly knhaAdhoc: boolean;
  readonly piType: NonNullable<RmaOptions['piType']>;
  readonly tau2Max: number;
  readonly tau2CI: boolean;
  readonly tol: number;
  readonly maxIter: number;
}

/** Apply rma's defaults (REML, z, 95%) and reject unknown method/test/PI names with StatsInputError. */
export function resolveRmaOptions(options: RmaOptions): ResolvedRmaOptions {
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? 0.95;
  if (!METHODS.includes(method))
    throw new StatsInputError(`unknown method "${String(method)}" (use ${METHODS.join(', ')})`);
  if (!TESTS.includes(test)) throw new StatsInputError(`unknown test "${String(test)}" (use z or knha)`);
  if (!(level > 0 && level < 1)) throw new StatsInputError(`level must be in (0, 1), got ${level}`);
  const piType = options.piType ?? 'default';
  if (!['default', 't', 'riley'].includes(piType))
    throw new StatsInputError(`unknown prediction interval type "${String(piType)}"`);
  return {
    method,
    test,
    level,
    knhaAdhoc: options.knhaAdhoc ?? false,
    piType,
    tau2Max: options.tau2Max ?? 100,
    tau2CI: options.tau2CI ?? true,
    tol: options.tol ?? 1e-13,
    maxIter: options.maxIter ?? 1000,
  };
}

interface Inference {
  readonly se: number;
  readonly stat: number;
  readonly pval: number;
  readonly df: number | null;
}

/** z test, or the Hartung-Knapp(-Sidik-Jonkman) t test with its scale factor s²w = Q(τ²)/(k − 1). */
function inference(
  estimate: number,
  sumW: number,
  qAtTau2: number,
  k: number,
  test: TestType,
  adhoc: boolean,
): Inference {
  const seModel = Math.sqrt(1 / sumW);
  if (test === 'z') {
    const stat = estimate / seModel;
    return { se: seModel, stat, pval: twoSidedNormalP(stat), df: null };
  }
  let s2w = qAtTau2 <= MACHINE_EPS ? 0 : qAtTau2 / (k - 1);
  if (adhoc) s2w = Math.max(1, s2w);
  const se = seModel * Math.sqrt(s2w);
  const stat = estimate / se;
  return { se, stat, pval: twoSidedTP(stat, k - 1), df: k - 1 };
}

function percentWeights(data: StudyData, tau2: number, sumW: number): number[] {
  const out = new Array<number>(data.k);
  for (let i = 0; i < data.k; i++) out[i] = 100 / (((data.vi[i] as number) + tau2) * sumW);
  return out;
}

/** Fit an intercept-only model to validated data; the engine behind rma, leave-one-out, cumulative... */
export function fitRma(data: StudyData, opts: ResolvedRmaOptions): RmaResult {
  const k = data.k;
  // metafor switches to z for k = 1: there are no degrees of freedom for a t test.
  const test: TestType = k === 1 ? 'z' : opts.test;
  const { tau2, iterations } = estimateTau2(data, opts.method, { tol: opts.tol, maxIter: opts.maxIter });
  const fit = weightedFit(data, tau2);
  const inf = inference(fit.estimate, fit.sumW, fit.q, k, test, opts.knhaAdhoc);

  const fe = tau2 === 0 ? fit : weightedFit(data, 0);
  const QE_df = k - 1;
  const QE = k > 1 ? Math.max(0, fe.q) : 0;
  const s2 = k > 1 ? typicalVariance(k, fe.sumW, fe.sumW2) : 0;
  const random = opts.method !== 'FE';
  const I2 = k === 1 ? 0 : random ? i2FromTau2(tau2, s2) : i2FromQ(QE, QE_df);
  const H2 = k === 1 ? 1 : random ? h2FromTau2(tau2, s2) : h2FromQ(QE, QE_df);

  const ci: Tau2Interval | null =
    random && k > 1 && opts.tau2CI ? qProfileCI(data, tau2, opts.level, opts.tau2Max) : null;
  const model = { k, method: opts.method, test, level: opts.level, estimate: fit.estimate, se: inf.se, tau2 };
  const pred = predictInterval(model, opts.piType);

  const common = {
    k,
    method: opts.method,
    level: opts.level,
    estimate: fit.estimate,
    se: inf.se,
    pval: inf.pval,
    ci_lb: pred.ci_lb,
    ci_ub: pred.ci_ub,
    tau2,
    tau: Math.sqrt(tau2),
    tau2_ci_lb: ci?.lb ?? null,
    tau2_ci_ub: ci?.ub ?? null,
    tau2_ci_ub_at_limit: ci?.ubAtLimit ?? false,
    I2_ci_lb: ci ? i2FromTau2(ci.lb, s2) : null,
    I2_ci_ub: ci ? i2FromTau2(ci.ub, s2) : null,
    H2_ci_lb: ci ? h2FromTau2(ci.lb, s2) : null,
    H2_ci_ub: ci ? h2FromTau2(ci.ub, s2) : null,
    I2,
    H2,
    s2,
    QE,
    QE_df,
    QEp: k > 1 ? chiSquareUpperTail(QE, QE_df) : 1,
    pi_lb: pred.pi_lb,
    pi_ub: pred.pi_ub,
    pi_type: pred.pi_type,
    pi_df: pred.pi_df,
    yi: Array.from(data.yi),
    vi: Array.from(data.vi),
    weight: percentWeights(data, tau2, fit.sumW),
    iterations,
  };
  return inf.df === null
    ? { ...common, test: 'z', zval: inf.stat }
    : { ...common, test: 'knha', tval: inf.stat, df: inf.df };
}

/** Fixed- or random-effects model for effect sizes yi with sampling variances vi (metafor `rma.uni`). */
export function rma(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions = {}): RmaResult {
  return fitRma(toStudyData(yi, vi), resolveRmaOptions(options));
}

/** The test statistic of a result, whichever test produced it (z or t). */
export function testStatistic(result: RmaResult): number {
  return result.test === 'z' ? result.zval : result.tval;
}
