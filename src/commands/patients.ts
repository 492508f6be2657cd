/** `patients`: studies and randomised patients per group, beside what each review itself reports. */
import { addCommonOptions, addListOptions } from './options.js';
import type { Command } from 'commander';
import { examples } from './examples.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import { filterRows, parseGroupBy } from '../core/evidence/query.js';
import type { Io } from '../io/io.js';
import { coverageNote } from '../render/notes.js';
import type { ReportColumn } from '../render/report.js';
import { conditionsFor, deliver, loadEnriched, requireTable } from './context.js';
import { groupedReport } from './grouped.js';
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

export async function patients(options: CommonOptions, io: Io): Promise<void> {
  const dataset = await loadEnriched(options, io);
  const conditions = conditionsFor('studies', options, dataset);
  const studies = filterRows(requireTable(dataset, 'studies').rows, conditions);
  const field = parseGroupBy(options.groupBy ?? 'review', fieldsOf('studies'));
  const { grouped, coverages } = patientGroups(dataset, studies, field, conditions);
  const notes = [
    ...coverages.map(coverageNote),
    'patients: randomised (n_randomised), summed over the studies that report it; a study in several groups counts once in the total.',
  ];
  await deliver(
    groupedReport({
      command: 'patients',
      table: 'studies',
      field,
      columns: COLUMNS,
      grouped,
      filters: options.where,
      notes,
      json: { coverage: coverages },
    }),
    options,
    io,
  );
}

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
  addListOptions(addCommonOptions(patientsCommand)).action((options: CommonOptions) => patients(options, io));
}
