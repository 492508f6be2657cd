/** The main job's numbers as summary-chart specs: positive-outcome ratios, adverse-event rates. */
import type { AeRate, Grouped, PositiveRatio } from '../../core/evidence/aggregate.js';
import type { IntervalRow, IntervalSpec } from '../../core/plot/intervals.js';
import { intervalNote, levelText } from '../notes.js';

const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

function estimate(x: number | null, lo: number | null, hi: number | null): string {
  return x === null ? 'nothing to count' : `${pct(x)} [${pct(lo)}, ${pct(hi)}]`;
}

const VS: Record<'sham' | 'usual-care' | 'any', string> = {
  sham: 'sham acupuncture',
  'usual-care': 'usual care (incl. waiting list, no acupuncture)',
  any: 'sham or usual care',
};

export function outcomesSpec(
  grouped: Grouped<PositiveRatio & Record<string, unknown>>,
  labels: { field: string; of: (key: Grouped<PositiveRatio>['rows'][number]['group']) => string },
  options: { vs: 'sham' | 'usual-care' | 'any'; method: 'wilson' | 'exact'; level: number; title?: string },
  filters: readonly string[],
): IntervalSpec {
  const row = (r: PositiveRatio, label: string, total: boolean): IntervalRow => ({
    label,
    estimate: r.ratio,
    lo: r.ci_lb,
    hi: r.ci_ub,
    counts: `${r.positive}/${r.known}`,
    estimateText: estimate(r.ratio, r.ci_lb, r.ci_ub),
    ...(total ? { total: true } : {}),
  });
  const t = grouped.total;
  const all = grouped.rows.map((g) => row(g, labels.of(g.group), false));
  const rows = [
    ...all.filter((r) => r.estimate !== null),
    row(t, grouped.rows.length > 0 ? 'All selected studies' : 'Selected studies', true),
  ];
  const hidden = all.filter((r) => r.estimate === null).map((r) => r.label);
  return {
    title: options.title ?? `Positive-outcome ratio vs ${VS[options.vs]}, per ${labels.field}`,
    desc: `Positive-outcome ratio vs ${VS[options.vs]}: ${t.positive} of ${t.known} studies with a known result favour acupuncture (${estimate(
      t.ratio,
      t.ci_lb,
      t.ci_ub,
    )
      .replace('[', `${levelText(options.level)} CI `)
      .replace(']', '')})${grouped.rows.length > 0 ? `; ${grouped.rows.length} groups by ${labels.field}` : ''}.`,
    labelHeader: labels.field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    countsHeader: 'Positive/known',
    estimateHeader: `Ratio [${levelText(options.level)} CI]`,
    axisTitle: 'Studies whose primary result favours acupuncture',
    rows,
    caption: [
      `Positive: the primary result favours acupuncture over ${VS[options.vs]}; ${t.known} of ${t.studies} studies have a known result, the others are left out.`,
      intervalNote(options.level, options.method),
      'The ratio counts studies, not patients, and ignores effect sizes: a summary of reports, not a meta-analysis.',
      ...(hidden.length > 0 ? [`Not shown (no study with a known result): ${hidden.join(', ')}.`] : []),
      ...(filters.length > 0 ? [`Selection: ${filters.join('; ')}`] : []),
    ],
  };
}

export function adverseEventsSpec(
  grouped: Grouped<AeRate & Record<string, unknown>>,
  labels: { field: string; of: (key: Grouped<AeRate>['rows'][number]['group']) => string },
  options: { method: 'wilson' | 'exact'; level: number; title?: string },
  filters: readonly string[],
): IntervalSpec {
  const row = (r: AeRate, label: string, total: boolean): IntervalRow => ({
    label,
    estimate: r.rate,
    lo: r.rate === null ? null : r.ci_lb,
    hi: r.rate === null ? null : r.ci_ub,
    counts: r.events === null || r.exposed === null ? '' : `${r.events}/${r.exposed}`,
    estimateText: r.rate === null ? 'no counts' : estimate(r.rate, r.ci_lb, r.ci_ub),
    ...(total ? { total: true } : {}),
  });
  const t = grouped.total;
  const all = grouped.rows.map((g) => row(g, labels.of(g.group), false));
  const rows = [
    ...all.filter((r) => r.estimate !== null),
    row(t, grouped.rows.length > 0 ? 'All selected rows' : 'Selected rows', true),
  ];
  const hidden = all.filter((r) => r.estimate === null).map((r) => r.label);
  return {
    title: options.title ?? `Adverse events per patient, per ${labels.field.replace(/_/g, ' ')}`,
    desc: `Adverse events: ${t.events ?? 0} of ${t.exposed ?? 0} patients exposed (${estimate(t.rate, t.ci_lb, t.ci_ub)
      .replace('[', `${levelText(options.level)} CI `)
      .replace(
        ']',
        '',
      )}), crude pooled over ${t.rows_counted} rows${grouped.rows.length > 0 ? `; ${grouped.rows.length} groups by ${labels.field}` : ''}.`,
    labelHeader: labels.field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    countsHeader: 'Patients with event/exposed',
    estimateHeader: `Rate [${levelText(options.level)} CI]`,
    axisTitle: 'Patients with the event',
    rows,
    caption: [
      `Rate: patients with the event over patients exposed, summed over the ${t.rows_counted} of ${t.rows} rows that give both (a crude pooled proportion, not a meta-analysis).`,
      intervalNote(options.level, options.method),
      ...(t.control_arm_rows > 0
        ? [
            `The selection holds ${t.control_arm_rows} rows of control arms; --where acupuncture_arm=yes keeps patients who had acupuncture.`,
          ]
        : []),
      ...(hidden.length > 0
        ? [
            `Not shown: ${hidden.length} ${labels.field} values with no counts of patients (only published rates, see acu-evidence adverse-events --by-event).`,
          ]
        : []),
      ...(filters.length > 0 ? [`Selection: ${filters.join('; ')}`] : []),
    ],
  };
}
