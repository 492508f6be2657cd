/** Caveats of adverse-event totals, shared by `adverse-events` and `value ae-*` so both warn alike. */
import { aeRate, exposureOverlaps } from '../core/evidence/aggregate.js';
import type { Row } from '../core/evidence/table.js';

export function controlArmWarning(controlArmRows: number): string[] {
  return controlArmRows > 0
    ? [
        `warning: the selection holds ${controlArmRows} rows of control arms (acupuncture_arm=no); add --where acupuncture_arm=yes for rates among patients who had acupuncture.`,
      ]
    : [];
}

export function overlapWarnings(rows: readonly Row[], label: string): string[] {
  return exposureOverlaps(rows).map(
    (o) =>
      `warning: in ${label}, the patients exposed of ${o.unit}${o.arm ? ` (${o.arm})` : ' (whole study)'} are counted ${o.rows > 1 ? `${o.rows} times (one row per event)` : 'twice (whole study and its arms)'}; narrow the selection, e.g. --where "event~serious" or --where acupuncture_arm=yes.`,
  );
}

/** The warnings of the adverse-events total over these rows. */
export function aeTotalWarnings(rows: readonly Row[]): string[] {
  return [...controlArmWarning(aeRate(rows, 'wilson', 0.95).control_arm_rows), ...overlapWarnings(rows, 'the total')];
}
