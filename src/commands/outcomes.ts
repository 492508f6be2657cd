import { UsageError } from '../errors.js';
/** `outcomes`: the share of studies whose primary result favours acupuncture, with its interval. */
import { byGroup, distinctStudies, positiveRatio, studyResult } from '../core/aggregate.js';
import { fieldsOf } from '../core/dataset.js';
import { filterRows, parseGroupBy } from '../core/query.js';
import type { Row } from '../core/table.js';
import type { Io } from '../io/io.js';
import { intervalNote } from '../render/notes.js';
import type { Report, ReportColumn } from '../render/report.js';
import { conditionsFor, deliver, loadEnriched, requireTable } from './context.js';
import { groupedReport, INTERVAL_COLUMNS } from './grouped.js';
import { parseLevel, type CommonOptions, type ComparatorOptions, type IntervalOptions } from './options.js';

export type OutcomesOptions = CommonOptions & IntervalOptions & ComparatorOptions & { byStudy?: boolean };

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

const VS_NOTE: Record<OutcomesOptions['vs'], string> = {
  sham: 'positive: the primary result favours acupuncture over sham acupuncture.',
  'usual-care': 'positive: the primary result favours acupuncture over usual care, waiting list or no acupuncture.',
  any: 'positive: the primary result favours acupuncture over sham or over usual care; a study that beats usual care but not sham counts as positive. Use --vs sham for the stricter test.',
};

function byStudyReport(studies: readonly Row[], options: OutcomesOptions): Report {
  const rows = distinctStudies(studies).map((s) => {
    const result = studyResult(s, options.vs);
    return {
      study_id: s['study_id'] ?? null,
      result_vs_sham: s['result_vs_sham'] ?? null,
      result_vs_usual_care: s['result_vs_usual_care'] ?? null,
      counted: result === null ? 'unknown' : result ? 'positive' : 'not positive',
      source: s['source'] ?? null,
    };
  });
  const columns: ReportColumn[] = ['study_id', 'result_vs_sham', 'result_vs_usual_care', 'counted', 'source'].map(
    (key) => ({ key, kind: 'text' }),
  );
  return {
    command: 'outcomes',
    filters: options.where,
    columns,
    rows,
    notes: [VS_NOTE[options.vs]],
    json: { vs: options.vs, studies: rows },
  };
}

export async function outcomes(options: OutcomesOptions, io: Io): Promise<void> {
  const dataset = await loadEnriched(options, io);
  const studies = filterRows(requireTable(dataset, 'studies').rows, conditionsFor('studies', options, dataset));
  const level = parseLevel(options.level);
  if (options.byStudy && options.groupBy !== undefined)
    throw new UsageError('--by-study lists studies; it cannot go with --group-by');
  if (options.byStudy) {
    await deliver(byStudyReport(studies, options), options, io);
    return;
  }
  const field = options.groupBy === undefined ? undefined : parseGroupBy(options.groupBy, fieldsOf('studies'));
  const grouped = byGroup(studies, field, (rows) => positiveRatio(rows, options.vs, options.method, level));
  const t = grouped.total;
  const notes = [
    VS_NOTE[options.vs],
    `${t.known} of ${t.studies} studies have a known result vs ${options.vs}; the others are left out.`,
    intervalNote(level, options.method),
    'The ratio counts studies, not patients, and ignores effect sizes: it is a summary of reports, not a meta-analysis (see acu-evidence meta).',
  ];
  await deliver(
    groupedReport({
      command: 'outcomes',
      table: 'studies',
      field,
      columns: COLUMNS,
      grouped,
      filters: options.where,
      notes,
      json: { vs: options.vs },
    }),
    options,
    io,
  );
}
