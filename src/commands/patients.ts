/** `patients`: studies and randomised patients per group, beside what each review itself reports. */
import { addCommonOptions, addListOptions } from './options.js';
import type { Command } from 'commander';
import { examples } from './examples.js';
import type { Io } from '../io/io.js';
import { coverageNote } from '../render/notes.js';
import type { ReportColumn } from '../render/report.js';
import { runSelection, type SelectionCommand } from './selection.js';
import type { CommonOptions } from './options.js';

import { patientGroups } from '../core/evidence/patient-groups.js';

const COLUMNS: ReportColumn[] = [
  { key: 'studies', kind: 'integer' },
  { key: 'reported_studies', header: 'reported studies', kind: 'integer' },
  { key: 'study_share', header: 'studies %', kind: 'percent' },
  { key: 'patients', kind: 'integer' },
  { key: 'reported_patients', header: 'reported patients', kind: 'integer' },
  { key: 'patient_share', header: 'patients %', kind: 'percent' },
  { key: 'studies_without_n', header: 'no n', kind: 'integer' },
];

/** Per group (default: per review): studies and patients, beside what each review reports. */
export const patients: SelectionCommand<CommonOptions> = {
  command: 'patients',
  table: 'studies',
  groupBy: (options) => options.groupBy ?? 'review',
  compute: ({ dataset, rows, field = 'review', conditions }) => {
    const { grouped, coverages } = patientGroups(dataset, rows, field, conditions);
    const notes = [
      ...coverages.map(coverageNote),
      'patients: randomised (n_randomised), summed over the studies that report it; a study in several groups counts once in the total.',
    ];
    return { grouped, columns: COLUMNS, notes, json: { coverage: coverages } };
  },
};

/** Declares `patients`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const patientsCommand = program
    .command('patients')
    .description(
      'Studies and randomised patients per group (default: per review), each study counted once, beside what each review itself reports.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence patients',
        'acu-evidence patients --where "condition=low-back-pain"',
        'acu-evidence patients --where "condition=sciatica"',
        'acu-evidence patients --group-by review_verified',
        'acu-evidence patients --group-by condition --format markdown',
      ]),
    );
  addListOptions(addCommonOptions(patientsCommand)).action((options: CommonOptions) =>
    runSelection(patients, options, io),
  );
}
