/**
 * A meta-analysis as a forest-plot spec: every number formatted for people, the columns chosen by
 * what the studies give (events/total, or mean, SD and total per arm), the heterogeneity, the
 * overall test and the subgroup test as footer lines; plus the alt text that states the result.
 */
import type { Arms } from '../../core/plot/arms.js';
import type { ForestBlock, ForestSpec, ForestStudy } from '../../core/plot/forest.js';
import type { MetaResult, Pooled, StudyRow } from '../../core/meta/analysis.js';
import { describeModel } from '../meta.js';
import { levelText } from '../notes.js';

export interface ForestOptions {
  title?: string;
  /** Left and right of the line of no effect, e.g. ["Favours sham", "Favours acupuncture"]. */
  favours: readonly [string, string] | null;
  /** Arm names for the column headers. */
  armNames: readonly [string, string];
  limits?: readonly [number, number];
  plotWidth?: number;
}

export const MEASURE_TITLE: Record<MetaResult['measure'], string> = {
  RR: 'Risk ratio',
  OR: 'Odds ratio',
  RD: 'Risk difference',
  MD: 'Mean difference',
  SMD: 'Standardised mean difference',
  PLO: 'Proportion (logit scale)',
  PR: 'Proportion',
  PFT: 'Proportion (Freeman-Tukey scale)',
  PAS: 'Proportion (arcsine scale)',
  IRR: 'Incidence rate ratio',
  IRD: 'Incidence rate difference',
  MN: 'Mean',
  MNLN: 'Mean (log scale)',
  ROM: 'Ratio of means',
  SMCR: 'Standardised mean change (raw-score standardisation)',
  SMCC: 'Standardised mean change (change-score standardisation)',
  COR: 'Correlation',
  ZCOR: "Correlation (Fisher's z scale)",
};

const PROPORTIONS = new Set(['PLO', 'PR', 'PFT', 'PAS']);

/** An estimate on the natural scale: proportions in percent, the rest with two decimals. */
export function value(result: MetaResult, x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '';
  if (PROPORTIONS.has(result.measure)) return `${(x * 100).toFixed(1)}%`;
  return x.toFixed(2).replace(/^-/, '−');
}

function estimateWithCi(result: MetaResult, t: { estimate: number; ci_lb: number; ci_ub: number }): string {
  return `${value(result, t.estimate)} [${value(result, t.ci_lb)}, ${value(result, t.ci_ub)}]`;
}

export function pText(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p < 0.001 ? p.toFixed(4) : p.toFixed(3)}`;
}

function fixed(x: number | null, digits: number): string {
  return x === null || !Number.isFinite(x) ? '' : x.toFixed(digits).replace(/^-/, '−');
}

function heterogeneityText(p: Pooled): string {
  const tau2 =
    p.tau2 === null
      ? ''
      : `τ² = ${fixed(p.tau2, 4)}${p.tau2_ci_lb === null ? '' : ` [${fixed(p.tau2_ci_lb, 4)}, ${fixed(p.tau2_ci_ub, 4)}]`}, `;
  return `Heterogeneity: ${tau2}I² = ${fixed(p.I2, 1)}%, Q = ${fixed(p.QE, 2)} (df = ${p.QE_df}, ${pText(p.QEp)})`;
}

function overallTest(p: Pooled): string {
  const statistic = p.tval !== null ? `t = ${fixed(p.tval, 2)} (df = ${p.df})` : `z = ${fixed(p.zval, 2)}`;
  return `Test for overall effect: ${statistic}, ${pText(p.pval)}`;
}

export function modelName(result: MetaResult): string {
  switch (result.method) {
    case 'MH':
      return 'Common-effect model (Mantel-Haenszel)';
    case 'Peto':
      return 'Common-effect model (Peto)';
    case 'FE':
      return 'Common-effect model (inverse variance)';
    default:
      return `Random-effects model (${result.method}${result.test === 'knha' ? ', Hartung-Knapp' : ''})`;
  }
}

function cells(arms: Arms, kind: 'binary' | 'means' | 'count' | null): string[] {
  if (kind === null) return [];
  const width = kind === 'binary' ? 4 : kind === 'means' ? 6 : 2;
  if (arms === null || arms.kind !== kind) return Array.from({ length: width }, () => '');
  const g = (x: number) => String(Number(x.toPrecision(6))).replace(/^-/, '−');
  switch (arms.kind) {
    case 'binary':
      return [g(arms.events_t), g(arms.n_t), g(arms.events_c), g(arms.n_c)];
    case 'means':
      return [g(arms.mean_t), g(arms.sd_t), g(arms.n_t), g(arms.mean_c), g(arms.sd_c), g(arms.n_c)];
    case 'count':
      return [g(arms.events), g(arms.n)];
  }
}

/** The arm columns shown: the kind most studies give (studies of another kind get empty cells). */
function columnKind(arms: readonly Arms[]): 'binary' | 'means' | 'count' | null {
  const kinds = arms.flatMap((a) => (a ? [a.kind] : []));
  if (kinds.length === 0) return null;
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as 'binary' | 'means' | 'count';
}

function columns(kind: ReturnType<typeof columnKind>, names: readonly [string, string]): ForestSpec['columns'] {
  const [t, c] = names;
  switch (kind) {
    case 'binary':
      return [
        { header: 'Events', group: t },
        { header: 'Total', group: t },
        { header: 'Events', group: c },
        { header: 'Total', group: c },
      ];
    case 'means':
      return [
        { header: 'Mean', group: t },
        { header: 'SD', group: t },
        { header: 'Total', group: t },
        { header: 'Mean', group: c },
        { header: 'SD', group: c },
        { header: 'Total', group: c },
      ];
    case 'count':
      return [
        { header: 'Events', group: 'Patients' },
        { header: 'Total', group: 'Patients' },
      ];
    case null:
      return [];
  }
}

function study(result: MetaResult, s: StudyRow, arms: Arms, kind: ReturnType<typeof columnKind>): ForestStudy {
  const estimable = Number.isFinite(s.yi);
  return {
    id: s.study_id,
    label: s.label,
    yi: s.yi,
    ci_lb: s.ci_lb,
    ci_ub: s.ci_ub,
    weight: s.weight,
    cells: cells(arms, kind),
    estimateText: estimable ? estimateWithCi(result, s.transformed) : 'not estimable',
    weightText: Number.isFinite(s.weight) ? `${s.weight.toFixed(1)}%` : '',
  };
}

/** "Pooled RR 0.49 (95% CI 0.34 to 0.70; 13 studies, random-effects model (REML)); ..." */
/** "13 studies", "1 study", "3 rows from 2 studies". */
function studiesText(result: MetaResult): string {
  const studies = `${result.n_studies} ${result.n_studies === 1 ? 'study' : 'studies'}`;
  return result.k === result.n_studies ? studies : `${result.k} rows from ${studies}`;
}

export function forestAltText(result: MetaResult): string {
  const level = levelText(result.level);
  const t = result.transformed;
  const k = studiesText(result);
  const pi =
    t.pi_lb !== null && t.pi_ub !== null && result.tau2 !== null
      ? `; prediction interval ${value(result, t.pi_lb)} to ${value(result, t.pi_ub)}`
      : '';
  const i2 = result.I2 === null ? '' : `; I² = ${fixed(result.I2, 1)}%`;
  return `Forest plot of ${k}: pooled ${MEASURE_TITLE[result.measure].toLowerCase()} ${value(result, t.estimate)} (${level} CI ${value(result, t.ci_lb)} to ${value(result, t.ci_ub)}, ${pText(result.pval)}), ${modelName(result).replace(/^R|^C/, (c) => c.toLowerCase())}${pi}${i2}.`;
}

export function forestSpec(
  result: MetaResult,
  arms: readonly Arms[],
  options: ForestOptions,
  filters: readonly string[],
): ForestSpec {
  const kind = columnKind(arms);
  const rows = result.studies.map((s, i) => ({ s, arms: arms[i] ?? null }));
  const totalCells = (members: typeof rows): string[] | undefined => {
    if (kind !== 'binary' && kind !== 'count') return undefined;
    // A total over only the studies with counts would sit beside an estimate that also pools studies
    // reporting only an effect, and read as the pooled study's arms: leave it blank instead.
    if (members.some((m) => m.arms?.kind !== kind)) return undefined;
    const sum = (f: (a: Arms) => number | null) => members.reduce((acc, m) => acc + (f(m.arms) ?? 0), 0);
    if (kind === 'binary')
      return [
        String(sum((a) => (a?.kind === 'binary' ? a.events_t : null))),
        String(sum((a) => (a?.kind === 'binary' ? a.n_t : null))),
        String(sum((a) => (a?.kind === 'binary' ? a.events_c : null))),
        String(sum((a) => (a?.kind === 'binary' ? a.n_c : null))),
      ];
    return [
      String(sum((a) => (a?.kind === 'count' ? a.events : null))),
      String(sum((a) => (a?.kind === 'count' ? a.n : null))),
    ];
  };
  let blocks: ForestBlock[];
  if (result.subgroups) {
    blocks = result.subgroups.map((g) => {
      const members = rows.filter((r) => r.s.group === g.group);
      const weight = members.reduce((a, m) => a + (Number.isFinite(m.s.weight) ? m.s.weight : 0), 0);
      return {
        heading: g.group,
        studies: members.map((m) => study(result, m.s, m.arms, kind)),
        pooled: {
          label: `Subtotal (k = ${g.k})`,
          yi: g.estimate,
          ci_lb: g.ci_lb,
          ci_ub: g.ci_ub,
          estimateText: estimateWithCi(result, g.transformed),
          weightText: `${weight.toFixed(1)}%`,
          ...(totalCells(members) ? { cells: totalCells(members) } : {}),
        },
        // A subgroup of one study has no heterogeneity to report.
        notes: g.k > 1 ? [heterogeneityText(g)] : [],
      };
    });
  } else {
    blocks = [{ heading: null, studies: rows.map((r) => study(result, r.s, r.arms, kind)), pooled: null, notes: [] }];
  }
  const t = result.transformed;
  const level = levelText(result.level);
  const showPi = result.pi_lb !== null && result.pi_ub !== null && result.tau2 !== null;
  const footer = [
    heterogeneityText(result),
    overallTest(result),
    ...(result.test_subgroup
      ? [
          `Test for subgroup differences: Q = ${fixed(result.test_subgroup.QM, 2)} (df = ${result.test_subgroup.df}, ${pText(result.test_subgroup.pval)})`,
        ]
      : []),
    `Model: ${describeModel(result)}`,
    ...(filters.length > 0 ? [`Selection: ${filters.join('; ')}`] : []),
  ];
  const k = studiesText(result);
  const title = options.title ?? `${MEASURE_TITLE[result.measure]} (${level} CI), ${k}`;
  return {
    title,
    desc: forestAltText(result),
    measure: result.measure,
    ni: result.ni,
    columns: columns(kind, options.armNames),
    estimateHeader: `${result.measure} [${level} CI]`,
    axisTitle: `${MEASURE_TITLE[result.measure]}${result.measure === 'RR' || result.measure === 'OR' ? ' (log scale)' : ''}`,
    favours: PROPORTIONS.has(result.measure) ? null : options.favours,
    blocks,
    overall: {
      label: modelName(result),
      yi: result.estimate,
      ci_lb: result.ci_lb,
      ci_ub: result.ci_ub,
      estimateText: estimateWithCi(result, t),
      weightText: '100%',
      ...(totalCells(rows) ? { cells: totalCells(rows) } : {}),
      pi:
        showPi && result.pi_lb !== null && result.pi_ub !== null
          ? { lo: result.pi_lb, hi: result.pi_ub, text: `[${value(result, t.pi_lb)}, ${value(result, t.pi_ub)}]` }
          : null,
    },
    footer,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.plotWidth ? { plotWidth: options.plotWidth } : {}),
  };
}
