/**
 * Sections of the meta-analysis printout added by issue 17 (meta-regression, publication bias),
 * each a function from the result to its lines, so that the forest plot's renderer only calls them.
 * Values are on the analysis scale (log RR, log OR, ...), as metafor prints a model's coefficients.
 */
import type { MetaResult } from '../core/meta/analysis.js';
import { RANKTEST_EXACT_MAX_K } from '../core/stats/ranktest.js';
import { withThousands } from './format.js';
import { levelText } from './notes.js';

function num(value: number | null, digits = 4): string {
  return value === null || !Number.isFinite(value) ? '' : withThousands(value.toFixed(digits));
}

function pText(value: number): string {
  return value < 0.0001 ? 'p < 0.0001' : `p = ${value.toFixed(4)}`;
}

/**
 * A name made from data cells (a moderator's level) as inert text: anything but letters, digits,
 * spaces and plain punctuation becomes "?", so that no cell can add Markdown or HTML to a report.
 * JSON keeps the names as they are.
 */
function inert(text: string): string {
  return text.replace(/[^\p{L}\p{N} _.,:;()+\-/%=]/gu, '?');
}

/** The scale the model works on, in plain words unless `verbose` (which keeps metafor's "analysis scale"). */
function scale(result: MetaResult, verbose: boolean): string {
  if (verbose) return 'analysis scale';
  if (['RR', 'OR', 'IRR', 'ROM', 'MNLN'].includes(result.measure)) return 'log scale';
  if (result.measure === 'PLO') return 'logit scale';
  if (result.measure === 'PFT' || result.measure === 'PAS') return 'arcsine scale';
  if (result.measure === 'ZCOR') return "Fisher's z scale";
  return 'scale of the measure';
}

/** The meta-regression: a coefficient table, the omnibus test QM and the residual heterogeneity. */
export function metaRegressionLines(result: MetaResult, verbose = true): string[] {
  const r = result.meta_regression;
  if (!r) return [];
  const model = result.method === 'FE' ? 'fixed-effects' : `mixed-effects, tau² by ${result.method}`;
  const refs = r.reference_levels.map((x) => `${x.moderator} = ${inert(x.level)}`).join(', ');
  const names = r.coef_names.map(inert);
  const stat = r.tval ? 't' : 'z';
  const width = Math.max(12, ...names.map((n) => n.length));
  const head = `  ${'coefficient'.padEnd(width)} ${'estimate'.padStart(10)} ${'SE'.padStart(9)} ${stat.padStart(8)} ${'p'.padStart(8)}  ${levelText(result.level)} CI`;
  const rows = names.map((name, j) => {
    const s = (r.tval ?? r.zval ?? [])[j] ?? NaN;
    const pv = r.pval[j] ?? NaN;
    return `  ${name.padEnd(width)} ${num(r.b[j] ?? NaN).padStart(10)} ${num(r.se[j] ?? NaN).padStart(9)} ${num(s, 2).padStart(8)} ${(pv < 0.0001 ? '<0.0001' : pv.toFixed(4)).padStart(8)}  [${num(r.ci_lb[j] ?? NaN)}, ${num(r.ci_ub[j] ?? NaN)}]`;
  });
  const qm =
    r.QMdf[1] === null
      ? `QM = ${num(r.QM, 2)} (df = ${r.QMdf[0]}, ${pText(r.QMp)})`
      : `F(${r.QMdf[0]}, ${r.QMdf[1]}) = ${num(r.QM, 2)} (${pText(r.QMp)})`;
  const residual =
    result.method === 'FE'
      ? `QE = ${num(r.QE, 2)} (df = ${r.QE_df}, ${pText(r.QEp)})`
      : `tau² = ${num(r.tau2)}, I² = ${num(r.I2, 1)}%, H² = ${num(r.H2, 2)}, QE = ${num(r.QE, 2)} (df = ${r.QE_df}, ${pText(r.QEp)})`;
  return [
    '',
    `Meta-regression (${model}; k = ${r.k}; ${scale(result, verbose)}${refs ? `; reference level ${refs}` : ''}):`,
    head,
    ...rows,
    `Test of moderators: ${qm}`,
    `Residual heterogeneity: ${residual}${r.R2 === null ? '' : `; R² = ${num(r.R2, 1)}% of tau² accounted for`}`,
  ];
}

const PROPORTIONS = new Set(['PLO', 'PR', 'PFT', 'PAS']);

/** A value on the scale people read (as the forest plot prints it). */
function readable(result: MetaResult, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  return PROPORTIONS.has(result.measure) ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

/** Trim-and-fill: how many studies were filled on which side, and the adjusted estimate. */
export function trimfillLines(result: MetaResult, verbose = true): string[] {
  const t = result.trimfill;
  if (!t) return [];
  const filled =
    t.k0 === 0
      ? 'no study filled; the estimate is unchanged'
      : `${t.k0} ${t.k0 === 1 ? 'study' : 'studies'} filled on the ${t.side} side (SE of k0 = ${num(t.se_k0, 2)}${t.p_k0 === null ? '' : `, p = ${t.p_k0.toFixed(4)}`})`;
  return [
    '',
    `Trim and fill (metafor trimfill, estimator ${t.estimator}): ${filled}.`,
    `  adjusted estimate (k = ${t.k}): ${readable(result, t.transformed.estimate)} [${readable(result, t.transformed.ci_lb)}, ${readable(result, t.transformed.ci_ub)}], ${pText(t.pval)}${verbose ? `; analysis scale ${num(t.estimate)} (SE ${num(t.se)})` : ''}`,
    '  Filled studies are mirror images, not data: the adjusted estimate is a sensitivity analysis.',
  ];
}

/** Begg's rank correlation test. */
export function rankTestLines(result: MetaResult): string[] {
  const r = result.ranktest;
  if (!r) return [];
  return [
    '',
    `Rank correlation test (Begg; metafor ranktest): Kendall's tau = ${num(r.tau, 4)}, ${pText(r.pval)} (${r.exact ? 'exact' : result.k > RANKTEST_EXACT_MAX_K ? `approximate, k > ${RANKTEST_EXACT_MAX_K}` : 'normal approximation, ties'}). With few studies the test has little power.`,
  ];
}

/** Fail-safe N, the three kinds. */
export function failsafeLines(result: MetaResult, verbose = true): string[] {
  const f = result.failsafe;
  if (!f) return [];
  const what = (x: (typeof f)[number]): string => {
    if (x.type === 'Rosenthal')
      return `Rosenthal ${x.fsnum} (observed one-sided p ${x.pval === null ? '' : x.pval < 0.0001 ? '< 0.0001' : x.pval.toFixed(4)}, α = ${x.alpha})`;
    if (x.type === 'Orwin')
      return `Orwin ${x.fsnum} (mean effect ${num(x.meanes)}, target ${num(x.target)}, ${scale(result, verbose)})`;
    return `Rosenberg ${x.fsnum} (weighted mean ${num(x.meanes)}, two-sided α = ${x.alpha})`;
  };
  return ['', `Fail-safe N (metafor fsn): ${f.map(what).join('; ')}.`];
}
