/**
 * Fail-safe N, as metafor's `fsn`: Rosenthal's (Stouffer's combined z, one-sided α), Orwin's
 * (unweighted mean; target half the mean unless given) and Rosenberg's (weighted, two-sided α).
 * Non-integer numbers are rounded up, as metafor does.
 */
import { normalQuantile, normalUpperTail } from './distributions.js';
import { StatsInputError } from './errors.js';
import { toStudyData } from './inverse-variance.js';

export type FailsafeType = 'Rosenthal' | 'Orwin' | 'Rosenberg';

export interface FailsafeResult {
  readonly type: FailsafeType;
  readonly fsnum: number;
  readonly alpha: number;
  /** Observed significance (Rosenthal: one-sided Stouffer; Rosenberg: two-sided weighted z); null for Orwin. */
  readonly pval: number | null;
  /** Mean effect (Orwin: unweighted; Rosenberg: inverse-variance weighted); null for Rosenthal. */
  readonly meanes: number | null;
  /** Orwin's target effect; null otherwise. */
  readonly target: number | null;
}

function roundUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x - Math.round(x)) >= Math.sqrt(2.220446049250313e-16) ? Math.ceil(x) : Math.round(x);
}

export function failsafeN(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  type: FailsafeType,
  options: { alpha?: number; target?: number } = {},
): FailsafeResult {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new StatsInputError(`alpha must be in (0, 1), got ${alpha}`);
  const data = toStudyData(yi, vi);
  const y = Array.from(data.yi);
  const v = Array.from(data.vi);
  const k = y.length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (type === 'Rosenthal') {
    const zAvg = Math.abs(sum(y.map((yy, i) => yy / Math.sqrt(v[i] as number))) / Math.sqrt(k));
    const fsnum = Math.max(0, k * (zAvg / normalQuantile(1 - alpha)) ** 2 - k);
    return { type, fsnum: roundUp(fsnum), alpha, pval: normalUpperTail(zAvg), meanes: null, target: null };
  }
  if (type === 'Orwin') {
    const meanes = sum(y) / k;
    let target = options.target ?? meanes / 2;
    if (target === 0) return { type, fsnum: Infinity, alpha, pval: null, meanes, target };
    if (Math.sign(target) !== Math.sign(meanes)) target = -target;
    return { type, fsnum: roundUp(Math.max(0, (k * (meanes - target)) / target)), alpha, pval: null, meanes, target };
  }
  if (type === 'Rosenberg') {
    const w = v.map((x) => 1 / x);
    const sumW = sum(w);
    const sumWY = sum(y.map((yy, i) => yy * (w[i] as number)));
    const meanes = sumWY / sumW;
    const zval = meanes / Math.sqrt(1 / sumW);
    const wp = (sumWY / normalQuantile(1 - alpha / 2)) ** 2 - sumW;
    return {
      type,
      fsnum: roundUp(Math.max(0, (k * wp) / sumW)),
      alpha,
      pval: 2 * normalUpperTail(Math.abs(zval)),
      meanes,
      target: null,
    };
  }
  throw new StatsInputError(`unknown fail-safe N type "${String(type)}" (use Rosenthal, Orwin or Rosenberg)`);
}
