/**
 * The distribution functions the stats core needs: normal, Student t, chi-square, F and beta.
 *
 * jstat supplies the starting values of the quantile functions; each quantile is then polished
 * by a bracketed Newton iteration on the precise cdfs of ./special-functions.ts, because jstat's
 * own quantiles are off by up to ~4e-8 (t) and ~4e-9 (beta) relative to R. Upper tails are
 * computed directly, never as 1 − cdf, so small p-values keep their relative precision.
 */
import jStat from 'jstat';
import { StatsInputError } from './errors.js';
import { newtonIncreasing } from './roots.js';
import { erfcNonNegative, logBeta, logGamma, regularizedBeta, regularizedGamma } from './special-functions.js';

const SQRT1_2 = Math.SQRT1_2;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function checkProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new StatsInputError(`${what}: probability must be in [0, 1], got ${p}`);
}

function checkPositive(value: number, what: string): void {
  if (!(value > 0)) throw new StatsInputError(`${what} must be > 0, got ${value}`);
}

/** Widen [lo, hi] geometrically (away from `anchor`) until the increasing f changes sign. */
function bracketIncreasing(f: (x: number) => number, lo: number, hi: number, anchor: number): [number, number] {
  let left = lo;
  let right = hi;
  for (let i = 0; i < 2000 && f(right) < 0; i++) right = anchor + 2 * (right - anchor) + 1;
  for (let i = 0; i < 2000 && f(left) > 0; i++) left = anchor - 2 * (anchor - left) - 1;
  return [left, right];
}

// ----------------------------------------------------------------------------- normal

/** Standard normal density. */
function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/** P(Z ≤ z) for a standard normal Z (R `pnorm`). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return z < 0 ? 0.5 * erfcNonNegative(-z * SQRT1_2) : 1 - 0.5 * erfcNonNegative(z * SQRT1_2);
}

/** P(Z > z) for a standard normal Z (R `pnorm(lower.tail = FALSE)`). */
export function normalUpperTail(z: number): number {
  return normalCdf(-z);
}

/**
 * The upper-tail quantile z, P(Z > z) = q for 0 < q < 0.5, to within about 3e-3 (Abramowitz and
 * Stegun 26.2.22): only the start of the Newton iteration, which polishes it. Computed here rather
 * than by jstat, whose module the commonest quantile (a 95% interval) then never needs to load.
 */
function normalUpperStart(q: number): number {
  const t = Math.sqrt(-2 * Math.log(q));
  return t - (2.30753 + 0.27061 * t) / (1 + t * (0.99229 + t * 0.04481));
}

/** Quantile of the standard normal distribution (R `qnorm`). */
export function normalQuantile(p: number): number {
  checkProbability(p, 'normalQuantile');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve in the smaller tail so the target keeps all its digits.
  const q = p < 0.5 ? p : 1 - p;
  const start = normalUpperStart(q);
  const upper = newtonIncreasing(
    (x) => q - normalUpperTail(x),
    normalPdf,
    start,
    ...bracketIncreasing((x) => q - normalUpperTail(x), Math.max(0, start - 1), start + 1, start),
  );
  return p < 0.5 ? -upper : upper;
}

// ----------------------------------------------------------------------------- Student t

/** Student t density. */
function tPdf(t: number, df: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(0.5, df / 2));
}

/** P(T > t) for Student's t with `df` degrees of freedom (R `pt(lower.tail = FALSE)`). */
export function tUpperTail(t: number, df: number): number {
  checkPositive(df, 'tUpperTail: df');
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const t2 = t * t;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); pass both x and 1 − x to avoid cancellation.
  const twoSided = regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2)).lower;
  return t >= 0 ? 0.5 * twoSided : 1 - 0.5 * twoSided;
}

/** Quantile of Student's t distribution (R `qt`). */
export function tQuantile(p: number, df: number): number {
  checkProbability(p, 'tQuantile');
  checkPositive(df, 'tQuantile: df');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const target = (x: number): number => q - tUpperTail(x, df);
  const start = Math.abs(jStat.studentt.inv(q, df));
  const [lo, hi] = bracketIncreasing(target, 0, Number.isFinite(start) ? 2 * start + 1 : 1e6, 0);
  const upper = newtonIncreasing(target, (x) => tPdf(x, df), start, lo, hi);
  return p < 0.5 ? -upper : upper;
}

// ----------------------------------------------------------------------------- chi-square

/** Chi-square density. */
function chiSquarePdf(x: number, df: number): number {
  if (x <= 0) return 0;
  const k = df / 2;
  return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - logGamma(k));
}

/** P(X ≤ x) for a chi-square X (R `pchisq`). */
export function chiSquareCdf(x: number, df: number): number {
  checkPositive(df, 'chiSquareCdf: df');
  return regularizedGamma(df / 2, x / 2).lower;
}

/** P(X > x) for a chi-square X (R `pchisq(lower.tail = FALSE)`). */
export function chiSquareUpperTail(x: number, df: number): number {
  checkPositive(df, 'chiSquareUpperTail: df');
  if (Number.isNaN(x)) return Number.NaN;
  return regularizedGamma(df / 2, x / 2).upper;
}

/** Quantile of the chi-square distribution (R `qchisq`). */
export function chiSquareQuantile(p: number, df: number): number {
  checkProbability(p, 'chiSquareQuantile');
  checkPositive(df, 'chiSquareQuantile: df');
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Solve on the tail that is small, so its digits are not lost in 1 − p.
  const target =
    p <= 0.5
      ? (x: number): number => regularizedGamma(df / 2, x / 2).lower - p
      : (x: number): number => 1 - p - regularizedGamma(df / 2, x / 2).upper;
  const start = jStat.chisquare.inv(p, df);
  const guess = Number.isFinite(start) && start > 0 ? start : df;
  const [, hi] = bracketIncreasing(target, 0, 2 * guess + 1, 0);
  return newtonIncreasing(target, (x) => chiSquarePdf(x, df), guess, 0, hi);
}

// ----------------------------------------------------------------------------- F

/** P(F > f) for an F(df1, df2) variable (R `pf(lower.tail = FALSE)`). */
export function fUpperTail(f: number, df1: number, df2: number): number {
  checkPositive(df1, 'fUpperTail: df1');
  checkPositive(df2, 'fUpperTail: df2');
  if (f <= 0) return 1;
  const denom = df2 + df1 * f;
  return regularizedBeta(df2 / denom, df2 / 2, df1 / 2, (df1 * f) / denom).lower;
}

// ----------------------------------------------------------------------------- beta

/** Beta density. */
function betaPdf(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/** P(X ≤ x) for X ~ Beta(a, b) (R `pbeta`). */
export function betaCdf(x: number, a: number, b: number): number {
  checkPositive(a, 'betaCdf: a');
  checkPositive(b, 'betaCdf: b');
  return regularizedBeta(x, a, b).lower;
}

/** Quantile of the Beta(a, b) distribution (R `qbeta`). */
export function betaQuantile(p: number, a: number, b: number): number {
  checkProbability(p, 'betaQuantile');
  checkPositive(a, 'betaQuantile: a');
  checkPositive(b, 'betaQuantile: b');
  if (p === 0) return 0;
  if (p === 1) return 1;
  const target =
    p <= 0.5
      ? (x: number): number => regularizedBeta(x, a, b).lower - p
      : (x: number): number => 1 - p - regularizedBeta(x, a, b).upper;
  const start = jStat.beta.inv(p, a, b);
  return newtonIncreasing(target, (x) => betaPdf(x, a, b), start, 0, 1);
}

// ----------------------------------------------------------------------------- helpers

/** Two-sided p-value of a z statistic: 2·P(Z > |z|). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalUpperTail(Math.abs(z));
}

/** Two-sided p-value of a t statistic: 2·P(T > |t|). */
export function twoSidedTP(t: number, df: number): number {
  return 2 * tUpperTail(Math.abs(t), df);
}
