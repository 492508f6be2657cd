import { describe, expect, it } from 'vitest';
import { metaRegression } from '../../../src/core/stats/meta-regression.js';
import { rma } from '../../../src/core/stats/rma.js';
import type { Tau2Method, TestType } from '../../../src/core/stats/types.js';
import { expectAllClose, expectClose } from './helpers.js';
import { issue17, type MetaRegressionFixture } from './issue17-fixtures.js';

interface EstimatorCase {
  data: string;
  method: Tau2Method;
  test: TestType;
  [field: string]: number | string;
}
const cases = (issue17 as unknown as { estimators: EstimatorCase[] }).estimators;
const mods = (issue17 as unknown as { metaregression_estimators: MetaRegressionFixture[] }).metaregression_estimators;
const FIELDS = ['estimate', 'se', 'pval', 'ci_lb', 'ci_ub', 'tau2', 'I2', 'H2', 'QE'] as const;
const CI = ['tau2_ci_lb', 'tau2_ci_ub', 'I2_ci_lb', 'I2_ci_ub', 'H2_ci_lb', 'H2_ci_ub'] as const;

describe('tau² estimators HE, HS, SJ, EB and the I²/H² CIs vs metafor rma + confint (issue17.json)', () => {
  it.each(cases.map((c) => [`${c.data} ${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const d = issue17.bias_input[c.data];
    if (!d) throw new Error(`no data ${c.data}`);
    const r = rma(d.yi, d.vi, { method: c.method, test: c.test, tol: 1e-14, maxIter: 10000 });
    for (const f of FIELDS) expectClose(r[f], c[f] as number, 1e-6, 1e-9, `${name} ${f}`);
    for (const f of CI) expectClose(r[f], c[f] as number, 1e-6, 1e-9, `${name} ${f}`);
  });

  it.each(mods.map((c) => [`~ablat ${c.method} ${c.test}`, c] as const))('meta-regression %s', (name, c) => {
    const input = issue17.mods_input;
    const r = metaRegression(input.yi, input.vi, [input.ablat], {
      method: c.method as Tau2Method,
      test: c.test,
      tol: 1e-14,
      maxIter: 10000,
    });
    for (const f of ['b', 'se', 'pval', 'ci_lb', 'ci_ub'] as const)
      expectAllClose(r[f], c[f], 1e-6, 1e-9, `${name} ${f}`);
    for (const f of ['QM', 'QMp', 'QE', 'tau2', 'I2', 'H2'] as const)
      expectClose(r[f], c[f], 1e-6, 1e-9, `${name} ${f}`);
    expectClose(r.R2, c.R2 ?? null, 1e-6, 1e-9, `${name} R2`);
    expect(r.QM_df).toBe(1);
  });
});
