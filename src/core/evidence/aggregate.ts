/**
 * The four numbers people quote: patient counts, treatment (session) ranges, positive-outcome ratios
 * and adverse-event rates, each over a selection of rows. Pure; every function takes rows and
 * returns plain numbers (null where the data cannot say).
 */
import { median as medianOf } from 'simple-statistics';
import { clopperPearson, wilson } from '../stats/intervals.js';
import { groupRows } from './query.js';
import type { Row } from './table.js';

export type IntervalMethod = 'wilson' | 'exact';

export type Interval = {
  ci_lb: number | null;
  ci_ub: number | null;
  /** wilson, exact, or exact-one-sided (zero events: the exact one-sided upper bound; lower is 0). */
  ci_method: 'wilson' | 'exact' | 'exact-one-sided' | null;
  level: number;
};

/** Interval of x/n; with zero events the exact one-sided upper bound, whatever the method. */
export function proportionInterval(x: number, n: number, method: IntervalMethod, level: number): Interval {
  if (n <= 0) return { ci_lb: null, ci_ub: null, ci_method: null, level };
  if (x === 0) {
    const bound = clopperPearson(0, n, level, { zeroEvents: 'one-sided-upper' });
    return { ci_lb: bound.lower, ci_ub: bound.upper, ci_method: 'exact-one-sided', level };
  }
  const ci = method === 'exact' ? clopperPearson(x, n, level) : wilson(x, n, level);
  return { ci_lb: ci.lower, ci_ub: ci.upper, ci_method: method, level };
}

export type GroupKey = string | number | boolean | null;

export interface Grouped<T> {
  rows: ({ group: GroupKey } & T)[];
  total: { group: null } & T;
}

/**
 * One aggregate per group (a row in several groups counts in each) and one over all rows; the
 * aggregate learns its group's key (undefined for the total).
 */
export function byGroup<T>(
  rows: readonly Row[],
  field: string | undefined,
  aggregate: (rows: readonly Row[], key?: GroupKey) => T,
): Grouped<T> {
  const groups = field === undefined ? [] : groupRows(rows, field);
  return {
    rows: groups.map((g) => ({ group: g.key, ...aggregate(g.rows, g.key) })),
    total: { group: null, ...aggregate(rows) },
  };
}

/** The distinct studies of a selection (first row of each study_id). */
export function distinctStudies(rows: readonly Row[]): Row[] {
  const seen = new Map<string, Row>();
  for (const row of rows) {
    const id = row['study_id'];
    if (typeof id === 'string' && !seen.has(id)) seen.set(id, row);
  }
  return [...seen.values()];
}

const num = (row: Row, field: string): number | null => {
  const v = row[field];
  return typeof v === 'number' ? v : null;
};

// ------------------------------------------------------------------------------------ patients

export type PatientCount = {
  studies: number;
  /** Sum of n_randomised over the studies that report it; null when none does. */
  patients: number | null;
  studies_without_n: number;
  /** What the review itself reports, when the selection is one review. */
  reported_studies: number | null;
  reported_patients: number | null;
  study_share: number | null;
  patient_share: number | null;
};

export interface Reported {
  studies: number | null;
  patients: number | null;
}

function share(part: number, whole: number | null): number | null {
  return whole === null || whole === 0 ? null : part / whole;
}

/** Studies and randomised patients, each study counted once however many reviews hold it. */
export function countPatients(
  rows: readonly Row[],
  reported: Reported = { studies: null, patients: null },
): PatientCount {
  const studies = distinctStudies(rows);
  const known = studies.map((s) => num(s, 'n_randomised')).filter((n): n is number => n !== null);
  const patients = known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
  return {
    studies: studies.length,
    patients,
    studies_without_n: studies.length - known.length,
    reported_studies: reported.studies,
    reported_patients: reported.patients,
    study_share: share(studies.length, reported.studies),
    patient_share: patients === null ? null : share(patients, reported.patients),
  };
}

// ---------------------------------------------------------------------------------- treatments

export type TreatmentSummary = {
  studies: number;
  /** Studies that give at least one end of their planned number of sessions. */
  studies_reporting: number;
  sessions_min: number | null;
  sessions_max: number | null;
  /** Mean and median of per-study midpoints (sessions_min + sessions_max) / 2, over studies_with_range. */
  sessions_mean: number | null;
  sessions_median: number | null;
  studies_with_range: number;
  weeks_min: number | null;
  weeks_max: number | null;
  /** Longest follow-up; weeks are converted at 52 weeks = 12 months when months are not given. */
  follow_up_months_max: number | null;
  follow_up_from_weeks: boolean;
};

const WEEKS_PER_MONTH = 52 / 12;

function extreme(values: readonly (number | null)[], pick: (...v: number[]) => number): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : pick(...known);
}

export function summariseTreatments(rows: readonly Row[]): TreatmentSummary {
  const studies = distinctStudies(rows);
  const lows = studies.map((s) => num(s, 'sessions_min') ?? num(s, 'sessions_max'));
  const highs = studies.map((s) => num(s, 'sessions_max') ?? num(s, 'sessions_min'));
  const midpoints = studies
    .map((s) => {
      const lo = num(s, 'sessions_min');
      const hi = num(s, 'sessions_max');
      return lo !== null && hi !== null ? (lo + hi) / 2 : null;
    })
    .filter((m): m is number => m !== null);
  const weeks = studies.map((s) => num(s, 'treatment_weeks'));
  const followUps = studies.map((s) => {
    const months = num(s, 'follow_up_months');
    if (months !== null) return { months, fromWeeks: false };
    const w = num(s, 'follow_up_weeks');
    return w === null ? null : { months: w / WEEKS_PER_MONTH, fromWeeks: true };
  });
  const longest = followUps.reduce<{ months: number; fromWeeks: boolean } | null>(
    (best, f) => (f !== null && (best === null || f.months > best.months) ? f : best),
    null,
  );
  return {
    studies: studies.length,
    studies_reporting: lows.filter((v) => v !== null).length,
    sessions_min: extreme(lows, Math.min),
    sessions_max: extreme(highs, Math.max),
    sessions_mean: midpoints.length === 0 ? null : midpoints.reduce((a, b) => a + b, 0) / midpoints.length,
    sessions_median: midpoints.length === 0 ? null : medianOf(midpoints),
    studies_with_range: midpoints.length,
    weeks_min: extreme(weeks, Math.min),
    weeks_max: extreme(weeks, Math.max),
    follow_up_months_max: longest?.months ?? null,
    follow_up_from_weeks: longest?.fromWeeks ?? false,
  };
}

// -------------------------------------------------------------------------- positive outcomes

export const COMPARATORS = ['sham', 'usual-care', 'any'] as const;
export type Comparator = (typeof COMPARATORS)[number];

const RESULT_FIELDS: Record<Exclude<Comparator, 'any'>, string> = {
  sham: 'result_vs_sham',
  'usual-care': 'result_vs_usual_care',
};

/** A study's result against the comparator: positive, not positive, or unknown (null). */
export function studyResult(study: Row, vs: Comparator): boolean | null {
  const fields = vs === 'any' ? Object.values(RESULT_FIELDS) : [RESULT_FIELDS[vs]];
  const results = fields.map((f) => study[f]).filter((r): r is string => typeof r === 'string');
  if (results.length === 0) return null;
  return results.includes('favours-acupuncture');
}

export type PositiveRatio = Interval & {
  studies: number;
  /** Studies whose result favours acupuncture. */
  positive: number;
  /** Studies with a known result against the comparator. */
  known: number;
  ratio: number | null;
};

export function positiveRatio(
  rows: readonly Row[],
  vs: Comparator,
  method: IntervalMethod,
  level: number,
): PositiveRatio {
  const studies = distinctStudies(rows);
  const results = studies.map((s) => studyResult(s, vs)).filter((r): r is boolean => r !== null);
  const positive = results.filter((r) => r).length;
  const known = results.length;
  return {
    studies: studies.length,
    positive,
    known,
    ratio: known === 0 ? null : positive / known,
    ...proportionInterval(positive, known, method, level),
  };
}

// ----------------------------------------------------------------------------- adverse events

export type AeRate = Interval & {
  /** Rows selected, and those with both a count and an exposure (the ones the rate uses). */
  rows: number;
  rows_counted: number;
  /** Σ patients_with_event over the counted rows; null when no row gives both numbers. */
  events: number | null;
  /** Σ patients_exposed over the counted rows; null when no row gives both numbers. */
  exposed: number | null;
  rate: number | null;
  /** Σ patients_with_event over counted rows the source calls serious. */
  serious_events: number;
  /** Per session, over rows that give both sessions_with_event and sessions_total. */
  sessions_with_event: number;
  sessions_total: number;
  session_rate: number | null;
  session_ci_lb: number | null;
  session_ci_ub: number | null;
  /** Rows that give only a published rate or range (never turned into counts). */
  published_only: number;
  /** Rows of control arms (acupuncture_arm = no). */
  control_arm_rows: number;
};

/** Crude pooled rate per patient (and per session): events over exposed, summed over the rows. */
export function aeRate(rows: readonly Row[], method: IntervalMethod, level: number): AeRate {
  const counted = rows.filter((r) => num(r, 'patients_with_event') !== null && num(r, 'patients_exposed') !== null);
  const events = counted.reduce((sum, r) => sum + (num(r, 'patients_with_event') ?? 0), 0);
  const exposed = counted.reduce((sum, r) => sum + (num(r, 'patients_exposed') ?? 0), 0);
  const serious = counted
    .filter((r) => r['serious'] === true)
    .reduce((sum, r) => sum + (num(r, 'patients_with_event') ?? 0), 0);
  const bySession = rows.filter((r) => num(r, 'sessions_with_event') !== null && num(r, 'sessions_total') !== null);
  const sessionEvents = bySession.reduce((sum, r) => sum + (num(r, 'sessions_with_event') ?? 0), 0);
  const sessions = bySession.reduce((sum, r) => sum + (num(r, 'sessions_total') ?? 0), 0);
  const sessionCi = proportionInterval(sessionEvents, sessions, method, level);
  const published = rows.filter(
    (r) => !counted.includes(r) && ['rate', 'rate_low', 'rate_high'].some((f) => num(r, f) !== null),
  );
  return {
    rows: rows.length,
    rows_counted: counted.length,
    events: counted.length === 0 ? null : events,
    exposed: counted.length === 0 ? null : exposed,
    rate: exposed === 0 ? null : events / exposed,
    ...proportionInterval(events, exposed, method, level),
    serious_events: serious,
    sessions_with_event: sessionEvents,
    sessions_total: sessions,
    session_rate: sessions === 0 ? null : sessionEvents / sessions,
    session_ci_lb: sessionCi.ci_lb,
    session_ci_ub: sessionCi.ci_ub,
    published_only: published.length,
    control_arm_rows: rows.filter((r) => r['acupuncture_arm'] === false).length,
  };
}

export interface ExposureOverlap {
  /** study_id or review_id, and the arm ('' for the whole study). */
  unit: string;
  arm: string;
  rows: number;
}

/**
 * Patients exposed counted more than once when rows are summed: several event rows of one arm, or
 * a whole-study row beside rows of its arms.
 */
export function exposureOverlaps(rows: readonly Row[]): ExposureOverlap[] {
  const counted = rows.filter((r) => num(r, 'patients_exposed') !== null && num(r, 'patients_with_event') !== null);
  const units = new Map<string, ExposureOverlap>();
  for (const r of counted) {
    const unit = String(r['study_id'] ?? r['review_id'] ?? '');
    const arm = typeof r['arm'] === 'string' ? r['arm'] : '';
    const key = JSON.stringify([unit, arm]);
    const entry = units.get(key) ?? { unit, arm, rows: 0 };
    entry.rows++;
    units.set(key, entry);
  }
  const all = [...units.values()];
  const wholeWithArms = all.filter((u) => u.arm === '' && all.some((o) => o.unit === u.unit && o.arm !== ''));
  return all.filter((u) => u.rows > 1 || wholeWithArms.includes(u));
}

export type SeriousEvents = {
  /** Studies (or reviews) with at least one adverse-event row. */
  ae_sources: number;
  /** Σ patients_with_event and Σ patients_exposed over rows the source calls serious. */
  serious_events: number;
  serious_followed: number;
};

/** Serious adverse events reported, over the rows the source calls serious (all arms a row covers). */
export function seriousEvents(aeRows: readonly Row[]): SeriousEvents {
  const serious = aeRows.filter((r) => r['serious'] === true);
  const sources = new Set(aeRows.map((r) => String(r['study_id'] ?? r['review_id'] ?? '')));
  return {
    ae_sources: sources.size,
    serious_events: serious.reduce((sum, r) => sum + (num(r, 'patients_with_event') ?? 0), 0),
    serious_followed: serious.reduce((sum, r) => sum + (num(r, 'patients_exposed') ?? 0), 0),
  };
}
