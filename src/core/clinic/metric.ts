/** The clinic-improved metric of `value` and `claims`: the share of followed-up patients who improved. */
import type { IntervalMethod } from '../evidence/aggregate.js';
import type { Row } from '../evidence/table.js';
import { DEFAULT_THRESHOLD, SMALL_GROUP, isSmall, summariseClinic } from './summary.js';

export interface ClinicMetric {
  value: number | null;
  ci_lb?: number | null;
  ci_ub?: number | null;
  ci_method?: string | null;
  notes: string[];
}

export function clinicImproved(rows: readonly Row[], options: { method: IntervalMethod; level: number }): ClinicMetric {
  const s = summariseClinic(rows, { threshold: DEFAULT_THRESHOLD, method: options.method, level: options.level });
  // A sentence cannot say "< 5": a figure about so few patients is refused (acu-evidence clinic --show-small shows it).
  if (isSmall(s))
    return {
      value: null,
      notes: [
        `the selection holds ${s.patients === 0 ? 'no patients' : `fewer than ${SMALL_GROUP} patients`}; figures about so few patients are not published`,
      ],
    };
  if (s.ratio === null) return { value: null, notes: [`none of the ${s.patients} patients was seen twice`] };
  return {
    value: s.ratio,
    ci_lb: s.ci_lb,
    ci_ub: s.ci_ub,
    ci_method: s.ci_method,
    notes: [
      `${s.improved} of ${s.followed_up} followed-up patients improved by at least ${DEFAULT_THRESHOLD.toFixed(1)} on the MYMOP profile score; ${s.seen_once} seen once ${s.seen_once === 1 ? 'is' : 'are'} not in the ratio`,
    ],
  };
}
