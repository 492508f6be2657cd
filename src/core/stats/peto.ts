/**
 * Peto's one-step log odds ratio, as metafor's `rma.peto`.
 */
import { StatsInputError } from './errors.js';
import { checkLevel, qHeterogeneity, toPercent, zInference } from './common-effect.js';
import { checkTable } from './effect-sizes.js';
import type { PetoOptions, PetoResult, TwoByTwo } from './types.js';
import { checkZeroCellTarget, correctTables } from './zero-cells.js';

interface PetoTerms {
  /** Observed − expected events in group 1, O − E. */
  readonly oe: number;
  /** Hypergeometric variance of the group-1 events. */
  readonly V: number;
}

function petoTerms(t: TwoByTwo): PetoTerms {
  const n1 = t.ai + t.bi;
  const n2 = t.ci + t.di;
  const N = n1 + n2;
  const xt = t.ai + t.ci;
  const yt = t.bi + t.di;
  return { oe: t.ai - (xt * n1) / N, V: (xt * yt * (n1 / N) * (n2 / N)) / (N - 1) };
}

/** Peto's one-step log odds ratio (metafor `rma.peto`). */
export function rmaPeto(tables: readonly TwoByTwo[], options: PetoOptions = {}): PetoResult {
  if (tables.length === 0) throw new StatsInputError('no studies: k = 0');
  tables.forEach(checkTable);
  const level = checkLevel(options.level ?? 0.95);

  const terms = tables.map(petoTerms);
  const sumV = terms.reduce((s, t) => s + t.V, 0);
  if (sumV === 0)
    throw new StatsInputError("one of the two outcomes never occurred in any table: Peto's method cannot be used");
  const sumOE = terms.reduce((s, t) => s + t.oe, 0);
  const estimate = sumOE / sumV;
  const se = Math.sqrt(1 / sumV);
  // Q from the raw O − E and V of the informative tables (V > 0), as rma.peto.
  const qe = terms.reduce((s, t) => (t.V > 0 ? s + (t.oe * t.oe) / t.V : s), 0) - (sumOE * sumOE) / sumV;

  // Per-study yi/vi (escalc measure "PETO") with rma.peto's default correction; they only
  // decide k_yi and are reported per study.
  const fixed = correctTables(
    tables,
    options.add ?? 0.5,
    checkZeroCellTarget(options.to ?? 'only0'),
    options.drop00 ?? true,
  );
  const perStudy = fixed.tables.map(petoTerms);
  const yi = perStudy.map((t, i) => (fixed.dropped[i] || !(t.V > 0) ? Number.NaN : t.oe / t.V));
  const vi = perStudy.map((t, i) => (fixed.dropped[i] || !(t.V > 0) ? Number.NaN : 1 / t.V));
  const kYi = yi.filter(Number.isFinite).length;

  return {
    measure: 'OR',
    method: 'Peto',
    k: tables.length,
    k_yi: kYi,
    level,
    estimate,
    se,
    ...zInference(estimate, se, level),
    ...qHeterogeneity(qe, kYi),
    yi,
    vi,
    weight: toPercent(terms.map((t) => t.V)),
  };
}
