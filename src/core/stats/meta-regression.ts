/**
 * Mixed-effects meta-regression with a few moderators, as metafor's `rma.uni(yi, vi, mods = ...)`.
 * Everything is accumulated as p×p sums over the k studies (O(k·p²)); P = W − WX(X′WX)⁻¹X′W is
 * never formed. Used for Egger's test and the common-τ² test for subgroup differences.
 */
import {
  chiSquareUpperTail,
  fUpperTail,
  normalQuantile,
  tQuantile,
  twoSidedNormalP,
  twoSidedTP,
} from './distributions.js';
import { StatsInputError } from './errors.js';
import { h2FromQ, h2FromTau2, i2FromQ, i2FromTau2 } from './heterogeneity.js';
import { toStudyData } from './inverse-variance.js';
import { resolveRmaOptions } from './rma.js';
import { brentRoot } from './roots.js';
import { boundedScoring, type ScoreAt } from './scoring.js';
import type { MetaRegressionOptions, MetaRegressionResult, Tau2Method } from './types.js';

const MACHINE_EPS = 2.220446049250313e-16;

/** Row-major k×p design matrix plus the data. */
interface Design {
  readonly k: number;
  readonly p: number;
  readonly x: Float64Array;
  readonly yi: Float64Array;
  readonly vi: Float64Array;
}

/** Invert a small symmetric positive-definite matrix (Gauss-Jordan with partial pivoting). */
function invert(a: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inv[i * p + i] = 1;
  const scale = Math.max(...Array.from({ length: p }, (_, i) => Math.abs(m[i * p + i] as number)));
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++)
      if (Math.abs(m[r * p + col] as number) > Math.abs(m[pivot * p + col] as number)) pivot = r;
    const pv = m[pivot * p + col] as number;
    if (!(Math.abs(pv) > 1e-13 * scale)) throw new StatsInputError('the moderators are collinear (X′WX is singular)');
    if (pivot !== col) {
      for (let j = 0; j < p; j++) {
        [m[col * p + j], m[pivot * p + j]] = [m[pivot * p + j] as number, m[col * p + j] as number];
        [inv[col * p + j], inv[pivot * p + j]] = [inv[pivot * p + j] as number, inv[col * p + j] as number];
      }
    }
    for (let j = 0; j < p; j++) {
      m[col * p + j] = (m[col * p + j] as number) / pv;
      inv[col * p + j] = (inv[col * p + j] as number) / pv;
    }
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const f = m[r * p + col] as number;
      if (f === 0) continue;
      for (let j = 0; j < p; j++) {
        m[r * p + j] = (m[r * p + j] as number) - f * (m[col * p + j] as number);
        inv[r * p + j] = (inv[r * p + j] as number) - f * (inv[col * p + j] as number);
      }
    }
  }
  return inv;
}

/** trace(A·B) for p×p matrices. */
function traceProduct(a: Float64Array, b: Float64Array, p: number): number {
  let t = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) t += (a[i * p + j] as number) * (b[j * p + i] as number);
  return t;
}

/** A weighted least-squares fit with weights wᵢ and the traces the τ² estimators need. */
interface WlsFit {
  readonly b: Float64Array;
  /** (X′WX)⁻¹. */
  readonly vb: Float64Array;
  /** Σ w e². */
  readonly rss: number;
  /** Σ (w e)² = Y′PPY. */
  readonly ypy2: number;
  readonly sumW: number;
  readonly sumW2: number;
  /** tr(P) and tr(PP). */
  readonly trP: number;
  readonly trPP: number;
}

function wls(d: Design, weight: (i: number) => number): WlsFit {
  const { k, p, x, yi } = d;
  const xwx = new Float64Array(p * p);
  const xw2x = new Float64Array(p * p);
  const xw3x = new Float64Array(p * p);
  const xwy = new Float64Array(p);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const w = weight(i);
    const w2 = w * w;
    sumW += w;
    sumW2 += w2;
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a] as number;
      xwy[a] = (xwy[a] as number) + w * xa * (yi[i] as number);
      for (let c = 0; c < p; c++) {
        const xac = xa * (x[row + c] as number);
        xwx[a * p + c] = (xwx[a * p + c] as number) + w * xac;
        xw2x[a * p + c] = (xw2x[a * p + c] as number) + w2 * xac;
        xw3x[a * p + c] = (xw3x[a * p + c] as number) + w2 * w * xac;
      }
    }
  }
  const vb = invert(xwx, p);
  const b = new Float64Array(p);
  for (let a = 0; a < p; a++)
    for (let c = 0; c < p; c++) b[a] = (b[a] as number) + (vb[a * p + c] as number) * (xwy[c] as number);
  let rss = 0;
  let ypy2 = 0;
  for (let i = 0; i < k; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += (x[i * p + a] as number) * (b[a] as number);
    const w = weight(i);
    const e = (yi[i] as number) - fitted;
    rss += w * e * e;
    ypy2 += w * w * e * e;
  }
  // With B = (X′WX)⁻¹: tr(P) = Σw − tr(B X′W²X); tr(PP) = Σw² − 2 tr(B X′W³X) + tr((B X′W²X)²).
  const bw2 = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += (vb[a * p + j] as number) * (xw2x[j * p + c] as number);
      bw2[a * p + c] = s;
    }
  const trP = sumW - traceProduct(vb, xw2x, p);
  const trPP = sumW2 - 2 * traceProduct(vb, xw3x, p) + traceProduct(bw2, bw2, p);
  return { b, vb, rss, ypy2, sumW, sumW2, trP, trPP };
}

const atTau2 =
  (d: Design, tau2: number) =>
  (i: number): number =>
    1 / ((d.vi[i] as number) + tau2);

/** Hedges' estimator from the OLS fit: (RSS − tr(PV)) / (k − p), metafor's REML/ML start. */
function tau2Hedges(d: Design): number {
  const ols = wls(d, () => 1);
  let trPV = 0;
  // tr(PV) with P = I − X(X′X)⁻¹X′: Σvᵢ − Σvᵢ·hᵢᵢ.
  for (let i = 0; i < d.k; i++) {
    let h = 0;
    for (let a = 0; a < d.p; a++)
      for (let c = 0; c < d.p; c++)
        h += (d.x[i * d.p + a] as number) * (ols.vb[a * d.p + c] as number) * (d.x[i * d.p + c] as number);
    trPV += (d.vi[i] as number) * (1 - h);
  }
  return Math.max(0, (ols.rss - trPV) / (d.k - d.p));
}

function scoring(d: Design, method: 'REML' | 'ML', tol: number, maxIter: number): number {
  const fe = wls(d, atTau2(d, 0));
  const scoreAt = (t: number): ScoreAt => {
    const f = t === 0 ? fe : wls(d, atTau2(d, t));
    return method === 'REML'
      ? { score: f.ypy2 - f.trP, information: f.trPP }
      : { score: f.ypy2 - f.sumW, information: f.sumW2 };
  };
  const tau2 = boundedScoring(scoreAt, tau2Hedges(d), { tol, maxIter, scale: (d.k - d.p) / fe.trP }).tau2;
  // metafor's ll0check: prefer τ² = 0 when it has the higher likelihood (a local maximum was found).
  if (tau2 > 0) {
    const ll = logLikelihood(d, tau2, method);
    if (logLikelihood(d, 0, method) - ll > 1e-10 * (1 + Math.abs(ll))) return 0;
  }
  return tau2;
}

/** log det of a symmetric positive-definite p×p matrix (Cholesky). */
function logDetSpd(a: Float64Array, p: number): number {
  const l = new Float64Array(p * p);
  let logDet = 0;
  for (let j = 0; j < p; j++) {
    let diag = a[j * p + j] as number;
    for (let c = 0; c < j; c++) diag -= (l[j * p + c] as number) ** 2;
    const root = Math.sqrt(diag);
    l[j * p + j] = root;
    logDet += 2 * Math.log(root);
    for (let r = j + 1; r < p; r++) {
      let v = a[r * p + j] as number;
      for (let c = 0; c < j; c++) v -= (l[r * p + c] as number) * (l[j * p + c] as number);
      l[r * p + j] = v / root;
    }
  }
  return logDet;
}

/** ML / REML log-likelihood up to a constant that does not depend on τ². */
function logLikelihood(d: Design, tau2: number, method: 'REML' | 'ML'): number {
  const f = wls(d, atTau2(d, tau2));
  let sumLog = 0;
  for (let i = 0; i < d.k; i++) sumLog += Math.log((d.vi[i] as number) + tau2);
  const ll = -0.5 * sumLog - 0.5 * f.rss;
  // log det(X′WX) = −log det((X′WX)⁻¹).
  return method === 'REML' ? ll + 0.5 * logDetSpd(f.vb, d.p) : ll;
}

function estimateTau2(d: Design, method: Tau2Method, tol: number, maxIter: number): number {
  if (method === 'FE' || d.k <= d.p) return 0;
  if (method === 'DL') {
    const fe = wls(d, atTau2(d, 0));
    return Math.max(0, (fe.rss - (d.k - d.p)) / fe.trP);
  }
  if (method === 'PM') {
    const f = (t: number): number => wls(d, atTau2(d, t)).rss - (d.k - d.p);
    if (f(0) <= 0) return 0;
    let hi = Math.max(1e-8, (d.k - d.p) / wls(d, atTau2(d, 0)).trP);
    while (f(hi) > 0) hi *= 4;
    return brentRoot(f, 0, hi);
  }
  if (method === 'HE') return tau2Hedges(d);
  if (method === 'HS') {
    const fe = wls(d, atTau2(d, 0));
    return Math.max(0, (fe.rss - d.k) / fe.sumW);
  }
  if (method === 'SJ') {
    // metafor: τ²₀ = var(y)(k − 1)/k of the raw effects, then τ²₀ · RSS(τ²₀) / (k − p).
    let mean = 0;
    for (let i = 0; i < d.k; i++) mean += d.yi[i] as number;
    mean /= d.k;
    let ss = 0;
    for (let i = 0; i < d.k; i++) ss += ((d.yi[i] as number) - mean) ** 2;
    const t0 = ss / d.k;
    return t0 > 0 ? (t0 * wls(d, atTau2(d, t0)).rss) / (d.k - d.p) : 0;
  }
  if (method === 'EB') {
    const scale = (d.k - d.p) / wls(d, atTau2(d, 0)).trP;
    let tau2 = tau2Hedges(d);
    for (let iter = 1; iter <= maxIter; iter++) {
      const f = wls(d, atTau2(d, tau2));
      let step = ((f.rss * d.k) / (d.k - d.p) - d.k) / f.sumW;
      // Halving an infinite or NaN step never ends (an information of 0 at extreme variance ratios).
      if (!Number.isFinite(step))
        throw new StatsInputError(`empirical Bayes τ² did not converge (a step of ${step} from τ² = ${tau2})`);
      while (tau2 + step < 0) step /= 2;
      const next = tau2 + step;
      if (Math.abs(step) <= tol * (next + scale)) return next;
      tau2 = next;
    }
    throw new StatsInputError('empirical Bayes τ² did not converge');
  }
  return scoring(d, method, tol, maxIter);
}

/**
 * metafor's R² (r2def "1"): the share of τ² the moderators account for, 100·(τ²₀ − τ²)/τ²₀ with τ²₀
 * from the intercept-only model (0 when τ²₀ = 0); for FE models the adjusted R² of the weighted
 * least-squares fit, 1 − (QE/(k − p)) / (Q₀/(k − 1)). Both floored at 0.
 */
function rSquared(d: Design, method: Tau2Method, tau2: number, QE: number, tol: number, maxIter: number): number {
  const ones: Design = { ...d, p: 1, x: new Float64Array(d.k).fill(1) };
  if (method === 'FE') {
    const q0 = wls(ones, atTau2(ones, 0)).rss;
    if (!(q0 > 0)) return 0;
    return Math.max(0, 100 * (1 - QE / (d.k - d.p) / (q0 / (d.k - 1))));
  }
  const tau2RE = estimateTau2(ones, method, tol, maxIter);
  return tau2RE === 0 ? 0 : Math.max(0, (100 * (tau2RE - tau2)) / tau2RE);
}

function buildDesign(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  moderators: readonly (readonly number[])[],
  intercept: boolean,
): Design {
  const data = toStudyData(yi, vi);
  const k = data.k;
  moderators.forEach((m, j) => {
    if (m.length !== k) throw new StatsInputError(`moderator ${j + 1} has ${m.length} values for ${k} studies`);
    if (!m.every(Number.isFinite)) throw new StatsInputError(`moderator ${j + 1} has a missing or non-finite value`);
  });
  const p = moderators.length + (intercept ? 1 : 0);
  if (p === 0) throw new StatsInputError('a meta-regression needs an intercept or a moderator');
  if (k < p) throw new StatsInputError(`k = ${k} studies cannot estimate ${p} coefficients`);
  const x = new Float64Array(k * p);
  for (let i = 0; i < k; i++) {
    let c = 0;
    if (intercept) x[i * p + c++] = 1;
    for (const m of moderators) x[i * p + c++] = m[i] as number;
  }
  return { k, p, x, yi: data.yi, vi: data.vi };
}

/** Meta-regression on moderator columns (metafor `rma.uni(yi, vi, mods = cbind(...))`). */
export function metaRegression(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  moderators: readonly (readonly number[])[],
  options: MetaRegressionOptions = {},
): MetaRegressionResult {
  const opts = resolveRmaOptions(options);
  const intercept = options.intercept ?? true;
  const d = buildDesign(yi, vi, moderators, intercept);
  const { k, p } = d;
  const test = k - p > 0 ? opts.test : 'z';
  const tau2 = estimateTau2(d, opts.method, opts.tol, opts.maxIter);
  const fit = wls(d, atTau2(d, tau2));

  let s2w = 1;
  if (test === 'knha') s2w = fit.rss <= MACHINE_EPS ? 0 : fit.rss / (k - p);
  if (test === 'knha' && opts.knhaAdhoc) s2w = Math.max(1, s2w);
  const df = test === 'knha' ? k - p : null;
  const alphaHalf = (1 - opts.level) / 2;
  const crit = df === null ? normalQuantile(1 - alphaHalf) : tQuantile(1 - alphaHalf, df);
  const b = Array.from(fit.b);
  const se = b.map((_, j) => Math.sqrt(s2w * (fit.vb[j * p + j] as number)));
  const zval = b.map((bj, j) => bj / (se[j] as number));
  const pval = zval.map((z) => (df === null ? twoSidedNormalP(z) : twoSidedTP(z, df)));

  // Omnibus test of the moderators: b′ V⁻¹ b over the non-intercept coefficients.
  const first = intercept ? 1 : 0;
  const m = p - first;
  let QM = 0;
  if (m > 0) {
    const sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let c = 0; c < m; c++) sub[a * m + c] = s2w * (fit.vb[(a + first) * p + c + first] as number);
    const subInv = invert(sub, m);
    for (let a = 0; a < m; a++)
      for (let c = 0; c < m; c++)
        QM += (b[a + first] as number) * (subInv[a * m + c] as number) * (b[c + first] as number);
  }
  const QMstat = df === null ? QM : QM / m;
  const QMp = m === 0 ? Number.NaN : df === null ? chiSquareUpperTail(QM, m) : fUpperTail(QMstat, m, df);

  const fe = wls(d, atTau2(d, 0));
  const QE_df = k - p;
  const QE = QE_df > 0 ? Math.max(0, fe.rss) : 0;
  const vt = QE_df > 0 ? QE_df / fe.trP : 0;
  const random = opts.method !== 'FE';
  return {
    R2: first === 1 && m > 0 ? rSquared(d, opts.method, tau2, QE, opts.tol, opts.maxIter) : null,
    k,
    p,
    method: opts.method,
    test,
    b,
    se,
    zval,
    pval,
    ci_lb: b.map((bj, j) => bj - crit * (se[j] as number)),
    ci_ub: b.map((bj, j) => bj + crit * (se[j] as number)),
    tau2,
    I2: QE_df <= 0 ? 0 : random ? i2FromTau2(tau2, vt) : i2FromQ(QE, QE_df),
    H2: QE_df <= 0 ? 1 : random ? h2FromTau2(tau2, vt) : h2FromQ(QE, QE_df),
    QE,
    QE_df,
    QEp: QE_df > 0 ? chiSquareUpperTail(QE, QE_df) : 1,
    QM: QMstat,
    QM_df: m,
    QM_df2: df,
    QMp,
    df,
  };
}
