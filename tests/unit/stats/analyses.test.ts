import { describe, expect, it } from 'vitest';
import { cumulative, stableOrder } from '../../../src/core/stats/cumulative.js';
import { eggerTest, eggerTestLm } from '../../../src/core/stats/egger.js';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { leaveOneOut } from '../../../src/core/stats/leave-one-out.js';
import { metaRegression } from '../../../src/core/stats/meta-regression.js';
import { subgroupAnalysis } from '../../../src/core/stats/subgroups.js';
import type { SequentialFits } from '../../../src/core/stats/types.js';
import { complete, dataset, extra, reference, yiviOf, type Num } from './fixtures.js';
import { expectAllClose, expectClose } from './helpers.js';

const REL = 1e-6;
const ABS = 1e-9;

const data = (name: string): { yi: number[]; vi: number[] } => complete(yiviOf(dataset(name)));

function compareSequential(
  ours: SequentialFits,
  ref: Record<string, Num[] | undefined>,
  what: string,
  fields: readonly (keyof SequentialFits)[],
): void {
  const refName: Partial<Record<keyof SequentialFits, string>> = { zval: 'stat' };
  for (const f of fields) {
    const expected = ref[refName[f] ?? f];
    if (expected === undefined) throw new Error(`${what}: fixture lacks ${f}`);
    expectAllClose(ours[f], expected, REL, ABS, `${what} ${f}`);
  }
}

const ALL: (keyof SequentialFits)[] = [
  'estimate',
  'se',
  'zval',
  'pval',
  'ci_lb',
  'ci_ub',
  'Q',
  'Qp',
  'tau2',
  'I2',
  'H2',
];

describe('leave-one-out and cumulative vs metafor leave1out / cumul (extra.json, tight)', () => {
  it.each(extra.sequential.map((c) => [`${c.kind} ${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.dataset);
    const opts = { method: c.method, test: c.test };
    // metafor reports no τ² for FE models (NA); ours is 0.
    const fields = c.method === 'FE' ? ALL.filter((f) => f !== 'tau2') : ALL;
    if (c.kind === 'leave1out') {
      compareSequential(leaveOneOut(yi, vi, opts), c as unknown as Record<string, Num[]>, name, fields);
    } else {
      const res = cumulative(yi, vi, { ...opts, order: c.order_key ?? [] });
      expect(res.order).toEqual(c.order);
      compareSequential(res, c as unknown as Record<string, Num[]>, name, fields);
    }
  });

  it('matches the *_tight fields of reference.json (bcg_RR_REML_leave1out / _cumul_year)', () => {
    const { yi, vi } = data('bcg_RR');
    const l1 = reference.bcg_RR_REML_leave1out as Record<string, number[]>;
    const ours = leaveOneOut(yi, vi);
    expectAllClose(ours.estimate, l1.estimate_tight ?? [], REL, ABS, 'l1o estimate_tight');
    expectAllClose(ours.se, l1.se_tight ?? [], REL, ABS, 'l1o se_tight');
    expectAllClose(ours.tau2, l1.tau2_tight ?? [], REL, ABS, 'l1o tau2_tight');
    expectAllClose(ours.I2, l1.I2_tight ?? [], REL, ABS, 'l1o I2_tight');
    expectAllClose(ours.Q, l1.Q ?? [], REL, ABS, 'l1o Q');
    expectAllClose(ours.Qp, l1.Qp ?? [], REL, ABS, 'l1o Qp');

    const cu = reference.bcg_RR_REML_cumul_year as Record<string, number[]> & { input: { year: number[] } };
    const res = cumulative(yi, vi, { order: cu.input.year });
    expect(res.order.map((i) => i + 1)).toEqual(cu.order_trial);
    expectAllClose(res.estimate, cu.estimate_tight ?? [], REL, ABS, 'cumul estimate_tight');
    expectAllClose(res.se, cu.se_tight ?? [], REL, ABS, 'cumul se_tight');
    expectAllClose(res.tau2, cu.tau2_tight ?? [], REL, ABS, 'cumul tau2_tight');
    expectAllClose(res.I2, cu.I2_tight ?? [], REL, ABS, 'cumul I2_tight');
    expectAllClose(res.Q, cu.Q ?? [], REL, ABS, 'cumul Q');
  });

  it('sorts ties stably, in either direction', () => {
    expect(stableOrder([1973, 1948, 1973, 1949])).toEqual([1, 3, 0, 2]);
    expect(stableOrder([1973, 1948, 1973, 1949], true)).toEqual([0, 2, 3, 1]);
    expect(() => stableOrder([1, Number.NaN])).toThrow(StatsInputError);
  });
});

describe("Egger's regression test (extra.json regtest, tight)", () => {
  it.each(extra.egger.map((c) => [`${c.dataset} ${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.dataset);
    const r = eggerTest(yi, vi, { method: c.method, test: c.test });
    expectClose(r.zval, c.rma.stat, REL, ABS, `${name} rma stat`);
    expectClose(r.pval, c.rma.pval, REL, ABS, `${name} rma pval`);
    expect(r.df).toBe(c.rma.df);
    expectClose(r.slope, c.rma.slope, REL, ABS, `${name} slope`);
    expectClose(r.slope_se, c.rma.slope_se, REL, ABS, `${name} slope_se`);
    expectClose(r.limit_estimate, c.rma.limit_estimate, REL, ABS, `${name} limit_estimate`);
    expectClose(r.limit_ci_lb, c.rma.limit_ci_lb, REL, ABS, `${name} limit_ci_lb`);
    expectClose(r.limit_ci_ub, c.rma.limit_ci_ub, REL, ABS, `${name} limit_ci_ub`);
    expectClose(r.tau2, c.rma.tau2, REL, ABS, `${name} tau2`);
    const l = eggerTestLm(yi, vi);
    for (const f of [
      'tval',
      'df',
      'pval',
      'intercept',
      'slope',
      'limit_estimate',
      'limit_ci_lb',
      'limit_ci_ub',
    ] as const) {
      expectClose(l[f], c.lm[f], REL, ABS, `${name} lm ${f}`);
    }
  });

  it('classic lm version matches reference.json bcg_RR_egger_lm', () => {
    const { yi, vi } = data('bcg_RR');
    const ref = reference.bcg_RR_egger_lm as Record<string, number>;
    const l = eggerTestLm(yi, vi);
    expectClose(l.tval, ref.tval, REL, ABS, 'tval');
    expect(l.df).toBe(ref.df);
    expectClose(l.pval, ref.pval, REL, ABS, 'pval');
    expectClose(l.intercept, ref.intercept, REL, ABS, 'intercept');
    expectClose(l.slope, ref.slope_sei, REL, ABS, 'slope_sei');
    expectClose(l.limit_ci_lb, ref.limit_ci_lb, REL, ABS, 'limit_ci_lb');
    expectClose(l.limit_ci_ub, ref.limit_ci_ub, REL, ABS, 'limit_ci_ub');
  });

  it('rma version agrees with reference.json bcg_RR_REML_egger_rma to its default REML tolerance', () => {
    const { yi, vi } = data('bcg_RR');
    const ref = reference.bcg_RR_REML_egger_rma as Record<string, number>;
    const r = eggerTest(yi, vi);
    // reference.json used metafor's default threshold (|Δτ²| < 1e-5); the tight values are in extra.json.
    expectClose(r.zval, ref.zval, 1e-4, 0, 'zval');
    expectClose(r.tau2, ref.tau2_residual, 1e-4, 0, 'tau2');
    expectClose(r.limit_estimate, ref.limit_estimate, 1e-4, 0, 'limit_estimate');
  });
});

describe('subgroups (extra.json; reference.json bcg_RR_subgroup_test_between)', () => {
  it.each(extra.subgroups.map((c) => [`${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.dataset);
    const r = subgroupAnalysis(yi, vi, c.groups_input, { method: c.method, test: c.test });
    expect(r.groups).toEqual(c.groups);
    c.fits.forEach((f, g) => {
      const ours = r.fits[g];
      if (ours === undefined) throw new Error('missing subgroup fit');
      expect(ours.k).toBe(f.k);
      for (const field of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2', 'I2', 'QE', 'pval'] as const)
        expectClose(ours[field], f[field], REL, ABS, `${name} g${g} ${field}`);
      expectClose(ours.tau2_ci_lb, f.tau2_ci_lb, REL, ABS, `${name} g${g} tau2_ci_lb`);
      expectClose(ours.tau2_ci_ub, f.tau2_ci_ub, REL, ABS, `${name} g${g} tau2_ci_ub`);
    });
    const t = r.tests;
    expectClose(t.Q_between_random, c.Q_between_random, REL, ABS, 'Q_between_random');
    expect(t.Q_between_random_df).toBe(c.Q_between_random_df);
    expectClose(t.Q_between_random_p, c.Q_between_random_p, REL, ABS, 'Q_between_random_p');
    expectClose(t.Q_between_fixed, c.Q_between_fixed, REL, ABS, 'Q_between_fixed');
    expectClose(t.Q_between_fixed_p, c.Q_between_fixed_p, REL, ABS, 'Q_between_fixed_p');
    expectClose(t.QM_common_tau2.QM, c.QM, REL, ABS, 'QM');
    expect(t.QM_common_tau2.QM_df).toBe(c.QM_df);
    expect(t.QM_common_tau2.QM_df2).toBe(c.QM_df2);
    expectClose(t.QM_common_tau2.QMp, c.QMp, REL, ABS, 'QMp');
  });

  it('reproduces the RevMan-style Q-between values of reference.json', () => {
    const ref = reference.bcg_RR_subgroup_test_between as Record<string, number | number[]> & {
      input: { alloc: string[] };
    };
    const { yi, vi } = data('bcg_RR');
    const r = subgroupAnalysis(yi, vi, ref.input.alloc);
    expectClose(r.tests.Q_between_fixed, ref.Q_between_fixed as number, REL, ABS, 'Q_between_fixed');
    const within = r.groups.map((_, g) => r.fits[g]?.QE ?? Number.NaN);
    expectAllClose(within, ref.Q_within_fixed as number[], REL, ABS, 'Q_within_fixed');
    const mods = reference.bcg_RR_REML_subgroup_test_mods as Record<string, number>;
    expectClose(r.tests.QM_common_tau2.QM, mods.QM_tight, REL, ABS, 'QM_tight');
  });

  it.each(['alternate', 'random', 'systematic'])(
    'per-subgroup REML fit matches reference.json bcg_RR_REML_subgroup_%s (tight)',
    (g) => {
      const ref = reference[`bcg_RR_REML_subgroup_${g}`] as Record<string, number> & { input: { alloc: string[] } };
      const { yi, vi } = data('bcg_RR');
      const r = subgroupAnalysis(yi, vi, ref.input.alloc);
      const fit = r.fits[r.groups.indexOf(g)];
      if (fit === undefined) throw new Error(`no subgroup ${g}`);
      expect(fit.k).toBe(ref.k);
      for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2', 'I2', 'H2', 'pi_lb', 'pi_ub'] as const) {
        expectClose(fit[f], ref[`${f}_tight`], REL, ABS, `${g} ${f}_tight`);
      }
      expectClose(fit.QE, ref.QE, REL, ABS, `${g} QE`);
      expectClose(fit.tau2_ci_lb, ref.tau2_ci_lb_tight, REL, ABS, `${g} tau2_ci_lb_tight`);
      expectClose(fit.tau2_ci_ub, ref.tau2_ci_ub_tight, REL, ABS, `${g} tau2_ci_ub_tight`);
    },
  );

  it('random-effects Q-between agrees with reference.json to the precision of its default-tolerance subgroup fits', () => {
    const ref = reference.bcg_RR_subgroup_test_between as Record<string, number> & { input: { alloc: string[] } };
    const { yi, vi } = data('bcg_RR');
    const r = subgroupAnalysis(yi, vi, ref.input.alloc);
    expectClose(r.tests.Q_between_random, ref.Q_between_random, 1e-5, 0, 'Q_between_random');
    expect(r.tests.Q_between_random_df).toBe(ref.Q_between_random_df);
  });

  it('rejects a single subgroup and mismatched labels', () => {
    expect(() => subgroupAnalysis([0.1, 0.2], [0.1, 0.1], ['a', 'a'])).toThrow(StatsInputError);
    expect(() => subgroupAnalysis([0.1, 0.2], [0.1, 0.1], ['a'])).toThrow(StatsInputError);
  });
});

describe('meta-regression (extra.json, metafor rma(mods = ~ ablat))', () => {
  it.each(extra.metaregression.map((c) => [`${c.method} ${c.test}`, c] as const))('%s', (name, c) => {
    const { yi, vi } = data(c.dataset);
    const r = metaRegression(yi, vi, [c.moderator], { method: c.method, test: c.test });
    for (const f of ['b', 'se', 'pval', 'ci_lb', 'ci_ub'] as const)
      expectAllClose(r[f], c[f], REL, ABS, `${name} ${f}`);
    expectAllClose(r.zval, c.stat, REL, ABS, `${name} stat`);
    for (const f of ['tau2', 'I2', 'H2', 'QE', 'QEp', 'QM', 'QMp'] as const)
      expectClose(r[f], c[f], REL, ABS, `${name} ${f}`);
    expect(r.QE_df).toBe(c.QE_df);
    expect(r.QM_df).toBe(c.QM_df);
    expect(r.QM_df2).toBe(c.QM_df2);
  });

  it('matches reference.json bcg_RR_REML_metareg_ablat (tight b, QM, I²)', () => {
    const ref = reference.bcg_RR_REML_metareg_ablat as Record<string, number | number[]> & {
      input: { ablat: number[] };
    };
    const { yi, vi } = data('bcg_RR');
    const r = metaRegression(yi, vi, [ref.input.ablat]);
    expectAllClose(r.b, ref.b_tight as number[], REL, ABS, 'b_tight');
    expectAllClose(r.se, ref.se_tight as number[], REL, ABS, 'se_tight');
    expectClose(r.tau2, ref.tau2_tight as number, REL, ABS, 'tau2_tight');
    expectClose(r.QM, ref.QM_tight as number, REL, ABS, 'QM_tight');
    expectClose(r.I2, ref.I2_tight as number, REL, ABS, 'I2_tight');
  });

  it('matches reference.json bcg_RR_REML_metareg_ablat_knha (tight b and se; F test df)', () => {
    const ref = reference.bcg_RR_REML_metareg_ablat_knha as Record<string, number | number[]> & {
      input: { ablat: number[] };
    };
    const { yi, vi } = data('bcg_RR');
    const r = metaRegression(yi, vi, [ref.input.ablat], { test: 'knha' });
    expectAllClose(r.b, ref.b_tight as number[], REL, ABS, 'b_tight');
    expectAllClose(r.se, ref.se_tight as number[], REL, ABS, 'se_tight');
    expectClose(r.QM, ref.QM_tight as number, REL, ABS, 'QM_tight');
    expect([r.QM_df, r.QM_df2]).toEqual([ref.QM_df, ref.QM_df2]);
  });

  it('rejects collinear moderators', () => {
    expect(() => metaRegression([0.1, 0.2, 0.3], [0.1, 0.1, 0.1], [[1, 1, 1]])).toThrow(StatsInputError);
  });
});
