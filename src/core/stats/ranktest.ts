/**
 * Begg and Mazumdar's rank correlation test for funnel-plot asymmetry, as metafor's `ranktest`:
 * Kendall's tau between the standardized deviates (yi − θ)/sqrt(vi − 1/Σw) and vi, with R's
 * cor.test(method = "kendall", exact = TRUE): the exact null distribution when there are no ties,
 * the normal approximation with the tie-corrected variance otherwise.
 */
import { normalCdf } from './distributions.js';
import { StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';

export interface RankTestResult {
  /** Kendall's tau (tau-b when there are ties). */
  readonly tau: number;
  readonly pval: number;
  readonly exact: boolean;
}

/** P(T ≤ q) for T the number of concordant pairs among n untied pairs (R's pkendall). */
function pKendall(q: number, n: number): number {
  const max = (n * (n - 1)) / 2;
  if (q < 0) return 0;
  if (q >= max) return 1;
  // Mahonian numbers as probabilities: inversions of a random permutation, one element at a time.
  let dist = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(dist.length + m - 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      const p = (dist[k] as number) / m;
      for (let j = 0; j < m; j++) next[k + j] = (next[k + j] as number) + p;
    }
    dist = next;
  }
  let s = 0;
  for (let k = 0; k <= q; k++) s += dist[k] as number;
  return Math.min(1, s);
}

function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}

function kendall(x: readonly number[], y: readonly number[]): RankTestResult {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      s += Math.sign((x[i] as number) - (x[j] as number)) * Math.sign((y[i] as number) - (y[j] as number));
  const xt = tieGroups(x);
  const yt = tieGroups(y);
  const t0 = (n * (n - 1)) / 2;
  const t1 = xt.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const t2 = yt.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const tau = s / Math.sqrt((t0 - t1) * (t0 - t2));
  if (xt.length === 0 && yt.length === 0) {
    const q = Math.round(((tau + 1) * n * (n - 1)) / 4);
    const p = q > (n * (n - 1)) / 4 ? 1 - pKendall(q - 1, n) : pKendall(q, n);
    return { tau, pval: Math.min(2 * p, 1), exact: true };
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
