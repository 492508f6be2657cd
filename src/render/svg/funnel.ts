/** A meta-analysis as a funnel-plot spec: the points, the region, and Egger's test in words. */
import type { FunnelSpec } from '../../core/plot/funnel.js';
import type { MetaResult } from '../../core/meta/analysis.js';
import { backTransform, normalQuantile } from '../../core/stats/index.js';
import { levelText } from '../notes.js';
import { MEASURE_TITLE, modelName, pText, value } from './forest.js';

function fixed(x: number, digits: number): string {
  return x.toFixed(digits).replace(/^-/, '−');
}

/** Egger's test as a caption line, or why there is none. */
function eggerText(result: MetaResult, unavailable: string | null): string {
  const e = result.egger;
  if (!e) return `Egger's regression test: ${unavailable ?? 'not run'}.`;
  const statistic = e.df === null ? `z = ${fixed(e.zval, 2)}` : `t = ${fixed(e.zval, 2)} (df = ${e.df})`;
  const few = result.k < 10 ? ' With fewer than 10 studies the test has little power.' : '';
  return `Egger's regression test (metafor regtest: ${result.method === 'FE' ? 'common-effect' : 'mixed-effects'} meta-regression on the standard error): ${statistic}, ${pText(e.pval)}; limit estimate as SE → 0: ${value(result, backOf(result, e.limit_estimate))} [${value(result, backOf(result, e.limit_ci_lb))}, ${value(result, backOf(result, e.limit_ci_ub))}].${few}`;
}

/** The natural scale, as the rest of the picture is labelled. */
function backOf(result: MetaResult, x: number): number {
  return backTransform(result.measure, x, result.ni ? { ni: result.ni } : {});
}

export function funnelAltText(result: MetaResult, unavailable: string | null): string {
  const e = result.egger;
  const test = e ? `Egger's test ${pText(e.pval)}` : `no Egger's test (${unavailable ?? 'not run'})`;
  return `Funnel plot of ${result.k} studies: ${MEASURE_TITLE[result.measure].toLowerCase()} against standard error around the pooled estimate ${value(result, result.transformed.estimate)}; ${test}.`;
}

export function funnelSpec(
  result: MetaResult,
  options: { title?: string; unavailable: string | null },
  filters: readonly string[],
): FunnelSpec {
  const level = levelText(result.level);
  return {
    title:
      options.title ??
      `Funnel plot: ${MEASURE_TITLE[result.measure].toLowerCase()}, ${result.k} ${result.k === 1 ? 'study' : 'studies'}`,
    desc: funnelAltText(result, options.unavailable),
    measure: result.measure,
    ni: result.ni,
    points: result.studies.map((s) => ({ id: s.study_id, label: s.label, yi: s.yi, se: Math.sqrt(s.vi) })),
    estimate: result.estimate,
    z: normalQuantile(1 - (1 - result.level) / 2),
    regionLabel: `pseudo ${level} confidence region: pooled estimate ± ${fixed(normalQuantile(1 - (1 - result.level) / 2), 2)} × SE`,
    axisTitle: `${MEASURE_TITLE[result.measure]}${result.measure === 'RR' || result.measure === 'OR' ? ' (log scale)' : ''}`,
    caption: [
      `Vertical line: pooled estimate ${value(result, result.transformed.estimate)}, ${modelName(result).replace(/^R|^C/, (c) => c.toLowerCase())}; shaded: pseudo ${level} confidence region, estimate ± ${fixed(normalQuantile(1 - (1 - result.level) / 2), 2)} × SE.`,
      eggerText(result, options.unavailable),
      ...(filters.length > 0 ? [`Selection: ${filters.join('; ')}`] : []),
    ],
  };
}
