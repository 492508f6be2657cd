/**
 * Recompute a claim's metric with its filter and judge it: supported (within the rounding the
 * claim uses), contradicted (both values shown), or not checkable (and why).
 */
import { UsageError } from '../../errors.js';
import { fieldsOf, knownIds } from '../evidence/dataset.js';
import { decimalsIn, printedDecimals } from '../evidence/derive.js';
import { computeMetric, type MetricOptions, type MetricValue } from '../evidence/metrics.js';
import { checkKnownValues, parseWhere } from '../evidence/query.js';
import { METRIC_TABLE, type Metric } from '../evidence/schema/index.js';
import type { Dataset, Row } from '../evidence/table.js';
import { splitFilters } from '../evidence/validate.js';

type Verdict = 'supported' | 'contradicted' | 'not checkable';

/** Why the verdict is what it is; the renderers turn it into a sentence. */
type Basis =
  | { kind: 'no-metric' }
  | { kind: 'no-value'; notes: string[] }
  | {
      kind: 'partial';
      studies: number;
      studies_reported: number | null;
      unverified: number;
      review_id: string;
      notes: string[];
    }
  | { kind: 'match'; notes: string[] }
  | { kind: 'mismatch'; notes: string[] };

export interface ClaimResult {
  claim_id: string;
  text: string;
  metric: Metric;
  where: string[];
  claimed_value: number | null;
  claimed_high: number | null;
  unit: string | null;
  /** The recomputed value, in the claim's unit (a percentage for percent claims). */
  computed: number | null;
  verdict: Verdict;
  basis: Basis;
  /** Sources of the data rows the value was computed from (and the claim's own source). */
  sources: string[];
  claim_source: string | null;
  note: string | null;
  metric_value: MetricValue | null;
}

const text = (row: Row, field: string): string | null => (typeof row[field] === 'string' ? row[field] : null);
const num = (row: Row, field: string): number | null => (typeof row[field] === 'number' ? row[field] : null);

/** The computed value in the claim's unit: percent claims of proportions ×100, years of months ÷12. */
function inClaimUnit(value: number, unit: string | null, metricUnit: MetricValue['unit']): number {
  if (unit === 'percent' && metricUnit === 'proportion') return value * 100;
  if (unit === 'years' && metricUnit === 'months') return value / 12;
  return value;
}

/** Whether `computed` equals `claimed` as the claim prints it (with `decimals` decimals). */
function withinRounding(computed: number, claimed: number, decimals = printedDecimals(claimed)): boolean {
  const half = 0.5 * 10 ** -decimals;
  return Math.abs(computed - claimed) <= half + 1e-9 * Math.max(1, Math.abs(claimed));
}

/** A study-based value stands for a review only when the data holds all its studies, each verified. */
function partialCoverage(value: MetricValue): Basis | null {
  const c = value.coverage;
  if (!c) return null;
  const unverified = c.studies - c.verified;
  if (c.studies_reported !== null && c.studies >= c.studies_reported && unverified === 0) return null;
  return {
    kind: 'partial',
    studies: c.studies,
    studies_reported: c.studies_reported,
    unverified,
    review_id: c.review_id,
    notes: value.notes,
  };
}

function judge(row: Row, claimed: number, high: number | null, computed: number): Verdict {
  const low = decimalsIn(row, 'claimed_value');
  if (high !== null) {
    const within =
      computed >= claimed - 0.5 * 10 ** -low && computed <= high + 0.5 * 10 ** -decimalsIn(row, 'claimed_high');
    return within ? 'supported' : 'contradicted';
  }
  return withinRounding(computed, claimed, low) ? 'supported' : 'contradicted';
}

function checkClaim(row: Row, dataset: Dataset, options: MetricOptions): ClaimResult {
  const metric = text(row, 'metric') as Metric;
  const where = splitFilters(row['where']);
  const claimed = num(row, 'claimed_value');
  const high = num(row, 'claimed_high');
  const unit = text(row, 'unit');
  const base = {
    claim_id: text(row, 'claim_id') ?? '',
    text: text(row, 'text') ?? '',
    metric,
    where,
    claimed_value: claimed,
    claimed_high: high,
    unit,
    claim_source: text(row, 'source'),
    note: text(row, 'note'),
  };
  const table = METRIC_TABLE[metric];
  if (table === null) {
    return {
      ...base,
      computed: null,
      verdict: 'not checkable',
      basis: { kind: 'no-metric' },
      sources: [],
      metric_value: null,
    };
  }
  if (claimed === null) {
    return {
      ...base,
      computed: null,
      verdict: 'not checkable',
      basis: { kind: 'no-value', notes: ['the claim gives no number'] },
      sources: [],
      metric_value: null,
    };
  }
  const conditions = where.map((w) => parseWhere(w, fieldsOf(table)));
  try {
    checkKnownValues(conditions, knownIds(dataset));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return {
      ...base,
      computed: null,
      verdict: 'not checkable',
      basis: { kind: 'no-value', notes: [error.message] },
      sources: [],
      metric_value: null,
    };
  }
  const value = computeMetric(metric, dataset, conditions, options);
  const sources = value.sources;
  if (value.value === null) {
    return {
      ...base,
      computed: null,
      verdict: 'not checkable',
      basis: { kind: 'no-value', notes: value.notes },
      sources,
      metric_value: value,
    };
  }
  const computed = inClaimUnit(value.value, unit, value.unit);
  const partial = partialCoverage(value);
  const verdict = judge(row, claimed, high, computed);
  if (partial !== null)
    return { ...base, computed, verdict: 'not checkable', basis: partial, sources, metric_value: value };
  return {
    ...base,
    computed,
    verdict,
    basis: { kind: verdict === 'supported' ? 'match' : 'mismatch', notes: value.notes },
    sources,
    metric_value: value,
  };
}

export function checkClaims(dataset: Dataset, options: MetricOptions): ClaimResult[] {
  return (dataset.claims?.rows ?? []).map((row) => checkClaim(row, dataset, options));
}
