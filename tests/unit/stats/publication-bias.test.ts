import { describe, expect, it } from 'vitest';
import { failsafeN } from '../../../src/core/stats/failsafe.js';
import { rankTest } from '../../../src/core/stats/ranktest.js';
import { testStatistic } from '../../../src/core/stats/rma.js';
import { trimfill } from '../../../src/core/stats/trimfill.js';
import { expectAllClose, expectClose } from './helpers.js';
import { issue17 } from './issue17-fixtures.js';

const TIGHT = { tol: 1e-14, maxIter: 10000 };
function data(name: string): { yi: number[]; vi: number[] } {
  const d = issue17.bias_input[name];
  if (!d) throw new Error(`no data set ${name}`);
  return d;
}

describe('trimfill vs metafor trimfill.rma.uni (issue17.json)', () => {
  it('the fixtures include a case that fills at least five studies', () => {
    expect(Math.max(...issue17.trimfill.map((c) => c.k0))).toBeGreaterThanOrEqual(5);
  });
  it.each(issue17.trimfill.map((c) => [`${c.data} ${c.method} ${c.estimator}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.data);
    const r = trimfill(yi, vi, { method: c.method, estimator: c.estimator, ...TIGHT });
    expect(r.side).toBe(c.side);
    expect(r.k0).toBe(c.k0);
    expect(r.fit.k).toBe(c.k);
    expectClose(r.se_k0, c.se_k0, 1e-6, 1e-9, `${name} se_k0`);
    expectClose(r.p_k0, c.p_k0 ?? null, 1e-6, 1e-9, `${name} p_k0`);
    expectAllClose(r.yi_filled, c.yi_filled, 1e-6, 1e-9, `${name} yi_filled`);
    expectAllClose(r.vi_filled, c.vi_filled, 1e-6, 1e-9, `${name} vi_filled`);
    const f = r.fit;
    for (const [ours, theirs] of [
      ['estimate', 'estimate'],
      ['se', 'se'],
      ['pval', 'pval'],
      ['ci_lb', 'ci_lb'],
      ['ci_ub', 'ci_ub'],
      ['QE', 'QE'],
      ['QEp', 'QEp'],
      ['I2', 'I2'],
      ['H2', 'H2'],
    ] as const)
      expectClose(f[ours], c[theirs], 1e-6, 1e-9, `${name} ${ours}`);
    expectClose(testStatistic(f), c.zval, 1e-6, 1e-9, `${name} zval`);
    // metafor reports tau2 = 0 for FE fits too.
    expectClose(f.tau2, c.tau2, 1e-6, 1e-9, `${name} tau2`);
  });
});

describe('ranktest vs metafor ranktest (issue17.json)', () => {
  it.each(issue17.ranktest.map((c) => [c.data, c] as const))('%s', (name, c) => {
    const { yi, vi } = c.yi && c.vi ? { yi: c.yi, vi: c.vi } : data(c.data);
    const r = rankTest(yi, vi);
    expectClose(r.tau, c.tau, 1e-6, 1e-12, `${name} tau`);
    expectClose(r.pval, c.pval, 1e-6, 1e-12, `${name} pval`);
    expect(r.exact).toBe(c.data !== 'bcg_RR_rounded');
  });
});

describe('fsn vs metafor fsn (issue17.json)', () => {
  it.each(issue17.failsafe.map((c) => [`${c.data} ${c.type}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.data);
    const r = failsafeN(yi, vi, c.type);
    expect(r.fsnum).toBe(c.fsnum);
    expectClose(r.pval, c.pval ?? null, 1e-6, 1e-300, `${name} pval`);
    expectClose(r.meanes, c.meanes ?? null, 1e-6, 1e-12, `${name} meanes`);
    expectClose(r.target, c.target ?? null, 1e-6, 1e-12, `${name} target`);
  });
});
