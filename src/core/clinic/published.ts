/**
 * The published MYMOP figures of the bundled data, to stand beside a clinic's own: outcomes rows
 * whose outcome names MYMOP and that give (or let the tool derive) events of n in the treated arm.
 */
import { proportionInterval, type Interval, type IntervalMethod } from '../evidence/aggregate.js';
import { armEventsOf } from '../evidence/derive.js';
import type { Dataset } from '../evidence/table.js';

export interface PublishedMymop {
  study_id: string;
  /** The study's short name from studies.csv (or its id). */
  label: string;
  outcome: string;
  improved: number;
  n: number;
  ratio: number;
  ci_lb: number | null;
  ci_ub: number | null;
  ci_method: Interval['ci_method'];
  /** The count was derived from a printed percentage. */
  derived: boolean;
  source: string | null;
}

export function publishedMymop(dataset: Dataset, method: IntervalMethod, level: number): PublishedMymop[] {
  const names = new Map<string, string>();
  for (const study of dataset.studies?.rows ?? []) {
    const id = study['study_id'];
    const name = study['short_name'];
    if (typeof id === 'string' && typeof name === 'string') names.set(id, name);
  }
  const found: PublishedMymop[] = [];
  for (const row of dataset.outcomes?.rows ?? []) {
    const outcome = row['outcome'];
    const id = row['study_id'];
    const n = row['n_treatment'];
    if (typeof outcome !== 'string' || !/\bMYMOP\b/i.test(outcome) || typeof id !== 'string') continue;
    const arm = armEventsOf(row, 'treatment');
    if (arm.events === null || typeof n !== 'number' || n <= 0) continue;
    const ci = proportionInterval(arm.events, n, method, level);
    found.push({
      study_id: id,
      label: names.get(id) ?? id,
      outcome,
      improved: arm.events,
      n,
      ratio: arm.events / n,
      ci_lb: ci.ci_lb,
      ci_ub: ci.ci_ub,
      ci_method: ci.ci_method,
      derived: arm.derived,
      source: typeof row['source'] === 'string' ? row['source'] : null,
    });
  }
  return found;
}
