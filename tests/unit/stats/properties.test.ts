import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { rmaMH } from '../../../src/core/stats/mantel-haenszel.js';
import { rmaPeto } from '../../../src/core/stats/peto.js';
import { rma } from '../../../src/core/stats/rma.js';
import type { Tau2Method } from '../../../src/core/stats/types.js';

const METHODS: Tau2Method[] = ['FE', 'DL', 'REML', 'ML', 'PM'];

/** k studies with effects in [-3, 3] and variances in [0.001, 2]. */
const studies = fc
  .integer({ min: 2, max: 40 })
  .chain((k) =>
    fc.tuple(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: k, maxLength: k }),
      fc.array(fc.double({ min: 0.001, max: 2, noNaN: true }), { minLength: k, maxLength: k }),
    ),
  );

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

describe('rma properties', () => {
  fcTest.prop([studies, fc.constantFrom(...METHODS)])('percent weights sum to 100', ([yi, vi], method) => {
    const r = rma(yi, vi, { method, tau2CI: false });
    expect(Math.abs(sum(r.weight) - 100)).toBeLessThan(1e-9);
    expect(r.weight.every((w) => w > 0)).toBe(true);
  });

  fcTest.prop([studies])('the FE estimate lies between the smallest and largest study estimate', ([yi, vi]) => {
    const r = rma(yi, vi, { method: 'FE', tau2CI: false });
    const slack = 1e-12 * (1 + Math.max(...yi.map(Math.abs)));
    expect(r.estimate).toBeGreaterThanOrEqual(Math.min(...yi) - slack);
    expect(r.estimate).toBeLessThanOrEqual(Math.max(...yi) + slack);
  });

  // Effects scattered much less than their standard errors: Q < k − 1 and the REML maximum is at τ² = 0.
  const homogeneous = fc
    .integer({ min: 2, max: 30 })
    .chain((k) =>
      fc.tuple(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: k, maxLength: k }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
      ),
    );
  fcTest.prop([homogeneous])('REML equals FE when τ² = 0', ([mu, noise, vi]) => {
    const yi = noise.map((e, i) => mu + e * Math.sqrt(vi[i] ?? 1));
    const reml = rma(yi, vi, { method: 'REML', tau2CI: false });
    const fe = rma(yi, vi, { method: 'FE', tau2CI: false });
    expect(reml.tau2).toBe(0);
    expect(reml.estimate).toBe(fe.estimate);
    expect(reml.se).toBe(fe.se);
    expect(reml.ci_lb).toBe(fe.ci_lb);
    expect(reml.weight).toEqual(fe.weight);
  });

  fcTest.prop([studies, fc.constantFrom<Tau2Method>('DL', 'REML', 'ML', 'PM')])(
    'τ² ≥ 0, I² in [0, 100), the PI contains the CI',
    ([yi, vi], method) => {
      const r = rma(yi, vi, { method, tau2CI: false });
      expect(r.tau2).toBeGreaterThanOrEqual(0);
      expect(r.I2).toBeGreaterThanOrEqual(0);
      expect(r.I2).toBeLessThan(100);
      expect(r.pi_lb).toBeLessThanOrEqual(r.ci_lb + 1e-12);
      expect(r.pi_ub).toBeGreaterThanOrEqual(r.ci_ub - 1e-12);
    },
  );

  fcTest.prop([studies])('the Q-profile CI of τ² widens with the level', ([yi, vi]) => {
    const narrow = rma(yi, vi, { method: 'PM', level: 0.5 });
    const wide = rma(yi, vi, { method: 'PM', level: 0.95 });
    expect(wide.tau2_ci_lb ?? 0).toBeLessThanOrEqual((narrow.tau2_ci_lb ?? 0) + 1e-12);
    expect(wide.tau2_ci_ub ?? 0).toBeGreaterThanOrEqual((narrow.tau2_ci_ub ?? 0) - 1e-12);
  });
});

describe('MH and Peto properties', () => {
  const table = fc.record({
    ai: fc.integer({ min: 1, max: 60 }),
    bi: fc.integer({ min: 1, max: 200 }),
    ci: fc.integer({ min: 1, max: 60 }),
    di: fc.integer({ min: 1, max: 200 }),
  });
  fcTest.prop([
    fc.array(table, { minLength: 1, maxLength: 20 }),
    fc.constantFrom<'RR' | 'OR' | 'RD'>('RR', 'OR', 'RD'),
  ])('MH and Peto weights sum to 100', (tables, measure) => {
    expect(Math.abs(sum(rmaMH(tables, measure).weight) - 100)).toBeLessThan(1e-9);
    expect(Math.abs(sum(rmaPeto(tables).weight) - 100)).toBeLessThan(1e-9);
  });
});
