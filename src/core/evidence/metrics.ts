/**
 * One number for a metric over a filtered selection: what `value` prints and what `claims` checks.
 */
import {
  aeRate,
  countPatients,
  positiveRatio,
  proportionInterval,
  summariseTreatments,
  type Comparator,
  type IntervalMethod,
} from './aggregate.js';
import { coverageOf, type Coverage } from './coverage.js';
import { armEventsOf } from './derive.js';
import { filterRows, type Condition } from './query.js';
import { clinicImproved } from '../clinic/metric.js';
import { METRIC_TABLE, type Metric } from './schema/index.js';
import type { Dataset, Row } from './table.js';

/** What kind of number a metric gives: a count, a proportion (a fraction), sessions, months, an effect. */
type MetricUnit = 'count' | 'proportion' | 'sessions' | 'months' | 'estimate';

export interface MetricValue {
  metric: Metric;
  value: number | null;
  ci_lb: number | null;
  ci_ub: number | null;
  ci_method: string | null;
  unit: MetricUnit;
  /** Rows of the metric's table that the filters selected. */
  rows: number;
  /** How much of a review the selection covers, when the filters name one review. */
  coverage: Coverage | null;
  /** Why the value is null, or what it leaves out. */
  notes: string[];
  /** The distinct sources of the selected rows. */
  sources: string[];
}

export interface MetricOptions {
  vs: Comparator;
  method: IntervalMethod;
  level: number;
}

const UNITS: Record<Metric, MetricUnit> = {
  studies: 'count',
  patients: 'count',
  'reported-studies': 'count',
  'reported-patients': 'count',
  'sessions-min': 'sessions',
  'sessions-max': 'sessions',
  'sessions-mean': 'sessions',
  'sessions-median': 'sessions',
  'follow-up-months-max': 'months',
  'positive-count': 'count',
  'positive-ratio': 'proportion',
  'event-proportion': 'proportion',
  'ae-patients': 'count',
  'ae-events': 'count',
  'ae-rate': 'proportion',
  'pooled-estimate': 'estimate',
  'pooled-studies': 'count',
  'distribution-count': 'count',
  'clinic-improved': 'proportion',
  none: 'count',
};

type Computed = Pick<MetricValue, 'value'> & ComputedExtras;
type ComputedExtras = { ci_lb?: number | null; ci_ub?: number | null; ci_method?: string | null; notes?: string[] };

const num = (row: Row | undefined, field: string): number | null => {
  const v = row?.[field];
  return typeof v === 'number' ? v : null;
};

function sum(rows: readonly Row[], field: string): { total: number; known: number } {
  const values = rows.map((r) => num(r, field)).filter((v): v is number => v !== null);
  return { total: values.reduce((a, b) => a + b, 0), known: values.length };
}

function single(rows: readonly Row[], what: string): { row?: Row; note?: string } {
  if (rows.length === 1) return { row: rows[0] };
  return {
    note: `the filters select ${rows.length} ${what}; ${rows.length === 0 ? 'none matches' : 'narrow them to one'}`,
  };
}

function fromReview(rows: readonly Row[], field: string): Computed {
  const { row, note } = single(rows, 'reviews');
  if (!row) return { value: null, notes: [note ?? ''] };
  const value = num(row, field);
  return value === null ? { value: null, notes: [`${String(row['review_id'])} does not report ${field}`] } : { value };
}

function eventProportion(rows: readonly Row[], options: MetricOptions): Computed {
  let events = 0;
  let n = 0;
  const notes: string[] = [];
  for (const row of rows) {
    const arm = armEventsOf(row, 'treatment');
    const size = num(row, 'n_treatment');
    if (arm.events === null || size === null) {
      notes.push(
        `${String(row['study_id'])}${typeof row['outcome'] === 'string' ? ` (${row['outcome']})` : ''}: ${arm.events === null ? arm.reason : 'no n'}`,
      );
      continue;
    }
    if (arm.derived)
      notes.push(
        `${String(row['study_id'])}: ${arm.events} of ${size} derived from the printed ${String(row['pct_treatment'])}%`,
      );
    events += arm.events;
    n += size;
  }
  if (n === 0) return { value: null, notes: notes.length > 0 ? notes : ['no outcome row with events and n'] };
  const ci = proportionInterval(events, n, options.method, options.level);
  return { value: events / n, ci_lb: ci.ci_lb, ci_ub: ci.ci_ub, ci_method: ci.ci_method, notes };
}

function compute(metric: Metric, rows: readonly Row[], options: MetricOptions): Computed {
  switch (metric) {
    case 'studies':
      return { value: countPatients(rows).studies };
    case 'patients': {
      const count = countPatients(rows);
      return {
        value: count.patients,
        notes:
          count.studies_without_n > 0
            ? [
                `${count.studies_without_n} of ${count.studies} studies ${count.studies_without_n === 1 ? 'gives' : 'give'} no n_randomised`,
              ]
            : [],
      };
    }
    case 'reported-studies':
      return fromReview(rows, 'studies_reported');
    case 'reported-patients':
      return fromReview(rows, 'participants_reported');
    case 'sessions-min':
      return { value: summariseTreatments(rows).sessions_min };
    case 'sessions-max':
      return { value: summariseTreatments(rows).sessions_max };
    case 'sessions-mean':
    case 'sessions-median': {
      const t = summariseTreatments(rows);
      return {
        value: metric === 'sessions-mean' ? t.sessions_mean : t.sessions_median,
        notes: [`midpoints of the planned range of ${t.studies_with_range} of ${t.studies} studies`],
      };
    }
    case 'follow-up-months-max': {
      const t = summariseTreatments(rows);
      return {
        value: t.follow_up_months_max,
        notes: t.follow_up_from_weeks ? ['converted from weeks (52 weeks = 12 months)'] : [],
      };
    }
    case 'positive-count':
    case 'positive-ratio': {
      const r = positiveRatio(rows, options.vs, options.method, options.level);
      const note = `${r.positive} of ${r.known} studies with a known result vs ${options.vs} favour acupuncture (${r.studies - r.known} unknown)`;
      return metric === 'positive-count'
        ? { value: r.positive, notes: [note] }
        : { value: r.ratio, ci_lb: r.ci_lb, ci_ub: r.ci_ub, ci_method: r.ci_method, notes: [note] };
    }
    case 'event-proportion':
      return eventProportion(rows, options);
    case 'ae-patients': {
      const s = sum(rows, 'patients_with_event');
      return s.known === 0 ? { value: null, notes: ['no row gives patients_with_event'] } : { value: s.total };
    }
    case 'ae-events': {
      const s = sum(rows, 'event_count');
      return s.known === 0 ? { value: null, notes: ['no row gives event_count'] } : { value: s.total };
    }
    case 'ae-rate': {
      const r = aeRate(rows, options.method, options.level);
      return {
        value: r.rate,
        ci_lb: r.ci_lb,
        ci_ub: r.ci_ub,
        ci_method: r.ci_method,
        notes: r.rows_counted === 0 ? ['no row gives both patients_with_event and patients_exposed'] : [],
      };
    }
    case 'pooled-estimate': {
      const { row, note } = single(rows, 'pooled estimates');
      if (!row) return { value: null, notes: [note ?? ''] };
      return {
        value: num(row, 'estimate'),
        ci_lb: num(row, 'ci_low'),
        ci_ub: num(row, 'ci_high'),
        ci_method: 'published',
      };
    }
    case 'pooled-studies': {
      const { row, note } = single(rows, 'pooled estimates');
      if (!row) return { value: null, notes: [note ?? ''] };
      const value = num(row, 'studies');
      return value === null ? { value: null, notes: ['the pooled row gives no number of studies'] } : { value };
    }
    case 'distribution-count': {
      const s = sum(rows, 'n_studies');
      return s.known === 0 ? { value: null, notes: ['no distribution row selected'] } : { value: s.total };
    }
    case 'clinic-improved':
      return clinicImproved(rows, options);
    case 'none':
      return { value: null, notes: ['no metric can check this'] };
  }
}

/** Computes a metric over the rows of its table that satisfy every condition. */
export function computeMetric(
  metric: Metric,
  dataset: Dataset,
  conditions: readonly Condition[],
  options: MetricOptions,
): MetricValue {
  const name = METRIC_TABLE[metric];
  const table = name === null ? undefined : dataset[name];
  const rows = table ? filterRows(table.rows, conditions) : [];
  const result =
    name === null || table ? compute(metric, rows, options) : { value: null, notes: [`no ${name} table in the data`] };
  return {
    metric,
    value: result.value,
    ci_lb: result.ci_lb ?? null,
    ci_ub: result.ci_ub ?? null,
    ci_method: result.ci_method ?? null,
    unit: UNITS[metric],
    rows: rows.length,
    coverage: name === 'studies' ? coverageOf(dataset, conditions, rows) : null,
    notes: (result.notes ?? []).filter((n) => n !== ''),
    sources: [...new Set(rows.map((r) => r['source']).filter((v): v is string => typeof v === 'string'))],
  };
}
