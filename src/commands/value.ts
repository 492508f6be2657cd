/** `value <metric>`: one number, for sentences (inline evidence blocks) and scripts. */
import { UsageError } from '../errors.js';
import { computeMetric, type MetricValue } from '../core/metrics.js';
import { METRIC_TABLE, VOCABULARIES, type Metric } from '../core/schema.js';
import { didYouMean } from '../core/suggest.js';
import type { Io } from '../io/io.js';
import { coverageNote } from '../render/notes.js';
import { aeTotalWarnings } from '../render/ae-warnings.js';
import { filterRows } from '../core/query.js';
import type { ReportColumn, ValueKind } from '../render/report.js';
import { conditionsFor, deliver, loadEnriched } from './context.js';
import { parseLevel, type CommonOptions, type ComparatorOptions, type IntervalOptions } from './options.js';

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

export async function value(metricName: string, options: ValueOptions, io: Io): Promise<void> {
  if (!METRICS.includes(metricName as Metric)) {
    throw new UsageError(
      `unknown metric "${metricName}"${didYouMean(metricName, METRICS)}; metrics are ${METRICS.join(', ')}`,
    );
  }
  const metric = metricName as Metric;
  const table = METRIC_TABLE[metric];
  if (table === null) throw new UsageError(`metric ${metric} reads no data`);
  const dataset = await loadEnriched(options, io);
  const conditions = conditionsFor(table, options, dataset);
  const result = computeMetric(metric, dataset, conditions, {
    vs: options.vs,
    method: options.method,
    level: parseLevel(options.level),
  });
  if (result.value === null) throw new UsageError(`cannot compute ${metric}: ${result.notes.join('; ') || 'no data'}`);
  const { kind, maxDigits } = KIND[result.unit];
  const column: ReportColumn = { key: 'value', kind, ...(maxDigits === undefined ? {} : { maxDigits }) };
  const columns: ReportColumn[] = [
    column,
    { key: 'ci_lb', kind },
    { key: 'ci_ub', kind },
    { key: 'unit', kind: 'text' },
  ];
  // The same caveats as the table the number comes from (adverse-events warns of control arms).
  const warnings =
    table === 'adverse-events' && dataset['adverse-events']
      ? aeTotalWarnings(filterRows(dataset['adverse-events'].rows, conditions))
      : [];
  const notes = [...result.notes, ...(result.coverage ? [coverageNote(result.coverage)] : []), ...warnings];
  await deliver(
    {
      command: 'value',
      filters: options.where,
      columns,
      rows: [{ value: result.value, ci_lb: result.ci_lb, ci_ub: result.ci_ub, unit: result.unit }],
      notes,
      scalar: true,
      json: result,
    },
    options,
    io,
  );
}
