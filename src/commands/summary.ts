/** `summary`: per review (or group), the headline of patients, treatments, outcomes and adverse events. */
import type { Command } from 'commander';
import { examples } from './examples.js';
import { byGroup, positiveRatio, seriousEvents, summariseTreatments } from '../core/evidence/aggregate.js';
import type { Row } from '../core/evidence/table.js';
import type { Io } from '../io/io.js';
import { coverageNote, intervalNote } from '../render/notes.js';
import type { ReportColumn } from '../render/report.js';
import { runSelection, type SelectionCommand } from './selection.js';
import {
  addCommonOptions,
  addIntervalOptions,
  addListOptions,
  parseLevel,
  type CommonOptions,
  type IntervalOptions,
} from './options.js';
import { patientGroups } from '../core/evidence/patient-groups.js';

export type SummaryOptions = CommonOptions & IntervalOptions;

const COLUMNS: ReportColumn[] = [
  {
    key: 'studies',
    header: 'studies/reported',
    kind: 'integer',
    priority: 1,
    join: { style: 'fraction', parts: ['studies', 'reported_studies'] },
  },
  {
    key: 'patients',
    header: 'patients/reported',
    kind: 'integer',
    priority: 2,
    join: { style: 'fraction', parts: ['patients', 'reported_patients'] },
  },
  { key: 'patient_share', header: 'patients %', kind: 'percent', priority: 8 },
  {
    key: 'sessions',
    kind: 'integer',
    join: { style: 'range', parts: ['sessions_min', 'sessions_max'] },
    priority: 6,
  },
  { key: 'follow_up_months_max', header: 'follow-up (months)', kind: 'number', digits: 1, priority: 9 },
  {
    key: 'positive',
    header: 'positive/known',
    kind: 'integer',
    priority: 7,
    join: { style: 'fraction', parts: ['positive', 'known'] },
  },
  { key: 'ratio', header: 'positive %', kind: 'percent', priority: 3 },
  {
    key: 'ci',
    header: 'CI',
    kind: 'percent',
    join: { style: 'interval', parts: ['ci_lb', 'ci_ub'] },
    priority: 4,
  },
  {
    key: 'serious',
    header: 'serious AEs/followed',
    kind: 'integer',
    priority: 5,
    join: { style: 'fraction', parts: ['serious_events', 'serious_followed'] },
  },
];

/** Per group (default: per review): the headline of patients, treatments, outcomes and adverse events. */
export const summary: SelectionCommand<SummaryOptions> = {
  command: 'summary',
  table: 'studies',
  groupBy: (options) => options.groupBy ?? 'review',
  compute: ({ options, dataset, rows: studies, field = 'review', conditions }) => {
    const aeRows = dataset['adverse-events']?.rows ?? [];
    const level = parseLevel(options.level);
    const { grouped: patientsGrouped, coverages } = patientGroups(dataset, studies, field, conditions);

    const headline = (rows: readonly Row[]) => {
      const ids = new Set(rows.map((r) => r['study_id']));
      const { studies: _s, ...treatments } = summariseTreatments(rows);
      const { studies: _o, ...outcome } = positiveRatio(rows, 'any', options.method, level);
      return { ...treatments, ...outcome, ...seriousEvents(aeRows.filter((r) => ids.has(r['study_id']))) };
    };
    const rest = byGroup(studies, field, headline);
    const grouped = {
      // By key: patientGroups adds the reviews none of whose studies is selected (headline of no rows).
      rows: patientsGrouped.rows.map((g) => ({
        ...g,
        ...(rest.rows.find((r) => r.group === g.group) ?? headline([])),
      })),
      total: { ...patientsGrouped.total, ...rest.total },
    };
    const notes = [
      ...coverages.map(coverageNote),
      'patients: randomised. sessions: planned per patient. positive: studies whose primary result favours acupuncture over sham or usual care (see outcomes --vs sham).',
      intervalNote(level, options.method),
      'serious AEs/followed: patients with an event the source calls serious, over the patients of the trials (all arms) that report on serious events; rates by event: acu-evidence adverse-events.',
    ];
    return { grouped, columns: COLUMNS, notes, json: { coverage: coverages } };
  },
};

/** Declares `summary`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const summaryCommand = program
    .command('summary')
    .description(
      'Per review (or --group-by field): studies and patients against what the review reports, sessions, positive-outcome ratio, serious adverse events.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence summary',
        'acu-evidence summary --where "condition=low-back-pain" --format markdown',
        'acu-evidence summary --group-by condition',
        'acu-evidence summary --where "review=ji-2015"',
        'acu-evidence summary --json',
      ]),
    );
  addListOptions(addIntervalOptions(addCommonOptions(summaryCommand))).action((options: SummaryOptions) =>
    runSelection(summary, options, io),
  );
}
