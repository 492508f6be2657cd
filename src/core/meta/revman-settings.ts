/**
 * RevMan's analysis settings in this tool's terms: its effect measure as a --measure, and its
 * statistical method and model as a --method. Shared by `import` (the commands it prints) and by
 * `meta`, which pools an imported analysis with these settings when the user gives none.
 */
import type { Measure } from '../stats/index.js';
import type { PoolMethod } from './analysis.js';
import { listOf, type Cell, type Row } from '../evidence/table.js';

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

/** RevMan's settings of one analysis as meta options; what the user gave is kept. */
interface AnalysisDefaults {
  measure?: Extract<Measure, 'RR' | 'OR' | 'RD' | 'MD' | 'SMD'>;
  method?: PoolMethod;
  level?: string;
  i2?: 'q';
  /** RevMan's random-effects Mantel-Haenszel: DL with Q about the MH estimate (see mh-random.ts). */
  qAbout?: 'MH';
}

export interface ResolvedSettings {
  defaults: AnalysisDefaults;
  /** For the user: which analysis, what RevMan set, what was used. */
  note: string;
  /** Added to an error the settings led to: which options analyses.csv chose (absent when none). */
  chose?: string;
}

const text = (cell: Cell | undefined): string | null => (typeof cell === 'string' && cell !== '' ? cell : null);

/**
 * The one row of analyses.csv that every selected outcomes row belongs to (same analysis number,
 * and a review the row belongs to), turned into the options the user left unset. Null when the rows
 * name no analysis; a note alone when they span several analyses or RevMan's settings do not map.
 */
export function analysisSettingsFor(
  rows: readonly Row[],
  analyses: readonly Row[],
  given: ReadonlySet<'measure' | 'method' | 'level' | 'i2'>,
): ResolvedSettings | null {
  // Explicit options win: with both given, RevMan's settings play no part.
  if (given.has('measure') && given.has('method')) return null;
  const matched = new Set<Row>();
  for (const row of rows) {
    const number = text(row['analysis']);
    if (number === null) return null;
    const reviews = listOf(row['review']);
    const candidates = analyses.filter(
      (a) =>
        a['analysis'] === number &&
        (reviews.length === 0 || (typeof a['review_id'] === 'string' && reviews.includes(a['review_id']))),
    );
    if (candidates.length === 0) return null;
    for (const c of candidates) matched.add(c);
  }
  if (matched.size === 0) return null;
  const names = [...matched].map((a) => `${String(a['review_id'])} ${String(a['analysis'])}`);
  if (matched.size > 1)
    return {
      defaults: {},
      note: `the rows selected belong to several analyses (${names.join(', ')}): RevMan's settings are not applied; give --measure and --method`,
    };
  const [analysis] = [...matched] as [Row];
  const code = text(analysis['measure']) ?? '';
  const methodCell = text(analysis['method']);
  const method = methodCell === 'MH' || methodCell === 'IV' || methodCell === 'Peto' ? methodCell : null;
  const modelCell = text(analysis['model']);
  const random = modelCell === null ? null : modelCell === 'random';
  const level = typeof analysis['ci_total'] === 'number' ? analysis['ci_total'] : null;
  const measure = revmanMeasure(code);
  const poolMethod = revmanMethod(code, method, random);
  const said = describeSettings(code, method, random, level);
  const name = `analysis ${String(analysis['analysis'])} of ${String(analysis['review_id'])}`;
  if (!given.has('measure') && measure === null)
    return {
      defaults: {},
      note: `${name}: RevMan's measure ${code || '(none)'} is not one of RR, OR, RD, MD, SMD; give --measure`,
    };
  const defaults: AnalysisDefaults = {};
  if (!given.has('measure') && measure !== null) defaults.measure = measure;
  if (!given.has('method') && poolMethod !== null) defaults.method = poolMethod;
  // RevMan 5 (and R meta, Q.Cochrane) take the Q behind DL's tau² about the Mantel-Haenszel estimate.
  if (defaults.method === 'DL' && method === 'MH') defaults.qAbout = 'MH';
  if (!given.has('level') && level !== null) defaults.level = String(level);
  // RevMan computes I² from Q; with a --method of the user's own, metafor's I² stays.
  if (!given.has('i2') && defaults.method !== undefined) defaults.i2 = 'q';
  const used = [
    defaults.measure === undefined ? null : `--measure ${defaults.measure}`,
    defaults.method === undefined ? null : `--method ${defaults.method}`,
    defaults.level === undefined ? null : `--level ${defaults.level}`,
    defaults.i2 === undefined ? null : '--i2 q',
    defaults.qAbout === undefined
      ? null
      : '(Q about the Mantel-Haenszel estimate, as RevMan 5; --method DL takes it about the inverse-variance mean)',
  ].filter((p): p is string => p !== null);
  const kept = [...given].map((g) => `--${g}`);
  // Once the user gave --measure or --method, they know how to pool otherwise.
  // Peto's method is a common-effect method: a random-effects setting beside it is not applied.
  const petoRandom =
    defaults.method === 'Peto' && random === true
      ? "; Peto's method has no random effects here: pooled as common effect"
      : '';
  const hint = given.has('measure') || given.has('method') ? '' : '; give --measure or --method to pool otherwise';
  const chosen = [
    defaults.measure === undefined ? null : `--measure ${defaults.measure}`,
    defaults.method === undefined ? null : `--method ${defaults.method}`,
  ].filter((p): p is string => p !== null);
  const other = given.has('measure') ? '--method' : given.has('method') ? '--measure' : '--measure and --method';
  return {
    defaults,
    note: `${name} pooled with RevMan's settings (${said || 'none stored'}; analyses.csv): ${used.join(' ')}${kept.length > 0 ? `; your ${kept.join(', ')} kept` : ''}${petoRandom}${hint}`,
    ...(chosen.length > 0
      ? {
          chose: `${chosen.join(' ')} chosen by RevMan's settings of ${name} (analyses.csv); give ${other} to pool otherwise`,
        }
      : {}),
  };
}
