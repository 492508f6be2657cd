/**
 * RevMan's analysis settings in this tool's terms: its effect measure as a --measure, and its
 * statistical method and model as a --method. Shared by `import` (the commands it prints) and by
 * `meta`, which pools an imported analysis with these settings when the user gives none.
 */
import type { Measure } from '../stats/index.js';
import type { PoolMethod } from './analysis.js';

/** Our measure for RevMan's code (PETO_OR is an odds ratio pooled by Peto's method); null when there is none. */
export function revmanMeasure(code: string): Extract<Measure, 'RR' | 'OR' | 'RD' | 'MD' | 'SMD'> | null {
  const c = code.toUpperCase();
  if (c === 'PETO_OR') return 'OR';
  return c === 'RR' || c === 'OR' || c === 'RD' || c === 'MD' || c === 'SMD' ? c : null;
}

/** The --method that pools like RevMan: Peto, MH (fixed), FE (inverse variance, fixed) or DL (random). */
export function revmanMethod(
  measure: string,
  method: 'MH' | 'IV' | 'Peto' | null,
  random: boolean | null,
): PoolMethod | null {
  if (method === 'Peto' || measure.toUpperCase() === 'PETO_OR') return 'Peto';
  // RevMan 5's random-effects model is DerSimonian-Laird (with MH or IV weights for the study effects).
  if (random) return 'DL';
  if (method === 'MH') return 'MH';
  if (method === 'IV') return 'FE';
  return null;
}

const METHOD_NAMES: Record<'MH' | 'IV' | 'Peto', string> = {
  MH: 'Mantel-Haenszel',
  IV: 'inverse variance',
  Peto: 'Peto',
};

/** "OR, Mantel-Haenszel, fixed effect, 95% CI": RevMan's settings as a reader says them. */
export function describeSettings(
  measure: string,
  method: 'MH' | 'IV' | 'Peto' | null,
  random: boolean | null,
  level: number | null,
): string {
  return [
    measure === '' ? null : measure,
    method === null ? null : METHOD_NAMES[method],
    random === null ? null : random ? 'random effects' : 'fixed effect',
    level === null ? null : `${level}% CI`,
  ]
    .filter((p): p is string => p !== null)
    .join(', ');
}
