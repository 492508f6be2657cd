import type { Command } from 'commander';
import { examples } from './examples.js';
import { UsageError } from '../errors.js';
/** `outcomes`: the share of studies whose primary result favours acupuncture, with its interval. */
import { byGroup, distinctStudies, positiveRatio, studyResult } from '../core/evidence/aggregate.js';
import type { Cell, Row } from '../core/evidence/table.js';
import type { Comparator } from '../core/evidence/aggregate.js';
import type { Io } from '../io/io.js';
import { intervalNote } from '../render/notes.js';
import type { ReportColumn } from '../render/report.js';
import { INTERVAL_COLUMNS } from './grouped.js';
import {
  runSelection,
  type RowsResult,
  type Selection,
  type SelectionCommand,
  type SelectionResult,
} from './selection.js';
import {
  addCommonOptions,
  addComparatorOption,
  addIntervalOptions,
  addListOptions,
  parseLevel,
  type CommonOptions,
  type ComparatorOptions,
  type IntervalOptions,
} from './options.js';

/** `vs` undefined: sham and usual care side by side. */
export type OutcomesOptions = CommonOptions & IntervalOptions & Partial<ComparatorOptions> & { byStudy?: boolean };

const COLUMNS: ReportColumn[] = [
  { key: 'studies', kind: 'integer' },
  {
    key: 'positive',
    header: 'positive/known',
    kind: 'integer',
    join: { style: 'fraction', parts: ['positive', 'known'] },
  },
  { key: 'ratio', kind: 'percent' },
  ...INTERVAL_COLUMNS,
];

const VS_NOTE: Record<Comparator, string> = {
  sham: 'positive: the primary result favours acupuncture over sham acupuncture.',
  'usual-care': 'positive: the primary result favours acupuncture over usual care, waiting list or no acupuncture.',
  any: 'positive: the primary result favours acupuncture over sham or over usual care; --vs any mixes the two comparisons: a study that beats usual care but not sham counts as positive. Without --vs they are shown apart.',
};

/** The two comparisons apart: what each answers. */
const SIDE_BY_SIDE_NOTES = [
  'sham: the primary result favours acupuncture over sham acupuncture (imitated needling): an effect beyond the ritual of treatment and the expectation it raises.',
  'usual care: the primary result favours acupuncture over usual care, a waiting list or no acupuncture: the comparison of practice, in which expectation and attention are part of the effect.',
  'A study can report both; each ratio counts the studies with a known result against that comparator (--vs any mixes them; --vs sham or --vs usual-care shows one).',
];

const COMPARED: readonly { vs: Exclude<Comparator, 'any'>; prefix: string; label: string; rank: number }[] = [
  { vs: 'sham', prefix: 'sham', label: 'sham', rank: 0 },
  { vs: 'usual-care', prefix: 'usual_care', label: 'usual care', rank: 1 },
];

/** Per comparator: positive/known, the ratio and its interval; a narrow terminal keeps the ratios. */
const SIDE_BY_SIDE_COLUMNS: ReportColumn[] = [
  { key: 'studies', kind: 'integer', priority: 7 },
  ...COMPARED.flatMap(({ prefix, label, rank }): ReportColumn[] => [
    {
      key: `${prefix}_positive`,
      header: `${label} positive/known`,
      kind: 'integer',
      join: { style: 'fraction', parts: [`${prefix}_positive`, `${prefix}_known`] },
      priority: 3 + rank,
    },
    { key: `${prefix}_ratio`, header: `${label} %`, kind: 'percent', priority: 1 + rank },
    {
      key: `${prefix}_ci`,
      header: `${label} CI`,
      kind: 'percent',
      join: { style: 'interval', parts: [`${prefix}_ci_lb`, `${prefix}_ci_ub`] },
      priority: 5 + rank,
    },
  ]),
];

/** Both ratios of a set of studies, their fields prefixed by the comparator. */
function bothRatios(rows: readonly Row[], options: OutcomesOptions, level: number) {
  const out: Record<string, Cell> = {};
  for (const { vs, prefix } of COMPARED) {
    const { studies, ...ratio } = positiveRatio(rows, vs, options.method, level);
    out['studies'] = studies;
    for (const [k, v] of Object.entries(ratio)) out[`${prefix}_${k}`] = v;
  }
  return out;
}

function byStudy(studies: readonly Row[], options: OutcomesOptions): RowsResult {
  const vs = options.vs;
  const rows = distinctStudies(studies).map((s) => {
    const result = studyResult(s, vs ?? 'any');
    return {
      study_id: s['study_id'] ?? null,
      result_vs_sham: s['result_vs_sham'] ?? null,
      result_vs_usual_care: s['result_vs_usual_care'] ?? null,
      ...(vs === undefined ? {} : { counted: result === null ? 'unknown' : result ? 'positive' : 'not positive' }),
      source: s['source'] ?? null,
    };
  });
  const keys = [
    'study_id',
    'result_vs_sham',
    'result_vs_usual_care',
    ...(vs === undefined ? [] : ['counted']),
    'source',
  ];
  const columns: ReportColumn[] = keys.map((key) => ({ key, kind: 'text' }));
  return {
    columns,
    rows,
    notes: vs === undefined ? SIDE_BY_SIDE_NOTES : [VS_NOTE[vs]],
    json: { vs: vs ?? null, studies: rows },
  };
}

function compute({ options, rows: studies, field }: Selection<OutcomesOptions>): SelectionResult {
  const level = parseLevel(options.level);
  if (options.byStudy && options.groupBy !== undefined)
    throw new UsageError('--by-study lists studies; it cannot go with --group-by');
  if (options.byStudy) return byStudy(studies, options);
  const vs = options.vs;
  if (vs === undefined) {
    const both = byGroup(studies, field, (rows) => bothRatios(rows, options, level));
    const t = both.total;
    return {
      grouped: both,
      columns: SIDE_BY_SIDE_COLUMNS,
      notes: [
        ...SIDE_BY_SIDE_NOTES,
        `${String(t['sham_known'])} of ${String(t['studies'])} studies have a known result vs sham, ${String(t['usual_care_known'])} vs usual care.`,
        intervalNote(level, options.method),
        'The ratios count studies, not patients, and ignore effect sizes: they summarise reports, not a meta-analysis (see acu-evidence meta).',
      ],
      json: { vs: ['sham', 'usual-care'] },
    };
  }
  const grouped = byGroup(studies, field, (rows) => positiveRatio(rows, vs, options.method, level));
  const t = grouped.total;
  const notes = [
    VS_NOTE[vs],
    `${t.known} of ${t.studies} studies have a known result vs ${vs}; the others are left out.`,
    intervalNote(level, options.method),
    'The ratio counts studies, not patients, and ignores effect sizes: it is a summary of reports, not a meta-analysis (see acu-evidence meta).',
  ];
  return { grouped, columns: COLUMNS, notes, json: { vs } };
}

/** The share of positive studies per group, against sham and usual care apart or one --vs; or --by-study. */
export const outcomes: SelectionCommand<OutcomesOptions> = {
  command: 'outcomes',
  table: 'studies',
  // --by-study lists studies: its clash with --group-by is compute's to report.
  groupBy: (options) => (options.byStudy ? undefined : options.groupBy),
  compute,
};

/** Declares `outcomes`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const outcomesCommand = program
    .command('outcomes')
    .description(
      'Positive-outcome ratio: studies whose primary result favours acupuncture over the studies with a known result, with a confidence interval.',
    )
    .option('--by-study', 'list each study, its results and whether it counts as positive')
    .addHelpText(
      'after',
      examples([
        'acu-evidence outcomes',
        'acu-evidence outcomes --vs sham --where "condition=low-back-pain"',
        'acu-evidence outcomes --vs any',
        'acu-evidence outcomes --vs usual-care --method exact --level 90',
        'acu-evidence outcomes --group-by condition',
        'acu-evidence outcomes --by-study --where "review=vickers-2018"',
      ]),
    );
  addListOptions(
    addComparatorOption(addIntervalOptions(addCommonOptions(outcomesCommand)), { sideBySide: true }),
  ).action((options: OutcomesOptions) => runSelection(outcomes, options, io));
}
