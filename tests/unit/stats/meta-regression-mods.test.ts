import { describe, expect, it } from 'vitest';
import { metaRegression } from '../../../src/core/stats/meta-regression.js';
import { expectAllClose, expectClose } from './helpers.js';
import { issue17 } from './issue17-fixtures.js';

const input = issue17.mods_input;
const dummy = (level: string) => input.alloc.map((a) => (a === level ? 1 : 0));
// R's factor(alloc): levels sorted, the first (alternate) is the reference.
const MODS: Record<string, number[][]> = {
  ablat: [input.ablat],
  ablat_year: [input.ablat, input.year],
  alloc: [dummy('random'), dummy('systematic')],
  ablat_alloc: [input.ablat, dummy('random'), dummy('systematic')],
};

describe('metaRegression vs metafor rma(yi, vi, mods = ...) on dat.bcg (issue17.json)', () => {
  it.each(issue17.metaregression.map((c) => [`~${c.mods} ${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const mods = MODS[c.mods];
    if (!mods) throw new Error(`no moderators for ${c.mods}`);
    const r = metaRegression(input.yi, input.vi, mods, { method: c.method, test: c.test, tol: 1e-14, maxIter: 10000 });
    expect(r.p).toBe(c.p);
    for (const f of ['b', 'se', 'zval', 'pval', 'ci_lb', 'ci_ub'] as const)
      expectAllClose(r[f], c[f], 1e-6, 1e-9, `${name} ${f}`);
    for (const f of ['QM', 'QMp', 'QE', 'QEp', 'tau2', 'I2', 'H2'] as const)
      expectClose(r[f], c[f], 1e-6, 1e-9, `${name} ${f}`);
    expectClose(r.R2, c.R2, 1e-6, 1e-9, `${name} R2`);
    expect(r.QM_df).toBe(c.QMdf[0]);
    expect(r.QE_df).toBe(c.QE_df);
    if (c.test === 'knha') expect(r.df).toBe(c.df);
  });
});
