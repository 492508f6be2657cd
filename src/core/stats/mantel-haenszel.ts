/**
 * Mantel-Haenszel common-effect estimates for 2×2 tables, as metafor's `rma.mh`: the pooled
 * estimate uses the raw counts (no correction, double-zero tables kept), while QE/I² use the
 * per-study yi/vi from escalc with add = 1/2, to = "only0", drop00 = TRUE.
 */
import { chiSquareUpperTail } from './distributions.js';
import { StatsInputError } from './errors.js';
import { checkLevel, qHeterogeneity, toPercent, zInference } from './common-effect.js';
import { checkTable, escalc, isBinaryMeasure } from './effect-sizes.js';
import type { BinaryMeasure, MantelHaenszelOptions, MantelHaenszelResult, TwoByTwo } from './types.js';

interface Pooled {
  readonly estimate: number;
  readonly se: number;
  readonly weights: number[];
}

interface Margins {
  readonly n1: number;
  readonly n2: number;
  readonly N: number;
}

function margins(t: TwoByTwo): Margins {
  const n1 = t.ai + t.bi;
  const n2 = t.ci + t.di;
  return { n1, n2, N: n1 + n2 };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** log OR with the Robins-Breslow-Greenland variance. */
function pooledOR(tables: readonly TwoByTwo[]): Pooled {
  const rows = tables.map((t) => {
    const { N } = margins(t);
    const R = (t.ai / N) * t.di;
    const S = (t.bi / N) * t.ci;
    return { R, S, P: (t.ai + t.di) / N, Q: (t.bi + t.ci) / N };
  });
  const R = sum(rows.map((r) => r.R));
  const S = sum(rows.map((r) => r.S));
  if (R === 0 || S === 0)
    throw new StatsInputError('Mantel-Haenszel OR is not estimable: one of its sums is 0 (no discordant cells)');
  const v =
    0.5 *
    (sum(rows.map((r) => r.P * r.R)) / (R * R) +
      sum(rows.map((r) => r.P * r.S + r.Q * r.R)) / (R * S) +
      sum(rows.map((r) => r.Q * r.S)) / (S * S));
  return { estimate: Math.log(R / S), se: Math.sqrt(v), weights: toPercent(rows.map((r) => r.S)) };
}

/** log RR with the Greenland-Robins variance. */
function pooledRR(tables: readonly TwoByTwo[]): Pooled {
  if (sum(tables.map((t) => t.ai)) === 0 || sum(tables.map((t) => t.ci)) === 0) {
    throw new StatsInputError('Mantel-Haenszel RR is not estimable: no events in one group across all tables');
  }
  const rows = tables.map((t) => {
    const { n1, n2, N } = margins(t);
    return { R: t.ai * (n2 / N), S: t.ci * (n1 / N), V: (n1 / N) * (n2 / N) * (t.ai + t.ci) - (t.ai / N) * t.ci };
  });
  const R = sum(rows.map((r) => r.R));
  const S = sum(rows.map((r) => r.S));
  return {
    estimate: Math.log(R / S),
    se: Math.sqrt(sum(rows.map((r) => r.V)) / (R * S)),
    weights: toPercent(rows.map((r) => r.S)),
  };
}

/** Risk difference with the Sato-Greenland-Robins variance, as metafor. */
function pooledRD(tables: readonly TwoByTwo[]): Pooled {
  const rows = tables.map((t) => {
    const { n1, n2, N } = margins(t);
    return {
      num: t.ai * (n2 / N) - t.ci * (n1 / N),
      w: n1 * (n2 / N),
      P: t.ci * (n1 / N) ** 2 - t.ai * (n2 / N) ** 2 + ((n1 / N) * (n2 / N) * (n2 - n1)) / 2,
      Q: (t.ai * (n2 - t.ci)) / N + (t.ci * (n1 - t.ai)) / N,
    };
  });
  const W = sum(rows.map((r) => r.w));
  const estimate = sum(rows.map((r) => r.num)) / W;
  const v = (estimate * sum(rows.map((r) => r.P)) + sum(rows.map((r) => r.Q)) / 2) / (W * W);
  return { estimate, se: Math.sqrt(v), weights: toPercent(rows.map((r) => r.w)) };
}

/** Cochran-Mantel-Haenszel test of OR = 1 (with continuity correction by default). */
function cochranMantelHaenszel(tables: readonly TwoByTwo[], correct: boolean): { CMH: number; CMHp: number } | null {
  const xt = tables.map((t) => t.ai + t.ci);
  const yt = tables.map((t) => t.bi + t.di);
  if (sum(xt) === 0 || sum(yt) === 0) return null;
  let dev = 0;
  let variance = 0;
  tables.forEach((t, i) => {
    const { n1, n2, N } = margins(t);
    const x = xt[i] ?? 0;
    dev += t.ai - (n1 / N) * x;
    variance += (n1 / N) * (n2 / N) * ((x * (yt[i] ?? 0)) / (N - 1));
  });
  const CMH = (Math.abs(dev) - (correct ? 0.5 : 0)) ** 2 / variance;
  return { CMH, CMHp: chiSquareUpperTail(CMH, 1) };
}

/** Tarone's (1985) corrected Breslow-Day test of homogeneous ORs, as metafor. */
function tarone(tables: readonly TwoByTwo[], psi: number): { Tarone: number; Tarone_p: number | null } {
  let bdSum = 0;
  let devSum = 0;
  let varSum = 0;
  let kPos = 0;
  for (const t of tables) {
    const { n1, n2, N } = margins(t);
    const xt = t.ai + t.ci;
    const yt = t.bi + t.di;
    let n11: number;
    if (psi === 1) {
      n11 = (n1 / N) * xt;
    } else {
      const A = psi * (n1 + xt) + (n2 - xt);
      const B = Math.sqrt(A * A - 4 * n1 * xt * psi * (psi - 1));
      n11 = (A - B) / (2 * (psi - 1));
    }
    if (!(n11 > 0 && xt > 0 && yt > 0)) continue;
    kPos++;
    const v = 1 / (1 / n11 + 1 / (n1 - n11) + 1 / (xt - n11) + 1 / (n11 - n1 - xt + N));
    bdSum += (t.ai - n11) ** 2 / v;
    devSum += t.ai - n11;
    varSum += v;
  }
  const bd = Math.max(0, bdSum);
  const Tarone = Math.max(0, bd - (devSum * devSum) / varSum);
  return { Tarone, Tarone_p: kPos > 1 ? chiSquareUpperTail(Tarone, kPos - 1) : null };
}

/** Mantel-Haenszel common-effect model for RR, OR or RD (metafor `rma.mh`). */
export function rmaMH(
  tables: readonly TwoByTwo[],
  measure: BinaryMeasure,
  options: MantelHaenszelOptions = {},
): MantelHaenszelResult {
  if (!isBinaryMeasure(measure))
    throw new StatsInputError(`Mantel-Haenszel supports RR, OR and RD, not "${String(measure)}"`);
  if (tables.length === 0) throw new StatsInputError('no studies: k = 0');
  tables.forEach(checkTable);
  const level = checkLevel(options.level ?? 0.95);
  const es = escalc(measure, tables, {
    add: options.add ?? 0.5,
    to: options.to ?? 'only0',
    drop00: options.drop00 ?? true,
  });
  const pooled = measure === 'OR' ? pooledOR(tables) : measure === 'RR' ? pooledRR(tables) : pooledRD(tables);

  let qe = 0;
  let kYi = 0;
  es.yi.forEach((y, i) => {
    const v = es.vi[i] ?? Number.NaN;
    if (!Number.isFinite(y) || !Number.isFinite(v)) return;
    kYi++;
    qe += (y - pooled.estimate) ** 2 / v;
  });

  const cmh = measure === 'OR' ? cochranMantelHaenszel(tables, options.correct ?? true) : null;
  const ta = measure === 'OR' ? tarone(tables, Math.exp(pooled.estimate)) : null;
  return {
    measure,
    method: 'MH',
    k: tables.length,
    k_yi: kYi,
    level,
    estimate: pooled.estimate,
    se: pooled.se,
    ...zInference(pooled.estimate, pooled.se, level),
    ...qHeterogeneity(qe, kYi),
    CMH: cmh?.CMH ?? null,
    CMHp: cmh?.CMHp ?? null,
    Tarone: ta?.Tarone ?? null,
    Tarone_p: ta?.Tarone_p ?? null,
    yi: es.yi,
    vi: es.vi,
    weight: pooled.weights,
  };
}
