/** --outcome: which continuous outcome a patient-level file (patient-records) gives, for meta, plot and outcomes. */
import { Option, type Command } from 'commander';
import type { PatientOptions, PatientOutcome } from '../core/evidence/patient-aggregate.js';
import { PROPORTION, isBinary } from '../core/meta/input.js';
import type { Measure } from '../core/stats/index.js';

export interface PatientOutcomeOption {
  outcome?: PatientOutcome;
}

export function addPatientOutcomeOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--outcome <which>',
      'patient-level files: pool the change from baseline (followup - baseline, default) or the follow-up score',
    ).choices(['change', 'followup']),
  );
}

/**
 * How patient rows are aggregated for meta: the continuous outcome, and only the rows its measure can
 * pool (RR, OR, RD the adverse-event 2×2 tables, proportions the arms' adverse-events rows, the others
 * the continuous outcome), so that the other kind is not listed as left out study by study.
 */
export function patientOptions(options: PatientOutcomeOption, measure: Measure): PatientOptions {
  const outcome = options.outcome ? { outcome: options.outcome } : {};
  if (PROPORTION.includes(measure)) return { ...outcome, rows: 'binary' };
  return { ...outcome, rows: isBinary(measure) ? 'binary' : 'continuous', adverseEvents: false };
}
