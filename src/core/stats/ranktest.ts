/**
 * Begg and Mazumdar's rank correlation test for funnel-plot asymmetry, as metafor's `ranktest`:
 * Kendall's tau between the standardized deviates (yi − θ)/sqrt(vi − 1/Σw) and vi, with R's
 * cor.test(method = "kendall", exact = TRUE): the exact null distribution when there are no ties,
 * the normal approximation with the tie-corrected variance otherwise.
 *
 * Two departures from R, both where R gives no usable answer: R counts the permutations of its
 * exact distribution in doubles, so from k = 171 on (171! overflows) its p-value is NaN, after
 * O(k^4) work (k = 300: 3.5 s of CPU); and above RANKTEST_EXACT_MAX_K studies without ties we use
 * an Edgeworth series with a continuity correction instead of the exact distribution (exact: false).
 */
import { normalCdf } from './distributions.js';
import { StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';

export interface RankTestResult {
  /** Kendall's tau (tau-b when there are ties). */
  readonly tau: number;
  readonly pval: number;
  /** The p-value is from the exact null distribution (false: a normal approximation). */
  readonly exact: boolean;
}

/**
 * Up to this many studies (without ties) the p-value is exact; above it, the Edgeworth series below.
 * The exact distribution costs O(k³) time and k²/2 doubles: at k = 1000 about 0.5 s of CPU and 4 MB
 * in the worst case (tau near 0), at 2000 about 4 s; at 10^5 it would take days. At k = 1001, over
 * every possible S against the exact distribution, the Edgeworth two-sided p-value is off by at most
 * 6.4e-10 (a normal approximation with continuity correction: 1e-4, visible in the 4 decimals
 * printed); relative to p, 1.3e-7 for p ≥ 1e-4, 3.3e-6 for p ≥ 1e-6, 3.1e-4 for p ≥ 1e-10 and 6% for
 * p ≥ 1e-20; further out, where the p-value means nothing more, it can be off by factors (2.6 at
 * 1e-30). tests/unit/stats/ranktest.test.ts checks these bounds; the errors shrink as k grows.
 */
export const RANKTEST_EXACT_MAX_K = 1000;

/**
 * P(T = k), k = 0..q, for T the number of concordant pairs among n untied pairs, 0 ≤ q ≤ n(n−1)/4:
 * the lower half of the Mahonian distribution (inversions of a random permutation), built one element at a
 * time. Adding the m-th element spreads each probability evenly over m neighbours, so each new entry
 * is a sliding-window sum of width m of the previous ones, kept as a running sum: O(n·q) in all.
 * Only the entries up to q are needed (an entry depends on none above it), and of each distribution
 * only its left half, the right half being its mirror image. There the distribution rises, so the
 * running sum drops its smallest term (no cancellation); its rounding is compensated (Neumaier), so it
 * does not drift over the ~n²/4 steps: the result is within 1e-15 (relative) of the exact fraction.
 */
export function kendallDensity(q: number, n: number): Float64Array {
  let cur = new Float64Array(q + 1);
  let next = new Float64Array(q + 1);
  cur[0] = 1;
  for (let m = 2; m <= n; m++) {
    const max = (m * (m - 1)) / 2;
    const half = Math.min(q, Math.floor(max / 2));
    let s = 0;
    let c = 0;
    for (let k = 0; k <= half; k++) {
      // cur[k − m] ≤ cur[k] on the rising half: d ≥ 0, rounded once (the window sum telescopes).
      const d = k >= m ? (cur[k] as number) - (cur[k - m] as number) : (cur[k] as number);
      const t = s + d;
      c += Math.abs(s) >= Math.abs(d) ? s - t + d : d - t + s;
      s = t;
      next[k] = (s + c) / m;
    }
    const top = Math.min(q, max);
    for (let k = half + 1; k <= top; k++) next[k] = next[max - k] as number;
    [cur, next] = [next, cur];
  }
  return cur;
}

/** P(T ≤ q) for 0 ≤ q ≤ n(n − 1)/4, the compensated sum of kendallDensity. */
function lowerTail(q: number, n: number): number {
  const cur = kendallDensity(q, n);
  let s = 0;
  let c = 0;
  for (let k = 0; k <= q; k++) {
    const a = cur[k] as number;
    const t = s + a;
    c += Math.abs(s) >= Math.abs(a) ? s - t + a : a - t + s;
    s = t;
  }
  return Math.min(1, s + c);
}

/**
 * P(T − E[T] ≤ x) for T as in lowerTail, by the Edgeworth series to order 1/n² (the fourth and sixth
 * cumulants, and the square of the fourth), as Best and Gipps's AS 71 (Applied Statistics 1974,
 * 23:98) and SuppDists' pkendall do above their exact range. T is a sum of independent uniforms on
 * {0, ..., m − 1}, m = 1..n, whose cumulants are known exactly: κ2 = (m² − 1)/12,
 * κ4 = −(m⁴ − 1)/120, κ6 = (m⁶ − 1)/252 (Bernoulli numbers; T is symmetric, so no odd terms).
 * x already carries the continuity correction: T moves in steps of 1 (S in steps of 2), so half a
 * step, P(T ≤ q) ≈ F(q + 1/2), the correction of R's cor.test(continuity = TRUE) on S.
 */
function edgeworthLowerTail(x: number, n: number): number {
  // Σ m², Σ m⁴, Σ m⁶ over m = 1..n (Faulhaber).
  const c = (n * (n + 1) * (2 * n + 1)) / 6;
  const k2 = (c - n) / 12;
  const k4 = -((c * (3 * n * n + 3 * n - 1)) / 5 - n) / 120;
  const k6 = ((c * (3 * n ** 4 + 6 * n ** 3 - 3 * n + 1)) / 7 - n) / 252;
  const z = x / Math.sqrt(k2);
  const g4 = k4 / (k2 * k2);
  const g6 = k6 / (k2 * k2 * k2);
  const z2 = z * z;
  // Hermite polynomials He3, He5, He7 and the standard normal density.
  const he3 = z * (z2 - 3);
  const he5 = z * (z2 * z2 - 10 * z2 + 15);
  const he7 = z * (z2 * z2 * z2 - 21 * z2 * z2 + 105 * z2 - 105);
  const density = Math.exp(-z2 / 2) / Math.sqrt(2 * Math.PI);
  const f = normalCdf(z) - density * ((g4 / 24) * he3 + (g6 / 720) * he5 + ((g4 * g4) / 1152) * he7);
  return Math.max(f, 0);
}

/** P(T ≤ q) for 0 ≤ q ≤ n(n − 1)/4 by the Edgeworth series with its continuity correction. */
export function kendallCdfEdgeworth(q: number, n: number): number {
  return edgeworthLowerTail(q + 0.5 - (n * (n - 1)) / 4, n);
}

/** P(T ≤ q) for T the number of concordant pairs among n untied pairs (R's pkendall). */
export function kendallCdf(q: number, n: number): number {
  const max = (n * (n - 1)) / 2;
  if (q < 0) return 0;
  if (q >= max) return 1;
  return q <= max / 2 ? lowerTail(q, n) : 1 - lowerTail(max - q - 1, n);
}

/** S = Σ_{i<j} sign(xi − xj)·sign(yi − yj) and the sizes of the groups of tied x and of tied y. */
export interface KendallScore {
  readonly s: number;
  readonly xTies: number[];
  readonly yTies: number[];
}

/**
 * One bottom-up merge pass of width w over `from` into `to`, ordered by `before` (stable: an element
 * of the right run goes first only when strictly before). Returns the inversions it undid: for each
 * element taken from the right run, the elements of the left run still waiting.
 */
function mergePass(from: Int32Array, to: Int32Array, w: number, before: (a: number, b: number) => boolean): number {
  const n = from.length;
  let inversions = 0;
  for (let lo = 0; lo < n; lo += 2 * w) {
    const mid = Math.min(lo + w, n);
    const hi = Math.min(lo + 2 * w, n);
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      const a = from[i] as number;
      const b = from[j] as number;
      if (before(b, a)) {
        inversions += mid - i;
        to[k++] = b;
        j++;
      } else {
        to[k++] = a;
        i++;
      }
    }
    while (i < mid) to[k++] = from[i++] as number;
    while (j < hi) to[k++] = from[j++] as number;
  }
  return inversions;
}

/** Sorts the indices 0..n-1 by `before` (stable); returns them and the inversions undone. */
function mergeSort(n: number, before: (a: number, b: number) => boolean): { order: Int32Array; inversions: number } {
  let order = new Int32Array(n);
  let buf = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let inversions = 0;
  for (let w = 1; w < n; w *= 2) {
    inversions += mergePass(order, buf, w, before);
    [order, buf] = [buf, order];
  }
  return { order, inversions };
}

/** Sizes (> 1) of the runs of equal values in a sorted array. */
function runs(sorted: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > 1) out.push(j - i);
    i = j;
  }
  return out;
}

/**
 * Kendall's S by Knight's (1966) O(n log n) algorithm, the same integer as the double loop over
 * pairs: order the pairs by x, then y; the discordant pairs D are then the inversions of y (pairs
 * tied in x are in y order, pairs tied in y are no inversion), counted by a merge sort of y. Of the
 * n0 pairs, n1 are tied in x, n2 in y and n3 in both, so C + D = n0 − n1 − n2 + n3 and S = C − D.
 * Values are finite (NaN or equal infinities make sign(xi − xj) NaN: S is then NaN, as in R).
 */
export function kendallScore(x: ArrayLike<number>, y: ArrayLike<number>): KendallScore {
  const n = x.length;
  const { order } = mergeSort(
    n,
    (a, b) =>
      (x[a] as number) < (x[b] as number) ||
      ((x[a] as number) === (x[b] as number) && (y[a] as number) < (y[b] as number)),
  );
  const xs = new Float64Array(n);
  const byX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[order[i] as number] as number;
    byX[i] = y[order[i] as number] as number;
  }
  let n3 = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i] && byX[j] === byX[i]) j++;
    n3 += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  // The inversions of y in x order, by a merge sort of y.
  const sortedY = mergeSort(n, (a, b) => (byX[a] as number) < (byX[b] as number));
  const d = sortedY.inversions;
  const ys = Float64Array.from(sortedY.order, (i) => byX[i] as number);
  const xTies = runs(xs);
  const yTies = runs(ys);
  const pairs = (ts: number[]) => ts.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  let s = (n * (n - 1)) / 2 - pairs(xTies) - pairs(yTies) + n3 - 2 * d;
  const unordered = (v: number, i: number, a: Float64Array) =>
    Number.isNaN(v) || (i > 0 && !Number.isFinite(v) && a[i - 1] === v);
  if (xs.some(unordered) || ys.some(unordered)) s = Number.NaN;
  return { s, xTies, yTies };
}

function kendall(x: ArrayLike<number>, y: ArrayLike<number>): RankTestResult {
  const n = x.length;
  const { s, xTies: xt, yTies: yt } = kendallScore(x, y);
  const t0 = (n * (n - 1)) / 2;
  const t1 = xt.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const t2 = yt.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const tau = s / Math.sqrt((t0 - t1) * (t0 - t2));
  if (Number.isNaN(s)) return { tau, pval: Number.NaN, exact: false };
  if (xt.length === 0 && yt.length === 0) {
    if (n <= RANKTEST_EXACT_MAX_K) {
      // T = C = (t0 + S)/2; R: p = P(T ≤ q) below the middle, P(T ≥ q) = P(T ≤ t0 − q) above it.
      const q = (t0 + s) / 2;
      const p = lowerTail(q > t0 / 2 ? t0 - q : q, n);
      return { tau, pval: Math.min(2 * p, 1), exact: true };
    }
    const q = (t0 + s) / 2;
    return { tau, pval: Math.min(2 * kendallCdfEdgeworth(q > t0 / 2 ? t0 - q : q, n), 1), exact: false };
  }
  const sum = (ts: number[], f: (t: number) => number) => ts.reduce((a, t) => a + f(t), 0);
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(xt, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(yt, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(xt, (t) => t * (t - 1)) * sum(yt, (t) => t * (t - 1));
  const v2 = sum(xt, (t) => t * (t - 1) * (t - 2)) * sum(yt, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const z = s / Math.sqrt(varS);
  return { tau, pval: 2 * Math.min(normalCdf(z), normalCdf(-z)), exact: false };
}

/** metafor `ranktest(yi, vi)`. */
export function rankTest(yi: ArrayLike<number>, vi: ArrayLike<number>): RankTestResult {
  const data = toStudyData(yi, vi);
  if (data.k < 3) throw new StatsInputError('the rank correlation test needs at least 3 studies');
  const y = Array.from(data.yi);
  const v = Array.from(data.vi);
  const w = v.map((x) => 1 / x);
  const sumW = w.reduce((a, b) => a + b, 0);
  const theta = y.reduce((a, yy, i) => a + yy * (w[i] as number), 0) / sumW;
  const star = y.map((yy, i) => (yy - theta) / Math.sqrt((v[i] as number) - 1 / sumW));
  return kendall(star, v);
}
