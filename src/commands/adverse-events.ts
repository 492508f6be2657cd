/** `adverse-events`: rates per patient (and per session) with intervals; serious apart; by event. */
import type { Command } from 'commander';
import { examples } from './examples.js';
import { UsageError } from '../errors.js';
import { aeRate, byGroup } from '../core/evidence/aggregate.js';
import { controlArmWarning, overlapWarnings } from '../render/ae-warnings.js';
import { groupRows } from '../core/evidence/query.js';
import type { Row } from '../core/evidence/table.js';
import type { Io } from '../io/io.js';
import { intervalNote } from '../render/notes.js';
import type { ReportColumn } from '../render/report.js';
import { emptyLabel, groupLabel, INTERVAL_COLUMNS } from './grouped.js';
import {
  runSelection,
  type RowsResult,
  type Selection,
  type SelectionCommand,
  type SelectionResult,
} from './selection.js';
import {
  addCommonOptions,
  addIntervalOptions,
  addListOptions,
  parseLevel,
  type CommonOptions,
  type IntervalOptions,
} from './options.js';

export type AdverseEventsOptions = CommonOptions & IntervalOptions & { byEvent?: boolean };

const RATE_COLUMNS: ReportColumn[] = [
  {
    key: 'events',
    header: 'patients with event/exposed',
    kind: 'integer',
    join: { style: 'fraction', parts: ['events', 'exposed'] },
    priority: 2,
  },
  { key: 'rate', kind: 'percent', priority: 3 },
  ...INTERVAL_COLUMNS,
];

const GROUP_COLUMNS: ReportColumn[] = [
  { key: 'rows', kind: 'integer', priority: 6 },
  ...RATE_COLUMNS,
  { key: 'serious_events', header: 'patients with serious event', kind: 'integer', priority: 5 },
  { key: 'published_only', header: 'published rates', kind: 'integer', priority: 8 },
];

const EVENT_COLUMNS: ReportColumn[] = [
  { key: 'from', kind: 'text' },
  { key: 'arm', kind: 'text', priority: 8 },
  { key: 'event', kind: 'text', priority: 1 },
  { key: 'serious', kind: 'boolean', priority: 5 },
  ...RATE_COLUMNS,
  {
    key: 'published',
    kind: 'number',
    join: { style: 'range', parts: ['rate_low', 'rate_high'] },
    priority: 6,
  },
  { key: 'rate_unit', header: 'unit', kind: 'text', priority: 7 },
];

function byEvent(rows: readonly Row[], options: AdverseEventsOptions, level: number): RowsResult {
  const table = rows.map((row) => {
    const r = aeRate([row], options.method, level);
    const printed = typeof row['rate'] === 'number' ? row['rate'] : null;
    return {
      from: row['study_id'] ?? row['review_id'] ?? null,
      arm: row['arm'] ?? null,
      event: row['event'] ?? null,
      serious: row['serious'] ?? null,
      events: r.events,
      exposed: r.exposed,
      rate: r.rate,
      ci_lb: r.ci_lb,
      ci_ub: r.ci_ub,
      ci_method: r.ci_method,
      rate_low: row['rate_low'] ?? printed,
      rate_high: row['rate_high'] ?? printed,
      rate_unit: row['rate_unit'] ?? null,
      source: row['source'] ?? null,
    };
  });
  const notes = [
    intervalNote(level, options.method),
    'published: a rate or range as the source prints it, in its unit; it is never turned into counts.',
  ];
  return { columns: EVENT_COLUMNS, rows: table, notes, json: { events: table } };
}

function overlapNotes(rows: readonly Row[], field: string): string[] {
  const notes: string[] = [];
  for (const group of [
    { key: null as string | null, rows: [...rows], label: 'the total' },
    ...groupRows(rows, field).map((g) => ({
      key: groupLabel(g.key),
      rows: g.rows,
      label: `group ${field}=${groupLabel(g.key, emptyLabel('adverse-events', field))}`,
    })),
  ]) {
    notes.push(...overlapWarnings(group.rows, group.label));
  }
  return notes;
}

function compute({ options, rows, field = 'serious' }: Selection<AdverseEventsOptions>): SelectionResult {
  const level = parseLevel(options.level);
  if (options.byEvent && options.groupBy !== undefined)
    throw new UsageError('--by-event lists rows; it cannot go with --group-by');
  if (options.byEvent) return byEvent(rows, options, level);
  const grouped = byGroup(rows, field, (selected) => aeRate(selected, options.method, level));
  const t = grouped.total;
  const notes = [
    `rate: patients with the event over patients exposed, summed over the ${t.rows_counted} of ${t.rows} rows that give both (a crude pooled proportion, not a meta-analysis).`,
    intervalNote(level, options.method),
    ...(t.published_only > 0 ? [`${t.published_only} rows give only a published rate or range; see --by-event.`] : []),
    ...controlArmWarning(t.control_arm_rows),
    ...overlapNotes(rows, field),
  ];
  return { grouped, columns: GROUP_COLUMNS, notes };
}

/** Rates per group (default: serious and not), or one row per event with --by-event. */
export const adverseEvents: SelectionCommand<AdverseEventsOptions> = {
  command: 'adverse-events',
  table: 'adverse-events',
  // --by-event lists rows: its clash with --group-by is compute's to report.
  groupBy: (options) => (options.byEvent ? undefined : (options.groupBy ?? 'serious')),
  compute,
};

/** Declares `adverse-events`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const aeCommand = program
    .command('adverse-events')
    .description(
      'Adverse-event rates per patient (and per session) with confidence intervals; serious and non-serious apart (default grouping); --by-event for one row per event.',
    )
    .option('--by-event', 'one row per event type, with published rates and ranges as printed')
    .addHelpText(
      'after',
      examples([
        'acu-evidence adverse-events',
        'acu-evidence adverse-events --by-event',
        'acu-evidence adverse-events --where "acupuncture_arm=yes" --where "serious=yes"',
        'acu-evidence adverse-events --where "study_id=ternov-2001" --by-event --method exact',
        'acu-evidence adverse-events --group-by study_id --where "serious=no"',
        'acu-evidence adverse-events --data examples/invented-patients.csv --group-by arm',
      ]),
    );
  addListOptions(addIntervalOptions(addCommonOptions(aeCommand))).action((options: AdverseEventsOptions) =>
    runSelection(adverseEvents, options, io),
  );
}
