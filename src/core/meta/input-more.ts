/**
 * Rows to per-study inputs for the measures of issue 17 (effect-sizes-more.ts): events over
 * person-time per arm (IRR, IRD), one arm's mean (MN, MNLN), both arms' means (ROM), a pre/post
 * change in the treatment or single arm (SMCR, SMCC) and a correlation (COR, ZCOR).
 */
import {
  escalcChange,
  escalcCorrelation,
  escalcMeans,
  escalcRates,
  escalcROM,
  type Measure,
  type MoreMeasure,
  type ZeroCellOptions,
} from '../stats/index.js';
import type { Row } from '../evidence/table.js';

export const MORE: readonly MoreMeasure[] = ['IRR', 'IRD', 'MN', 'MNLN', 'ROM', 'SMCR', 'SMCC', 'COR', 'ZCOR'];

export function isMoreMeasure(measure: Measure): measure is MoreMeasure {
  return (MORE as readonly string[]).includes(measure);
}

export type MoreInput = Readonly<Record<string, number>>;
export type MoreCandidate = { kind: 'more'; input: MoreInput } | { kind: 'none'; reason: string };

/** Fields (per measure) and the escalc argument each one fills. */
const FIELDS: Record<MoreMeasure, readonly (readonly [string, string])[]> = {
  IRR: [
    ['x1i', 'episodes_treatment'],
    ['t1i', 'persontime_treatment'],
    ['x2i', 'episodes_control'],
    ['t2i', 'persontime_control'],
  ],
  IRD: [],
  MN: [
    ['mi', 'mean_treatment'],
    ['sdi', 'sd_treatment'],
    ['ni', 'n_treatment'],
  ],
  MNLN: [],
  ROM: [
    ['m1i', 'mean_treatment'],
    ['sd1i', 'sd_treatment'],
    ['n1i', 'n_treatment'],
    ['m2i', 'mean_control'],
    ['sd2i', 'sd_control'],
    ['n2i', 'n_control'],
  ],
  // SMCR standardizes by the baseline SD (Becker 1988; metafor's sd1i).
  SMCR: [
    ['m1i', 'mean_treatment'],
    ['m2i', 'mean_baseline_treatment'],
    ['sd1i', 'sd_baseline_treatment'],
    ['ni', 'n_treatment'],
    ['ri', 'r_baseline_treatment'],
  ],
  SMCC: [
    ['m1i', 'mean_treatment'],
    ['m2i', 'mean_baseline_treatment'],
    ['sd1i', 'sd_treatment'],
    ['sd2i', 'sd_baseline_treatment'],
    ['ni', 'n_treatment'],
    ['ri', 'r_baseline_treatment'],
  ],
  COR: [
    ['ri', 'correlation'],
    ['ni', 'n_treatment'],
  ],
  ZCOR: [],
};

function fieldsOf(measure: MoreMeasure): readonly (readonly [string, string])[] {
  const same: Partial<Record<MoreMeasure, MoreMeasure>> = { IRD: 'IRR', MNLN: 'MN', ZCOR: 'COR' };
  return FIELDS[same[measure] ?? measure];
}

export function moreCandidate(row: Row, measure: MoreMeasure): MoreCandidate {
  const input: Record<string, number> = {};
  const missing: string[] = [];
  for (const [arg, field] of fieldsOf(measure)) {
    const value = row[field];
    if (typeof value === 'number') input[arg] = value;
    else missing.push(field);
  }
  if (missing.length > 0) return { kind: 'none', reason: `no ${missing.join(', ')}` };
  const ri = input['ri'];
  if (ri !== undefined && !(Math.abs(ri) <= 1))
    return { kind: 'none', reason: `a correlation of ${ri} is not in [-1, 1]` };
  if (measure === 'ZCOR' && !((input['ni'] ?? 0) > 3))
    return { kind: 'none', reason: 'ZCOR needs more than 3 participants' };
  if ((measure === 'MNLN' || measure === 'ROM') && !((input['mi'] ?? input['m1i'] ?? 0) > 0 && (input['m2i'] ?? 1) > 0))
    return { kind: 'none', reason: `${measure} needs positive means` };
  return { kind: 'more', input };
}

/** escalc over all studies at once (IRR/IRD zero options look across studies with to = "if0all"). */
export function moreEscalc(
  measure: MoreMeasure,
  inputs: readonly MoreInput[],
  zero: ZeroCellOptions,
): { yi: number[]; vi: number[]; dropped: boolean[] } {
  const as = <T>() => inputs as unknown as T[];
  const dropped = inputs.map(
    (s) => (measure === 'IRR' || measure === 'IRD') && zero.drop00 === true && s['x1i'] === 0 && s['x2i'] === 0,
  );
  switch (measure) {
    case 'IRR':
    case 'IRD':
      return { ...escalcRates(measure, as(), zero), dropped };
    case 'MN':
    case 'MNLN':
      return { ...escalcMeans(measure, as()), dropped };
    case 'ROM':
      return { ...escalcROM(as()), dropped };
    case 'SMCR':
    case 'SMCC':
      return { ...escalcChange(measure, as()), dropped };
    case 'COR':
    case 'ZCOR':
      return { ...escalcCorrelation(measure, as()), dropped };
  }
}

/**
 * Generic inverse variance: a reported effect of the measure with its SE on the analysis scale
 * (effect_se; of log(effect) for RR and OR) and no CI, as metafor's rma(yi, sei = ...).
 */
export function reportedWithSe(
  row: Row,
  measure: Measure,
  noCi: boolean,
): { kind: 'se'; yi: number; vi: number } | null {
  const estimate = row['effect'];
  const se = row['effect_se'];
  if (!noCi || row['effect_measure'] !== measure || typeof estimate !== 'number' || typeof se !== 'number') return null;
  if (!(se > 0)) return null;
  const ratio = measure === 'RR' || measure === 'OR';
  if (ratio && !(estimate > 0)) return null;
  return { kind: 'se', yi: ratio ? Math.log(estimate) : estimate, vi: se * se };
}
