/** `treatments`: planned sessions (range, mean and median of midpoints), weeks of treatment, follow-up. */
import { addCommonOptions, addListOptions } from './options.js';
import type { Command } from 'commander';
import { examples } from './examples.js';
import { byGroup, summariseTreatments } from '../core/evidence/aggregate.js';
import type { Io } from '../io/io.js';
import type { ReportColumn } from '../render/report.js';
import { runSelection, type SelectionCommand } from './selection.js';
import type { CommonOptions } from './options.js';

const COLUMNS: ReportColumn[] = [
  { key: 'studies', kind: 'integer' },
  { key: 'studies_reporting', header: 'reporting', kind: 'integer' },
  { key: 'sessions', kind: 'integer', join: { style: 'range', parts: ['sessions_min', 'sessions_max'] } },
  { key: 'sessions_mean', header: 'mean', kind: 'number', digits: 1 },
  { key: 'sessions_median', header: 'median', kind: 'number', digits: 1 },
  { key: 'weeks', kind: 'number', join: { style: 'range', parts: ['weeks_min', 'weeks_max'] } },
  { key: 'follow_up_months_max', header: 'follow-up (months)', kind: 'number', digits: 1 },
];

/** Per group: the planned sessions, weeks and follow-up of the selected studies. */
export const treatments: SelectionCommand<CommonOptions> = {
  command: 'treatments',
  table: 'studies',
  compute: ({ rows, field }) => {
    const grouped = byGroup(rows, field, summariseTreatments);
    const t = grouped.total;
    const notes = [
      `sessions: planned per patient; ${t.studies_reporting} of ${t.studies} studies give a number. mean and median are of the midpoints of the ${t.studies_with_range} studies that give both ends of their range ("up to N" has no midpoint).`,
      ...(t.follow_up_from_weeks
        ? ['follow-up: the longest is given in weeks and shown in months (52 weeks = 12 months).']
        : []),
    ];
    return { grouped, columns: COLUMNS, notes };
  },
};

/** Declares `treatments`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const treatmentsCommand = program
    .command('treatments')
    .description(
      'Planned sessions per patient (range; mean and median of per-study midpoints), weeks of treatment, longest follow-up.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence treatments',
        'acu-evidence treatments --where "condition=low-back-pain" --group-by review',
        'acu-evidence treatments --group-by condition --format markdown',
      ]),
    );
  addListOptions(addCommonOptions(treatmentsCommand)).action((options: CommonOptions) =>
    runSelection(treatments, options, io),
  );
}
