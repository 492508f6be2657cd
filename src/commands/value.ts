/** `value <metric>`: one number, for sentences (inline evidence blocks) and scripts. */
import type { Command } from 'commander';
import { examples } from './examples.js';
import { UsageError } from '../errors.js';
import { computeMetric, type MetricValue } from '../core/evidence/metrics.js';
import { METRIC_TABLE, VOCABULARIES, type Metric, type TableName } from '../core/evidence/schema/index.js';
import { didYouMean } from '../core/text/suggest.js';
import type { Io } from '../io/io.js';
import { coverageNote } from '../render/notes.js';
import { aeTotalWarnings } from '../render/ae-warnings.js';
import type { ReportColumn, ValueKind } from '../render/report.js';
import { runSelection, type SelectionCommand } from './selection.js';
import {
  addCommonOptions,
  addComparatorOption,
  addIntervalOptions,
  parseLevel,
  type CommonOptions,
  type ComparatorOptions,
  type IntervalOptions,
} from './options.js';

export type ValueOptions = CommonOptions & IntervalOptions & ComparatorOptions;

export const METRICS: readonly Metric[] = VOCABULARIES.metric.filter((m) => m !== 'none');

/** How a metric's number reads in a sentence: sessions and months to one decimal at most. */
const KIND: Record<MetricValue['unit'], { kind: ValueKind; maxDigits?: number }> = {
  count: { kind: 'integer' },
  proportion: { kind: 'percent' },
  sessions: { kind: 'number', maxDigits: 1 },
  months: { kind: 'number', maxDigits: 1 },
  estimate: { kind: 'number', maxDigits: 4 },
};

/** The table a metric reads; an unknown metric, or one that reads no data, is refused before anything is read. */
function tableOf(metricName: string): TableName {
  if (!METRICS.includes(metricName as Metric)) {
    throw new UsageError(
      `unknown metric "${metricName}"${didYouMean(metricName, METRICS)}; metrics are ${METRICS.join(', ')}`,
    );
  }
  const metric = metricName as Metric;
  const table = METRIC_TABLE[metric];
  if (table === null) throw new UsageError(`metric ${metric} reads no data`);
  return table;
}

/** One metric of the selection, with its interval and coverage. */
export const value: SelectionCommand<ValueOptions & { metric: string }> = {
  command: 'value',
  table: (options) => tableOf(options.metric),
  // The metric's table may be absent: computeMetric then says what it cannot compute.
  requireTable: false,
  compute: ({ options, dataset, conditions, rows }) => {
    const metric = options.metric as Metric;
    const table = tableOf(metric);
    const result = computeMetric(metric, dataset, conditions, {
      vs: options.vs,
      method: options.method,
      level: parseLevel(options.level),
    });
    if (result.value === null)
      throw new UsageError(`cannot compute ${metric}: ${result.notes.join('; ') || 'no data'}`);
    const { kind, maxDigits } = KIND[result.unit];
    const column: ReportColumn = { key: 'value', kind, ...(maxDigits === undefined ? {} : { maxDigits }) };
    const columns: ReportColumn[] = [
      column,
      { key: 'ci_lb', kind },
      { key: 'ci_ub', kind },
      { key: 'unit', kind: 'text' },
    ];
    // The same caveats as the table the number comes from (adverse-events warns of control arms).
    const warnings = table === 'adverse-events' && dataset['adverse-events'] ? aeTotalWarnings(rows) : [];
    const notes = [...result.notes, ...(result.coverage ? [coverageNote(result.coverage)] : []), ...warnings];
    return {
      columns,
      rows: [{ value: result.value, ci_lb: result.ci_lb, ci_ub: result.ci_ub, unit: result.unit }],
      notes,
      scalar: true,
      json: result,
    };
  },
};

/** Declares `value`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
  const valueCommand = program
    .command('value')
    .argument('<metric>', `one of: ${METRICS.join(', ')}`)
    .description('One number (with --json: its interval and coverage), for sentences and scripts.')
    .addHelpText(
      'after',
      `
Metrics read one table: studies, patients, sessions-*, follow-up-months-max and positive-* read
studies.csv; reported-* reviews.csv; event-proportion outcomes.csv; ae-* adverse-events.csv;
pooled-* pooled.csv; distribution-count distributions.csv; clinic-improved a clinic's own
records (clinic-records, see acu-evidence clinic --help). --where takes that table's fields.
${examples([
  'acu-evidence value reported-patients --where "review_id=vickers-2018"',
  'acu-evidence value patients --where "review=vickers-2018"',
  'acu-evidence value event-proportion --where "study_id=soliday-2018" --json',
  'acu-evidence value positive-ratio --vs sham --where "condition=low-back-pain"',
  'acu-evidence value ae-rate --where "study_id=ternov-2001" --where "event~premature" --method exact',
  'acu-evidence value distribution-count --where "characteristic~Maximum number of sessions" --where "range_low>15"',
])}`,
    );
  addComparatorOption(addIntervalOptions(addCommonOptions(valueCommand, { groupBy: false }))).action(
    (metric: string, options: ValueOptions) => runSelection(value, { ...options, metric }, io),
  );
}
