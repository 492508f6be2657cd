/**
 * Publication-bias analyses of a meta-analysis beyond Egger's test: trim-and-fill (metafor
 * `trimfill`), Begg's rank correlation (`ranktest`) and fail-safe N (`fsn`), in the MetaResult's shape.
 */
import type { MetaOptions, Pooled } from './analysis.js';
import {
  failsafeN,
  rankTest,
  trimfill,
  type FailsafeResult,
  type RmaOptions,
  type TrimfillEstimator,
  type TrimfillSide,
} from '../stats/index.js';
import type { RmaResult } from '../stats/index.js';

interface TrimfillSummary extends Pooled {
  estimator: TrimfillEstimator;
  side: TrimfillSide;
  k0: number;
  se_k0: number;
  p_k0: number | null;
  yi_filled: number[];
  vi_filled: number[];
}

export interface BiasOptions {
  trimfill?: TrimfillEstimator;
  ranktest?: boolean;
  failsafe?: boolean;
}

export interface BiasResults {
  trimfill: TrimfillSummary | null;
  ranktest: { tau: number; pval: number; exact: boolean } | null;
  failsafe: FailsafeResult[] | null;
}

export function biasAnalyses(
  yi: readonly number[],
  vi: readonly number[],
  options: MetaOptions & BiasOptions,
  rmaOptions: RmaOptions,
  pooled: (fit: RmaResult) => Pooled,
): BiasResults {
  let filled: TrimfillSummary | null = null;
  if (options.trimfill) {
    const t = trimfill(yi, vi, { ...rmaOptions, estimator: options.trimfill });
    filled = {
      estimator: t.estimator,
      side: t.side,
      k0: t.k0,
      se_k0: t.se_k0,
      p_k0: t.p_k0,
      yi_filled: t.yi_filled,
      vi_filled: t.vi_filled,
      ...pooled(t.fit),
    };
  }
  const rank = options.ranktest ? rankTest(yi, vi) : null;
  return {
    trimfill: filled,
    ranktest: rank ? { tau: rank.tau, pval: rank.pval, exact: rank.exact } : null,
    failsafe: options.failsafe ? (['Rosenthal', 'Orwin', 'Rosenberg'] as const).map((t) => failsafeN(yi, vi, t)) : null,
  };
}
