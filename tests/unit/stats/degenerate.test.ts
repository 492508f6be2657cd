// Data at the edge of what a fit can do: each case once made a loop that never ended or a branch no
// input reached. metafor stops with an error on the same studies ("Fisher scoring algorithm did not
// converge"), checked with rma(yi, vi, method = "REML") on metafor 3.8-1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inverseVariance } from '../../../src/core/meta/analysis.js';
import { StatsConvergenceError, StatsInputError } from '../../../src/core/stats/errors.js';
import { escalc, escalcBinaryColumns, escalcMeansColumns } from '../../../src/core/stats/effect-sizes.js';
import { rma } from '../../../src/core/stats/rma.js';
import { runCli } from '../../helpers/run-cli.js';

// MD of three studies whose variances differ by 19 orders of magnitude (n = 2 per arm):
// yi = m1 - m2, vi = sd1²/2 + sd2²/2.
const MEANS = [
  { m1i: 83, sd1i: 100, n1i: 2, m2i: 0, sd2i: 100, n2i: 2 },
  { m1i: 13557000, sd1i: 14000000, n1i: 2, m2i: 0, sd2i: 14000000, n2i: 2 },
  { m1i: -370000000000, sd1i: 370000000000, n1i: 2, m2i: 0, sd2i: 370000000000, n2i: 2 },
];
const yi = MEANS.map((s) => s.m1i - s.m2i);
const vi = MEANS.map((s) => (s.sd1i * s.sd1i) / s.n1i + (s.sd2i * s.sd2i) / s.n2i);

describe('an information of 0 in Fisher scoring', () => {
  it('REML stops with a convergence error instead of halving an infinite step for ever', () => {
    expect(() => rma(yi, vi, { method: 'REML' })).toThrow(StatsConvergenceError);
  });

  it('the CLI says so in one line and exits 2, by the fast lane and by the general pipeline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-degenerate-'));
    const lines = MEANS.map((s, i) => [`s${i + 1}`, s.m1i, s.sd1i, s.n1i, s.m2i, s.sd2i, s.n2i].join(','));
    const text = `study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control\n${lines.join('\n')}\n`;
    writeFileSync(path.join(dir, 'plain.csv'), text);
    writeFileSync(path.join(dir, 'bom.csv'), `\ufeff${text}`);
    for (const file of ['plain.csv', 'bom.csv']) {
      const out = await runCli(['meta', '--data', file, '--measure', 'MD'], { cwd: dir });
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(
        /^error: Fisher scoring did not converge .*try another --method \(e\.g\. DL or PM\)\n$/,
      );
    }
    // The other estimators have no such step and pool these studies.
    expect(
      (await runCli(['meta', '--data', 'plain.csv', '--measure', 'MD', '--method', 'DL'], { cwd: dir })).code,
    ).toBe(0);
  });
});

describe("the fast lane's guards", () => {
  const tables = [
    { ai: 4, bi: 16, ci: 6, di: 16 },
    { ai: 10, bi: 40, ci: 14, di: 34 },
  ];
  const column = (key: 'ai' | 'bi' | 'ci' | 'di') => tables.map((t) => t[key]);

  it('escalc of columns gives what escalc of tables gives, for each 2×2 measure', () => {
    for (const measure of ['RR', 'OR', 'RD'] as const) {
      const columns = escalcBinaryColumns(measure, column('ai'), column('bi'), column('ci'), column('di'));
      const objects = escalc(measure, tables);
      expect(columns).toEqual({ yi: objects.yi, vi: objects.vi });
    }
    for (const measure of ['MD', 'SMD'] as const) {
      const pairs = MEANS.slice(0, 2);
      const columns = escalcMeansColumns(measure, {
        m1i: pairs.map((p) => p.m1i),
        sd1i: pairs.map((p) => p.sd1i),
        n1i: pairs.map((p) => p.n1i),
        m2i: pairs.map((p) => p.m2i),
        sd2i: pairs.map((p) => p.sd2i),
        n2i: pairs.map((p) => p.n2i),
      });
      const objects = escalc(measure, pairs);
      expect(columns).toEqual({ yi: objects.yi, vi: objects.vi });
    }
  });

  it('refuses a zero cell and a variance of 0, which the lane never hands them', () => {
    expect(() => escalcBinaryColumns('OR', [0], [5], [3], [4])).toThrow(StatsInputError);
    const zeroSd = { m1i: [1], sd1i: [0], n1i: [5], m2i: [2], sd2i: [0], n2i: [5] };
    expect(() => escalcMeansColumns('MD', zeroSd)).toThrow(StatsInputError);
  });

  it('an inverse-variance model refuses the methods that pool tables', () => {
    const studies = {
      study_id: ['a', 'b'],
      label: ['a', 'b'],
      basis: ['arms', 'arms'],
      yi,
      vi,
      ni: null,
      distinct: true,
    };
    const options = { measure: 'OR', test: 'z', level: 0.95, pi: 'default', i2: 'tau2' } as const;
    for (const method of ['MH', 'Peto'] as const)
      expect(() => inverseVariance(studies, { ...options, method }, { skipped: [], warnings: [] })).toThrow(
        /pools 2×2 tables/,
      );
  });
});
