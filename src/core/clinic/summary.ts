/**
 * A clinic's MYMOP outcomes: per patient, the profile score (mean of the completed items) at the
 * first and the last selected visit; over patients, how many were followed up, the mean change
 * with its t interval, and how many improved by at least a threshold, with a Wilson (or exact)
 * interval. Pure.
 */
import { median } from 'simple-statistics';
import { proportionInterval, type Interval, type IntervalMethod } from '../evidence/aggregate.js';
import { tQuantile } from '../stats/distributions.js';
import type { Row } from '../evidence/table.js';
import { MYMOP_ITEMS } from './table.js';

/** Groups smaller than this are shown as "< 5" unless the user asks otherwise. */
export const SMALL_GROUP = 5;

/** The usual reading of a clinically meaningful change in the MYMOP profile score (see the codebook). */
export const DEFAULT_THRESHOLD = 1;

/** Profile scores are means of at most four whole numbers: differences are multiples of 1/144. */
const TOLERANCE = 1e-9;

export interface ClinicOptions {
  threshold: number;
  method: IntervalMethod;
  level: number;
}

/** A profile score kept as a fraction (sum of the completed items over their number), for exact comparisons. */
export interface Profile {
  sum: number;
  items: number;
}

export interface ClinicSummary {
  /** Distinct patients with at least one selected form. */
  patients: number;
  /** Patients with at least two selected forms: the ones whose change can be measured. */
  followed_up: number;
  /** Patients with one selected form only: counted, but without a change. */
  seen_once: number;
  visits_min: number | null;
  visits_max: number | null;
  visits_median: number | null;
  /** Mean profile score at the first and at the last visit, over the followed-up patients. */
  mean_first: number | null;
  mean_last: number | null;
  /** Mean of last minus first profile score (negative: better), with its t interval. */
  mean_change: number | null;
  sd_change: number | null;
  change_ci_lb: number | null;
  change_ci_ub: number | null;
  /** Followed-up patients whose profile score fell by at least the threshold. */
  improved: number;
  ratio: number | null;
  ci_lb: number | null;
  ci_ub: number | null;
  ci_method: Interval['ci_method'];
  threshold: number;
  level: number;
}

/** The profile score of a form: the mean of its completed items (null when none is). */
export function profileOf(row: Row): Profile | null {
  let sum = 0;
  let items = 0;
  for (const item of MYMOP_ITEMS) {
    const score = row[item];
    if (typeof score === 'number') {
      sum += score;
      items++;
    }
  }
  return items === 0 ? null : { sum, items };
}

const valueOf = (p: Profile): number => p.sum / p.items;

/**
 * Whether the profile fell from `first` to `last` by at least `threshold`: the difference is
 * compared as a fraction (whole numbers), with a tolerance only for a threshold with decimals.
 */
export function fellBy(first: Profile, last: Profile, threshold: number): boolean {
  const numerator = first.sum * last.items - last.sum * first.items;
  const denominator = first.items * last.items;
  return numerator >= threshold * denominator - TOLERANCE;
}

interface Patient {
  forms: Row[];
}

/** The selected forms of each patient, in visit order. */
function patientsOf(rows: readonly Row[]): Patient[] {
  const byId = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row['patient_id'];
    if (typeof id !== 'string') continue;
    const forms = byId.get(id) ?? [];
    forms.push(row);
    byId.set(id, forms);
  }
  const visit = (row: Row): number => (typeof row['visit'] === 'number' ? row['visit'] : 0);
  return [...byId.values()].map((forms) => ({ forms: [...forms].sort((a, b) => visit(a) - visit(b)) }));
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/** Mean, SD and t interval of the changes (no interval for fewer than two). */
function changeStats(changes: readonly number[], level: number) {
  const n = changes.length;
  const m = mean(changes);
  if (m === null || n < 2) return { mean_change: m, sd_change: null, change_ci_lb: null, change_ci_ub: null };
  const sd = Math.sqrt(changes.reduce((s, c) => s + (c - m) ** 2, 0) / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean_change: m, sd_change: sd, change_ci_lb: m - half, change_ci_ub: m + half };
}

/** The clinic's figures over the selected forms. */
export function summariseClinic(rows: readonly Row[], options: ClinicOptions): ClinicSummary {
  const patients = patientsOf(rows);
  const visits = patients.map((p) => p.forms.length);
  const firsts: number[] = [];
  const lasts: number[] = [];
  const changes: number[] = [];
  let improved = 0;
  for (const patient of patients) {
    if (patient.forms.length < 2) continue;
    const first = profileOf(patient.forms[0] ?? {});
    const last = profileOf(patient.forms[patient.forms.length - 1] ?? {});
    // Every loaded form has symptom1 (a table rule), so both profiles exist.
    if (!first || !last) continue;
    firsts.push(valueOf(first));
    lasts.push(valueOf(last));
    changes.push(valueOf(last) - valueOf(first));
    if (fellBy(first, last, options.threshold)) improved++;
  }
  const followed = changes.length;
  const interval = proportionInterval(improved, followed, options.method, options.level);
  return {
    patients: patients.length,
    followed_up: followed,
    seen_once: patients.length - followed,
    // reduce, not Math.min(...visits): a spread of a large clinic's patients would overflow the stack.
    visits_min: visits.length === 0 ? null : visits.reduce((a, b) => Math.min(a, b)),
    visits_max: visits.length === 0 ? null : visits.reduce((a, b) => Math.max(a, b)),
    visits_median: visits.length === 0 ? null : median(visits),
    mean_first: mean(firsts),
    mean_last: mean(lasts),
    ...changeStats(changes, options.level),
    improved,
    ratio: followed === 0 ? null : improved / followed,
    ci_lb: interval.ci_lb,
    ci_ub: interval.ci_ub,
    ci_method: interval.ci_method,
    threshold: options.threshold,
    level: options.level,
  };
}

/** Whether a group is too small to show (fewer than SMALL_GROUP patients). */
export function isSmall(summary: Pick<ClinicSummary, 'patients'>): boolean {
  return summary.patients < SMALL_GROUP;
}

/**
 * Which groups to hide, given their patient counts: those under SMALL_GROUP, and then the smallest
 * of the others until the hidden groups hold at least SMALL_GROUP patients together, because a
 * shown total minus the shown groups gives the hidden groups' figures back.
 */
export function hiddenGroups(patients: readonly number[]): boolean[] {
  const hidden = patients.map((n) => n < SMALL_GROUP);
  const hiddenPatients = (): number => patients.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  while (hidden.some(Boolean) && hiddenPatients() < SMALL_GROUP) {
    let smallest = -1;
    patients.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < (patients[smallest] ?? Infinity))) smallest = i;
    });
    if (smallest < 0) break;
    hidden[smallest] = true;
  }
  return hidden;
}
