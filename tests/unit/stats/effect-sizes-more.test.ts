import { describe, expect, it } from 'vitest';
import {
  escalcChange,
  escalcCorrelation,
  escalcMeans,
  escalcRates,
  escalcROM,
  type YiVi,
} from '../../../src/core/stats/effect-sizes-more.js';
import { backTransform } from '../../../src/core/stats/back-transforms.js';
import { rma } from '../../../src/core/stats/rma.js';
import { expectAllClose, expectClose } from './helpers.js';
import { issue17 } from './issue17-fixtures.js';

type Input = Record<string, number[]>;
const rows = (input: Input, names: string[]) =>
  (input[names[0] ?? ''] ?? []).map((_, i) => Object.fromEntries(names.map((n) => [n, input[n]?.[i] ?? NaN])));

function compute(measure: string, input: Input): YiVi {
  switch (measure) {
    case 'IRR':
    case 'IRD':
      return escalcRates(measure, rows(input, ['x1i', 't1i', 'x2i', 't2i']) as never);
    case 'MN':
    case 'MNLN':
      return escalcMeans(measure, rows(input, ['mi', 'sdi', 'ni']) as never);
    case 'ROM':
      return escalcROM(rows(input, ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']) as never);
    case 'SMCR':
    case 'SMCC':
      return escalcChange(measure, rows(input, ['m1i', 'm2i', 'sd1i', 'sd2i', 'ni', 'ri']) as never);
    case 'COR':
    case 'ZCOR':
      return escalcCorrelation(measure, rows(input, ['ri', 'ni']) as never);
  }
  throw new Error(`no measure ${measure}`);
}

describe('escalc measures of issue 17 vs metafor (issue17.json), and their REML pools', () => {
  it('covers an IRR data set (with a zero count) and a pre/post SMCR data set', () => {
    const names = issue17.measures.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['hart_IRR', 'hart0_IRR', 'morris_SMCR']));
  });
  it.each(issue17.measures.map((m) => [m.name, m] as const))('%s', (name, m) => {
    const es = compute(m.measure, m.input as unknown as Input);
    expectAllClose(es.yi, m.yi, 1e-6, 1e-12, `${name} yi`);
    expectAllClose(es.vi, m.vi, 1e-6, 1e-12, `${name} vi`);
    const fit = rma(es.yi, es.vi, { tol: 1e-14, maxIter: 10000 });
    for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2'] as const)
      expectClose(fit[f], m.REML[f], 1e-6, 1e-10, `${name} ${f}`);
    const bt = (x: number) => backTransform(m.measure as never, x);
    expectClose(bt(fit.estimate), m.REML.pred_bt, 1e-6, 1e-10, `${name} pred_bt`);
    expectClose(bt(fit.ci_lb), m.REML.ci_lb_bt, 1e-6, 1e-10, `${name} ci_lb_bt`);
    expectClose(bt(fit.ci_ub), m.REML.ci_ub_bt, 1e-6, 1e-10, `${name} ci_ub_bt`);
  });
});
