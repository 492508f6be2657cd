/**
 * Sections of the meta-analysis printout added by issue 17 (meta-regression, publication bias),
 * each a function from the result to its lines, so that the forest plot's renderer only calls them.
 * Values are on the analysis scale (log RR, log OR, ...), as metafor prints a model's coefficients.
 */
import type { MetaResult } from '../core/meta-analysis.js';
import { withThousands } from './format.js';
import { levelText } from './notes.js';

function num(value: number | null, digits = 4): string {
  return value === null || !Number.isFinite(value) ? '' : withThousands(value.toFixed(digits));
}

function pText(value: number): string {
  return value < 0.0001 ? 'p < 0.0001' : `p = ${value.toFixed(4)}`;
}

/** The meta-regression: a coefficient table, the omnibus test QM and the residual heterogeneity. */
export function metaRegressionLines(result: MetaResult): string[] {
  const r = result.meta_regression;
  if (!r) return [];
  const model = result.method === 'FE' ? 'fixed-effects' : `mixed-effects, tau² by ${result.method}`;
  const refs = r.reference_levels.map((x) => `${x.moderator} = ${x.level}`).join(', ');
  const stat = r.tval ? 't' : 'z';
  const width = Math.max(12, ...r.coef_names.map((n) => n.length));
  const head = `  ${'coefficient'.padEnd(width)} ${'estimate'.padStart(10)} ${'SE'.padStart(9)} ${stat.padStart(8)} ${'p'.padStart(8)}  ${levelText(result.level)} CI`;
  const rows = r.coef_names.map((name, j) => {
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
    `Meta-regression (${model}; k = ${r.k}; analysis scale${refs ? `; reference level ${refs}` : ''}):`,
    head,
    ...rows,
    `Test of moderators: ${qm}`,
    `Residual heterogeneity: ${residual}${r.R2 === null ? '' : `; R² = ${num(r.R2, 1)}% of tau² accounted for`}`,
  ];
}
