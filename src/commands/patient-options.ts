/** --outcome: which continuous outcome a patient-level file (patient-records) gives, for meta, plot and outcomes. */
import { Option, type Command } from 'commander';
import type { PatientOptions, PatientOutcome } from '../core/evidence/patient-aggregate.js';
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
 * How patient rows are aggregated: the continuous outcome, and for meta only the rows its measure
 * can pool (RR, OR, RD the adverse-event 2×2 tables; the others the continuous outcome), so that the
 * other kind is not listed as left out study by study.
 */
export function patientOptions(options: PatientOutcomeOption, measure?: Measure): PatientOptions {
  const rows = measure === undefined ? 'both' : ['RR', 'OR', 'RD'].includes(measure) ? 'binary' : 'continuous';
  return { ...(options.outcome ? { outcome: options.outcome } : {}), rows };
}
