/**
 * From outcome and adverse-event rows to effect sizes on the analysis scale: 2×2 tables and
 * mean/SD pairs through escalc (one call, so that zero-cell options see every study), reported
 * effects with a 95% CI through the Wald back-calculation, single proportions from event counts.
 */
import { armEventsOf } from '../evidence/derive.js';
import { escalc, yiViFromReportedCI } from '../stats/index.js';
import type { BinaryMeasure, EventCount, MeanSdPair, Measure, TwoByTwo, ZeroCellTarget } from '../stats/index.js';
import type { Row } from '../evidence/table.js';
import { isMoreMeasure, moreCandidate, moreEscalc, reportedWithSe, type MoreInput } from './input-more.js';
import { allDistinct } from './distinct.js';

const BINARY: readonly Measure[] = ['RR', 'OR', 'RD'];
export const PROPORTION: readonly Measure[] = ['PLO', 'PR', 'PFT', 'PAS'];

/** How a study's effect was obtained. */
type Basis =
  'arms' | 'arms, counts derived from printed percentages' | 'reported effect and CI' | 'reported effect and SE';

export interface StudyEffect {
  study_id: string;
  /** Study, and arm or time point when a study gives several rows. */
  label: string;
  yi: number;
  vi: number;
  basis: Basis;
  /** The 2×2 table (binary measures from arms), for Mantel-Haenszel and Peto. */
  table: TwoByTwo | null;
  /** Study size (proportions), for the Freeman-Tukey back-transformation. */
  ni: number | null;
  row: Row;
}

export interface Skipped {
  label: string;
  reason: string;
}

export interface EffectInputs {
  /** Studies with an estimable effect, in row order. */
  effects: StudyEffect[];
  /**
   * Every study with a 2×2 table, estimable or not (yi, vi NaN where escalc cannot estimate it):
   * Mantel-Haenszel and Peto pool them all, as metafor's rma.mh and rma.peto do.
   */
  tables: StudyEffect[];
  skipped: Skipped[];
  warnings: string[];
  /** No study gives two rows: the study ids are all different (so no Set of a million ids is built twice more). */
  distinctStudies?: boolean;
}

export interface ZeroCellChoice {
  add?: number;
  to?: ZeroCellTarget;
  drop00?: boolean;
}

const num = (row: Row, field: string): number | null => (typeof row[field] === 'number' ? row[field] : null);
const text = (row: Row, field: string): string | null => (typeof row[field] === 'string' ? row[field] : null);

const DETAIL_FIELDS = ['arm_treatment', 'arm', 'timepoint', 'outcome', 'comparison', 'event'] as const;

/**
 * A study's id, plus what tells its rows apart when it gives several (arm, time point, outcome...);
 * `distinct` when every row is its own study.
 */
function labels(rows: readonly Row[]): { names: string[]; distinct: boolean } {
  const id = (r: Row) => text(r, 'study_id') ?? '?';
  // One row per study (the common case of a large file): each label is the study id, and no
  // study needs grouping.
  const ids = rows.map(id);
  if (allDistinct(ids)) return { names: ids, distinct: true };
  const byStudy = new Map<string, Row[]>();
  for (const r of rows) {
    const siblings = byStudy.get(id(r));
    if (siblings) siblings.push(r);
    else byStudy.set(id(r), [r]);
  }
  // The differing fields once per study, not once per row (a study may give thousands of rows).
  const differingOf = new Map<string, readonly string[]>();
  for (const [study, siblings] of byStudy) {
    if (siblings.length < 2) continue;
    differingOf.set(
      study,
      DETAIL_FIELDS.filter((f) => new Set(siblings.map((s) => text(s, f))).size > 1),
    );
  }
  const names = rows.map((r) => {
    const differing = differingOf.get(id(r));
    if (differing === undefined) return id(r);
    const detail = differing.map((f) => text(r, f)).filter((x): x is string => x !== null);
    return `${id(r)} (${detail.join(', ')})`;
  });
  return { names, distinct: false };
}

type Candidate =
  // The table itself, marked (no wrapper object per row: a million rows make a million tables).
  | (TwoByTwo & { kind: 'table'; derived: boolean })
  | { kind: 'means'; pair: MeanSdPair }
  | { kind: 'count'; count: EventCount }
  | { kind: 'reported'; estimate: number; lower: number; upper: number; derivedUnit: boolean }
  | { kind: 'none'; reason: string }
  | { kind: 'more'; input: MoreInput }
  | { kind: 'se'; yi: number; vi: number };

function binaryArms(row: Row): Candidate {
  const t = armEventsOf(row, 'treatment');
  const c = armEventsOf(row, 'control');
  const nT = num(row, 'n_treatment');
  const nC = num(row, 'n_control');
  if (t.events === null || c.events === null || nT === null || nC === null) {
    const reason =
      t.events === null
        ? `treatment arm: ${t.reason}`
        : c.events === null
          ? `control arm: ${c.reason}`
          : 'an arm has no n';
    return { kind: 'none', reason };
  }
  return {
    kind: 'table',
    ai: t.events,
    bi: nT - t.events,
    ci: c.events,
    di: nC - c.events,
    derived: t.derived || c.derived,
  };
}

const ARM_FIELDS = ['mean', 'sd', 'n'] as const;

function continuousArms(row: Row): Candidate {
  const arm = (suffix: string) => ARM_FIELDS.map((f) => num(row, `${f}_${suffix}`));
  const [m1i, sd1i, n1i] = arm('treatment');
  const [m2i, sd2i, n2i] = arm('control');
  if (m1i == null || sd1i == null || n1i == null || m2i == null || sd2i == null || n2i == null) {
    // Which arm lacks what: a study with one arm only must say which arm is missing.
    const lacks = (suffix: string) => ARM_FIELDS.filter((f) => num(row, `${f}_${suffix}`) === null).join(', ');
    const t = lacks('treatment');
    const c = lacks('control');
    const reason =
      t === c
        ? `no ${t} in either arm`
        : [t && `treatment arm: no ${t}`, c && `control arm: no ${c}`].filter((p) => p !== '').join('; ');
    return { kind: 'none', reason };
  }
  return { kind: 'means', pair: { m1i, sd1i, n1i, m2i, sd2i, n2i } };
}

/** A reported effect of the same measure; RD printed in percentage points becomes a difference of proportions. */
function reported(row: Row, measure: Measure): Candidate {
  const estimate = num(row, 'effect');
  const lower = num(row, 'ci_low');
  const upper = num(row, 'ci_high');
  const se = reportedWithSe(row, measure, lower === null && upper === null);
  if (se) return se;
  if (text(row, 'effect_measure') !== measure || estimate === null || lower === null || upper === null) {
    return { kind: 'none', reason: `no reported ${measure} with a CI` };
  }
  const percentagePoints = measure === 'RD' && /percentage point/i.test(text(row, 'effect_unit') ?? '');
  const scale = percentagePoints ? 100 : 1;
  return {
    kind: 'reported',
    estimate: estimate / scale,
    lower: lower / scale,
    upper: upper / scale,
    derivedUnit: percentagePoints,
  };
}

function candidate(row: Row, measure: Measure, source: 'outcomes' | 'adverse-events'): Candidate {
  if (isMoreMeasure(measure)) return moreCandidate(row, measure);
  if (PROPORTION.includes(measure)) {
    const x = source === 'adverse-events' ? num(row, 'patients_with_event') : armEventsOf(row, 'treatment').events;
    const n = source === 'adverse-events' ? num(row, 'patients_exposed') : num(row, 'n_treatment');
    return x === null || n === null || n === 0
      ? { kind: 'none', reason: 'no count of patients with the event and exposed' }
      : { kind: 'count', count: { xi: x, ni: n } };
  }
  const arms = BINARY.includes(measure) ? binaryArms(row) : continuousArms(row);
  if (arms.kind !== 'none') return arms;
  const effect = reported(row, measure);
  return effect.kind === 'none' ? { kind: 'none', reason: `${arms.reason}, and ${effect.reason}` } : effect;
}

/** One literal shape for every study (a spread plus additions costs ten times more per study). */
function studyEffect(
  base: { study_id: string; label: string; row: Row },
  yi: number,
  vi: number,
  basis: Basis,
  table: TwoByTwo | null,
  ni: number | null,
): StudyEffect {
  return { study_id: base.study_id, label: base.label, yi, vi, basis, table, ni, row: base.row };
}

/** Effect sizes of every row that gives the measure; the others are listed with the reason. */
export function effectInputs(
  rows: readonly Row[],
  measure: Measure,
  source: 'outcomes' | 'adverse-events',
  zero: ZeroCellChoice,
): EffectInputs {
  const { names, distinct } = labels(rows);
  const candidates = rows.map((row) => candidate(row, measure, source));
  const skipped: Skipped[] = [];
  const warnings: string[] = [];

  // escalc sees all computed studies at once (to = "if0all" looks across studies).
  // Row index → position among the computed studies (an index, not a search per row: k can be 10^6).
  const position = new Int32Array(candidates.length).fill(-1);
  const inputs: (TwoByTwo | MeanSdPair | EventCount | null)[] = [];
  const more: MoreInput[] = [];
  candidates.forEach((c, i) => {
    if (c.kind !== 'table' && c.kind !== 'means' && c.kind !== 'count' && c.kind !== 'more') return;
    position[i] = inputs.length;
    inputs.push(c.kind === 'table' ? c : c.kind === 'means' ? c.pair : c.kind === 'count' ? c.count : null);
    if (c.kind === 'more') more.push(c.input);
  });
  const options = {
    ...(zero.add === undefined ? {} : { add: zero.add }),
    ...(zero.to === undefined ? {} : { to: zero.to }),
    ...(zero.drop00 === undefined ? {} : { drop00: zero.drop00 }),
  };
  const sizes =
    inputs.length === 0
      ? null
      : isMoreMeasure(measure)
        ? moreEscalc(measure, more, options)
        : escalc(measure, inputs as (TwoByTwo | MeanSdPair | EventCount)[], options);

  const effects: StudyEffect[] = [];
  const tables: StudyEffect[] = [];
  candidates.forEach((c, i) => {
    const row = rows[i] as Row;
    const label = names[i] ?? '?';
    const base = { study_id: text(row, 'study_id') ?? '?', label, row };
    if (c.kind === 'none') {
      skipped.push({ label, reason: c.reason });
      return;
    }
    if (c.kind === 'se') {
      effects.push({ ...base, yi: c.yi, vi: c.vi, basis: 'reported effect and SE', table: null, ni: null });
      return;
    }
    if (c.kind === 'reported') {
      const r = yiViFromReportedCI(
        c.estimate,
        c.lower,
        c.upper,
        measure === 'RR' || measure === 'OR' ? 'ratio' : 'difference',
      );
      effects.push(studyEffect(base, r.yi, r.vi, 'reported effect and CI', null, null));
      if (c.derivedUnit)
        warnings.push(`${label}: the reported risk difference in percentage points is divided by 100.`);
      return;
    }
    const j = position[i] ?? -1;
    const yi = sizes?.yi[j] ?? Number.NaN;
    const vi = sizes?.vi[j] ?? Number.NaN;
    let table: StudyEffect | undefined;
    if (c.kind === 'table') {
      const basis = c.derived ? 'arms, counts derived from printed percentages' : 'arms';
      table = studyEffect(base, yi, vi, basis, c, null);
      tables.push(table);
    }
    // Means with SD 0 in both arms: no variance (MD) or no scale (SMD), and no zero cell to blame.
    const sdZero = c.kind === 'means' && c.pair.sd1i === 0 && c.pair.sd2i === 0;
    if (!Number.isFinite(yi) || !Number.isFinite(vi) || (sdZero && vi === 0)) {
      skipped.push({
        label,
        reason: sizes?.dropped[j]
          ? 'no events in either arm (drop00)'
          : sdZero
            ? 'the effect size is not estimable (SD 0 in both arms)'
            : c.kind === 'means'
              ? 'the effect size is not estimable from these means, SDs and ns'
              : 'the effect size is not estimable (a zero cell without correction)',
      });
      return;
    }
    // An estimable 2×2 table enters both lists as the same object (its fields would be the same).
    if (table) {
      effects.push(table);
      return;
    }
    effects.push(
      studyEffect(
        base,
        yi,
        vi,
        c.kind === 'table' && c.derived ? 'arms, counts derived from printed percentages' : 'arms',
        c.kind === 'table' ? c : null,
        c.kind === 'count' ? c.count.ni : null,
      ),
    );
  });

  const perStudy = new Map<string, number>();
  // Counted only when some study gives several rows (one Set, not a count per study, tells).
  if (!distinct && new Set(effects.map((e) => e.study_id)).size < effects.length)
    for (const e of effects) perStudy.set(e.study_id, (perStudy.get(e.study_id) ?? 0) + 1);
  for (const [study, n] of perStudy) {
    if (n > 1)
      warnings.push(
        `${study} gives ${n} rows (arms, outcomes or time points): pooling treats them as independent studies; narrow the selection (e.g. --where timepoint=...) to one row per study.`,
      );
  }
  if (measure === 'MD') {
    const units = new Set(effects.map((e) => text(e.row, 'effect_unit') ?? text(e.row, 'outcome') ?? ''));
    if (units.size > 1)
      warnings.push(
        'MD pools raw differences: the rows measure on different scales (see effect_unit and outcome); consider --measure SMD.',
      );
  }
  const outcomes = new Set<string>();
  for (const e of effects) {
    const o = text(e.row, 'outcome') ?? text(e.row, 'event');
    if (o !== null) outcomes.add(o);
  }
  if (outcomes.size > 1) {
    warnings.push(
      `the rows measure ${outcomes.size} different outcomes (${[...outcomes].join('; ')}); pooling them mixes what is measured (and its direction): narrow with --where "outcome~...".`,
    );
  }
  return { effects, tables, skipped, warnings, ...(distinct ? { distinctStudies: true } : {}) };
}

export function isBinary(measure: Measure): measure is BinaryMeasure {
  return BINARY.includes(measure);
}
