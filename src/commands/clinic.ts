/**
 * `clinic`: a clinic's own MYMOP records (a clinic-records table given with --data) summarised as
 * counts and statistics only, beside the published MYMOP figures of the bundled data.
 */
import type { Command } from 'commander';
import { byGroup, type Grouped } from '../core/evidence/aggregate.js';
import { publishedMymop, type PublishedMymop } from '../core/clinic/published.js';
import {
  DEFAULT_THRESHOLD,
  SMALL_GROUP,
  hiddenGroups,
  isSmall,
  summariseClinic,
  type ClinicSummary,
} from '../core/clinic/summary.js';
import type { Row } from '../core/evidence/table.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io/io.js';
import { bundledDataDir, loadDataset } from '../io/load.js';
import { withThousands } from '../render/format.js';
import { intervalNote, levelText } from '../render/notes.js';
import type { Report, ReportColumn } from '../render/report.js';
import { loadEnriched } from './context.js';
import { runSelection, type Loaded, type Selection, type SelectionCommand } from './selection.js';
import { groupLabel } from './grouped.js';
import {
  addCommonOptions,
  addIntervalOptions,
  formatOf,
  parseLevel,
  type CommonOptions,
  type IntervalOptions,
} from './options.js';

export type ClinicOptions = CommonOptions & IntervalOptions & { threshold: string; showSmall?: boolean };

const EXAMPLE = 'examples/invented-clinic-records.csv';

/** The help's account of the score, the threshold (with its sources) and the privacy rules. */
const CLINIC_HELP = `
The profile score of a form is the mean of its completed items, each 0 (as good as it could
be) to 6 (as bad as it could be): Paterson C, BMJ 1996;312:1016, doi:10.1136/bmj.312.7037.1016.
A patient improved when the profile fell by at least --threshold from the first to the last
selected visit (compared exactly: profile scores are fractions of whole numbers).

The default 1.0 is the usual reading of a clinically meaningful change: a summary of Fixler M
et al., Complement Ther Clin Pract 2012;18(3):140-4, calls a change of one or more clinically
significant. Paterson 1996 relates responsiveness to the minimal clinically important
difference (index 0.85 for the profile) but its abstract gives no cut-off. The Chinese MYMOP
validation found an anchor-based minimal important difference of 0.516 for the profile at two
weeks (Chung VCH et al., Health Qual Life Outcomes 2010;8:111, doi:10.1186/1477-7525-8-111):
--threshold 0.516 applies it.

Privacy: the output holds counts and statistics only, never patient ids, dates or the scores
of one form. A group (or a total) of fewer than ${SMALL_GROUP} patients shows "< ${SMALL_GROUP}" in every format,
and other groups show "hidden" where the total would otherwise give a small group back by
subtraction, unless --show-small. Records are only read, never written.`;

/** Hidden: too small, or hidden with a small group so that the total cannot give it back. */
type Suppressed = { group: string | null; suppressed: true; small: boolean };
type Shown = { group: string | null; suppressed: false } & ClinicSummary;
type Entry = Shown | Suppressed;

function parseThreshold(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 6)
    throw new UsageError(`--threshold must be a number of profile points above 0 and at most 6, got "${text}"`);
  return value;
}

function entryOf(group: string | null, summary: ClinicSummary, hide: boolean): Entry {
  return hide ? { group, suppressed: true, small: isSmall(summary) } : { group, suppressed: false, ...summary };
}

// ------------------------------------------------------------------------------ people's view

const fixed = (v: number | null, digits: number): string => (v === null ? '' : v.toFixed(digits));
const percent = (v: number | null): string => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
const count = (v: number): string => withThousands(String(v));

function interval(lb: number | null, ub: number | null, show: (v: number | null) => string): string {
  return lb === null || ub === null ? '' : `[${show(lb)}, ${show(ub)}]`;
}

function visitsText(s: ClinicSummary): string {
  if (s.visits_min === null || s.visits_max === null) return '';
  const range = s.visits_min === s.visits_max ? `${s.visits_min}` : `${s.visits_min}–${s.visits_max}`;
  return `${range} (median ${String(s.visits_median)})`;
}

/** One entry as measure rows: long, so that every figure fits a narrow table. */
function measureRows(label: string, entry: Entry, threshold: number): Row[] {
  if (entry.suppressed)
    return [{ group: label, measure: 'patients', value: entry.small ? `< ${SMALL_GROUP}` : 'hidden', ci: '' }];
  const s = entry;
  const rows: [string, string, string][] = [
    ['patients', count(s.patients), ''],
    ['seen once', count(s.seen_once), ''],
    ['followed up', count(s.followed_up), ''],
    ['visits', visitsText(s), ''],
    ['mean, 1st visit', fixed(s.mean_first, 2), ''],
    ['mean, last visit', fixed(s.mean_last, 2), ''],
    ['mean change', fixed(s.mean_change, 2), interval(s.change_ci_lb, s.change_ci_ub, (v) => fixed(v, 2))],
    [
      `improved ≥ ${threshold.toFixed(1)}`,
      s.followed_up === 0 ? '' : `${count(s.improved)}/${count(s.followed_up)} (${percent(s.ratio)})`,
      interval(s.ci_lb, s.ci_ub, percent),
    ],
  ];
  return rows.map(([measure, value, ci], i) => ({ group: i === 0 ? label : '', measure, value, ci }));
}

function publishedRow(p: PublishedMymop): Row {
  return {
    group: p.label,
    measure: 'published',
    value: `${count(p.improved)}/${count(p.n)} (${percent(p.ratio)})`,
    ci: interval(p.ci_lb, p.ci_ub, percent),
  };
}

function peopleReport(
  entries: { rows: Entry[]; total: Entry },
  published: readonly PublishedMymop[],
  field: string | undefined,
  options: { threshold: number; level: number },
): Pick<Report, 'columns' | 'rows'> {
  const columns: ReportColumn[] = [
    { key: 'group', header: field ?? 'selection', kind: 'text' },
    { key: 'measure', kind: 'text' },
    { key: 'value', kind: 'text' },
    { key: 'ci', header: `${levelText(options.level)} CI`, kind: 'text' },
  ];
  const rows = [
    ...entries.rows.flatMap((e) => measureRows(groupLabel(e.group), e, options.threshold)),
    ...measureRows(entries.rows.length === 0 ? 'all' : 'total', entries.total, options.threshold),
    ...published.map(publishedRow),
  ];
  return { columns, rows };
}

// ---------------------------------------------------------------------------- machines' view

const WIDE_KEYS = [
  'patients',
  'seen_once',
  'followed_up',
  'visits_min',
  'visits_max',
  'visits_median',
  'mean_first',
  'mean_last',
  'mean_change',
  'change_ci_lb',
  'change_ci_ub',
  'improved',
  'ratio',
  'ci_lb',
  'ci_ub',
] as const;

/** CSV: one row per group, the total, then the published figures (kind says which). */
function wideReport(
  entries: { rows: Entry[]; total: Entry },
  published: readonly PublishedMymop[],
  field: string | undefined,
): Pick<Report, 'columns' | 'rows'> {
  const columns: ReportColumn[] = [
    { key: 'kind', kind: 'text' },
    { key: 'group', header: field ?? 'selection', kind: 'text' },
    { key: 'suppressed', kind: 'boolean' },
    ...WIDE_KEYS.map((key): ReportColumn => ({ key, kind: 'number' })),
  ];
  const clinicRow = (label: string, e: Entry): Row => {
    const row: Record<string, Row[string]> = { kind: 'clinic', group: label, suppressed: e.suppressed };
    for (const key of WIDE_KEYS) row[key] = e.suppressed ? null : e[key];
    return row;
  };
  const rows: Row[] = [
    ...entries.rows.map((e) => clinicRow(groupLabel(e.group), e)),
    clinicRow(entries.rows.length === 0 ? 'all' : 'total', entries.total),
    ...published.map((p): Row => {
      const row: Record<string, Row[string]> = { kind: 'published', group: p.label, suppressed: false };
      for (const key of WIDE_KEYS) row[key] = null;
      return { ...row, followed_up: p.n, improved: p.improved, ratio: p.ratio, ci_lb: p.ci_lb, ci_ub: p.ci_ub };
    }),
  ];
  return { columns, rows };
}

function jsonEntry(e: Entry): object {
  if (!e.suppressed) return e;
  return {
    group: e.group,
    suppressed: true,
    suppressed_because: e.small ? `fewer than ${SMALL_GROUP} patients` : 'hidden with a smaller group',
    ...Object.fromEntries(WIDE_KEYS.map((k) => [k, null])),
  };
}

// ------------------------------------------------------------------------------------ notes

function notesFor(
  total: Entry,
  anySuppressed: boolean,
  secondary: boolean,
  threshold: number,
  options: ClinicOptions,
  level: number,
) {
  const notes = [
    'Profile score: mean of the completed MYMOP items, 0 (as good as it could be) to 6 (as bad as it could be). mean, 1st/last visit: mean profile of the followed-up patients (seen at least twice) at their first and last selected visit; mean change: last minus first (negative: better).',
  ];
  if (!total.suppressed && total.seen_once > 0)
    notes.push(
      `${total.seen_once} of ${total.patients} patients ${total.seen_once === 1 ? 'was' : 'were'} seen once: counted in patients, not in the change or the improved share.`,
    );
  notes.push(
    `improved: the profile fell by at least ${threshold} point${threshold === 1 ? '' : 's'} (--threshold; see acu-evidence clinic --help for the sources of the default ${DEFAULT_THRESHOLD.toFixed(1)}).`,
    `${intervalNote(level, options.method)} The change has a t interval.`,
  );
  if (anySuppressed)
    notes.push(
      `Groups of fewer than ${SMALL_GROUP} patients are shown as "< ${SMALL_GROUP}"${secondary ? '; another group is "hidden" with them, so that the total cannot give a small group back by subtraction' : ''} (--show-small shows them).`,
    );
  notes.push(
    "A clinic's before-and-after figures have no control group: they say how its patients fared, not what the treatment caused. Published rows count patients by their paper's own definition of a clinically meaningful reduction.",
  );
  return notes;
}

// ------------------------------------------------------------------------------------ command

/** What clinic reads: the clinic's records (checked first) and the published MYMOP figures of the bundled data. */
async function load(options: ClinicOptions, io: Io): Promise<Loaded<PublishedMymop[]>> {
  if (options.data.length === 0)
    throw new UsageError(`clinic reads your own MYMOP records: give them with --data (for example --data ${EXAMPLE})`);
  parseThreshold(options.threshold);
  const level = parseLevel(options.level);
  if (options.groupBy !== undefined && options.groupBy !== 'condition')
    throw new UsageError(`clinic groups patients by condition only (--group-by condition), got "${options.groupBy}"`);
  formatOf(options);
  const dataset = await loadEnriched(options, io);
  const bundled = await loadDataset([bundledDataDir()], io);
  return { dataset, extra: publishedMymop(bundled, options.method, level) };
}

function compute({ options, rows: records, field, extra: published }: Selection<ClinicOptions, PublishedMymop[]>) {
  const threshold = parseThreshold(options.threshold);
  const level = parseLevel(options.level);
  const format = formatOf(options);
  const settings = { threshold, method: options.method, level };
  const grouped: Grouped<ClinicSummary> = byGroup(records, field, (rows) => summariseClinic(rows, settings));
  const showSmall = options.showSmall === true;
  const hidden = showSmall ? grouped.rows.map(() => false) : hiddenGroups(grouped.rows.map((g) => g.patients));
  const entries = {
    rows: grouped.rows.map((g, i) => entryOf(g.group === null ? null : String(g.group), g, hidden[i] === true)),
    total: entryOf(null, grouped.total, !showSmall && isSmall(grouped.total)),
  };
  const anySuppressed = [...entries.rows, entries.total].some((e) => e.suppressed);
  // Groups hidden although large enough: hidden so that the total cannot give a small one back.
  const secondary = grouped.rows.some((g, i) => hidden[i] === true && !isSmall(g));
  const view =
    format === 'csv'
      ? wideReport(entries, published, options.groupBy)
      : peopleReport(entries, published, options.groupBy, { threshold, level });
  return {
    ...view,
    notes: notesFor(entries.total, anySuppressed, secondary, threshold, options, level),
    json: {
      group_by: options.groupBy ?? null,
      threshold,
      level,
      method: options.method,
      small_group: SMALL_GROUP,
      show_small: showSmall,
      rows: entries.rows.map((e) => jsonEntry({ ...e, group: e.group ?? '(unknown)' })),
      total: jsonEntry(entries.total),
      published,
    },
  };
}

/** A clinic's records summarised per condition, counts and statistics only, beside the published figures. */
export const clinic: SelectionCommand<ClinicOptions, PublishedMymop[]> = {
  command: 'clinic',
  table: 'clinic-records',
  load,
  compute,
};

export function register(program: Command, io: Io): void {
  const command = program
    .command('clinic')
    .description(
      "A clinic's own MYMOP records (--data): patients, follow-up, mean profile scores, mean change and the share who improved, beside the published MYMOP figures of the bundled data.",
    )
    .option('--threshold <points>', 'fall in the profile score that counts as improved', DEFAULT_THRESHOLD.toFixed(1))
    .option('--show-small', `show groups of fewer than ${SMALL_GROUP} patients (hidden by default)`)
    .addHelpText(
      'after',
      `
Records: a CSV with the header patient_id,visit,date,condition,symptom1,symptom2,activity,wellbeing
(one row per completed form; see data/README.md, table clinic-records).
${CLINIC_HELP}

Examples:
  $ acu-evidence clinic --data ${EXAMPLE}
  $ acu-evidence clinic --data ${EXAMPLE} --group-by condition
  $ acu-evidence clinic --data ${EXAMPLE} --where "condition=low-back-pain" --threshold 0.516
  $ acu-evidence clinic --data ${EXAMPLE} --group-by condition --show-small --json
  $ acu-evidence value clinic-improved --data ${EXAMPLE}
`,
    );
  addIntervalOptions(addCommonOptions(command, { groupBy: false }));
  command.option('-g, --group-by <field>', 'one block per condition (the only field clinic groups by), plus a total');
  command.action((options: ClinicOptions) => runSelection(clinic, options, io));
}
