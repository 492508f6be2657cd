import { describe, expect, it } from 'vitest';
import { backTransformPrediction } from '../../../src/core/stats/back-transforms.js';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { predictInterval } from '../../../src/core/stats/prediction.js';
import { rma, testStatistic } from '../../../src/core/stats/rma.js';
import type { Measure, RmaResult } from '../../../src/core/stats/types.js';
import { complete, dataset, extra, reference, yiviOf, type ModelCase } from './fixtures.js';
import { expectAllClose, expectClose } from './helpers.js';

const REL = 1e-6;
const ABS = 1e-9;

function fit(c: Pick<ModelCase, 'dataset' | 'method' | 'test'>): { res: RmaResult; ni: number[] | undefined } {
  const d = yiviOf(dataset(c.dataset));
  const { yi, vi } = complete(d);
  return { res: rma(yi, vi, { method: c.method, test: c.test }), ni: d.ni };
}

describe('rma vs metafor rma.uni, tight tolerances (extra.json: every data set x method x test)', () => {
  it('has all five methods and both tests for each data set', () => {
    expect(extra.models.length).toBe(Object.keys(extra.datasets).length * 10);
  });

  it.each(extra.models.map((c) => [`${c.dataset} ${c.method} ${c.test}`, c] as const))('%s', (_n, c) => {
    const { res, ni } = fit(c);
    const m = (what: string): string => `${c.dataset}/${c.method}/${c.test} ${what}`;
    expect(res.k).toBe(c.k);
    expect(res.test).toBe(c.test);
    expectClose(res.estimate, c.estimate, REL, ABS, m('estimate'));
    expectClose(res.se, c.se, REL, ABS, m('se'));
    expectClose(testStatistic(res), c.stat, REL, ABS, m('stat'));
    expectClose(res.pval, c.pval, REL, ABS, m('pval'));
    expectClose(res.ci_lb, c.ci_lb, REL, ABS, m('ci_lb'));
    expectClose(res.ci_ub, c.ci_ub, REL, ABS, m('ci_ub'));
    if (res.test === 'knha') expect(res.df).toBe(c.df);
    expectClose(res.tau2, c.tau2, REL, ABS, m('tau2'));
    expectClose(res.I2, c.I2, REL, ABS, m('I2'));
    expectClose(res.H2, c.H2, REL, ABS, m('H2'));
    expectClose(res.QE, c.QE, REL, ABS, m('QE'));
    expect(res.QE_df).toBe(c.QE_df);
    expectClose(res.QEp, c.QEp, REL, ABS, m('QEp'));
    expectClose(res.s2, c.s2, REL, ABS, m('s2'));
    expectAllClose(res.weight, c.weights, REL, ABS, m('weights'));
    if (c.method !== 'FE') {
      expectClose(res.pi_lb, c.pi_lb, REL, ABS, m('pi_lb'));
      expectClose(res.pi_ub, c.pi_ub, REL, ABS, m('pi_ub'));
      const pt = predictInterval(res, 't');
      expectClose(pt.pi_lb, c.pi_t_lb, REL, ABS, m('pi_t_lb'));
      expectClose(pt.pi_ub, c.pi_t_ub, REL, ABS, m('pi_t_ub'));
      const pr = predictInterval(res, 'riley');
      expectClose(pr.pi_lb, c.pi_riley_lb, REL, ABS, m('pi_riley_lb'));
      expectClose(pr.pi_ub, c.pi_riley_ub, REL, ABS, m('pi_riley_ub'));
      expectClose(res.tau2_ci_lb, c.tau2_ci_lb, REL, ABS, m('tau2_ci_lb'));
      expectClose(res.tau2_ci_ub, c.tau2_ci_ub, REL, ABS, m('tau2_ci_ub'));
      expectClose(res.I2_ci_lb, c.I2_ci_lb, REL, ABS, m('I2_ci_lb'));
      expectClose(res.I2_ci_ub, c.I2_ci_ub, REL, ABS, m('I2_ci_ub'));
      expectClose(res.H2_ci_lb, c.H2_ci_lb, REL, ABS, m('H2_ci_lb'));
      expectClose(res.H2_ci_ub, c.H2_ci_ub, REL, ABS, m('H2_ci_ub'));
    } else {
      // metafor's predict() gives no PI for FE models; ours equals the CI there (τ² = 0).
      expectClose(res.pi_lb, c.ci_lb, REL, ABS, m('pi_lb = ci_lb'));
      expect(res.tau2_ci_lb).toBeNull();
    }
    if (c.pred_bt !== undefined) {
      const measure = dataset(c.dataset).measure as Measure;
      const bt = backTransformPrediction(predictInterval(res), measure, ni === undefined ? {} : { ni });
      expectClose(bt.pred, c.pred_bt, REL, ABS, m('pred_bt'));
      expectClose(bt.ci_lb, c.ci_lb_bt, REL, ABS, m('ci_lb_bt'));
      expectClose(bt.ci_ub, c.ci_ub_bt, REL, ABS, m('ci_ub_bt'));
      if (c.pi_lb_bt !== undefined) {
        expectClose(bt.pi_lb, c.pi_lb_bt, REL, ABS, m('pi_lb_bt'));
        expectClose(bt.pi_ub, c.pi_ub_bt, REL, ABS, m('pi_ub_bt'));
      }
    }
  });
});

/** reference.json cases fitted with rma.uni: [case, data set, method, test]. */
const REFERENCE_MODELS = [
  ['bcg_RR_FE', 'bcg_RR', 'FE', 'z'],
  ['bcg_RR_DL', 'bcg_RR', 'DL', 'z'],
  ['bcg_RR_REML', 'bcg_RR', 'REML', 'z'],
  ['bcg_RR_PM', 'bcg_RR', 'PM', 'z'],
  ['bcg_RR_ML', 'bcg_RR', 'ML', 'z'],
  ['bcg_RR_REML_knha', 'bcg_RR', 'REML', 'knha'],
  ['bcg_RR_DL_knha', 'bcg_RR', 'DL', 'knha'],
  ['bcg_OR_REML', 'bcg_OR', 'REML', 'z'],
  ['bcg_RD_REML', 'bcg_RD', 'REML', 'z'],
  ['normand_MD_REML', 'normand_MD', 'REML', 'z'],
  ['normand_MD_DL', 'normand_MD', 'DL', 'z'],
  ['normand_SMD_REML', 'normand_SMD', 'REML', 'z'],
  ['normand_SMD_DL', 'normand_SMD', 'DL', 'z'],
  ['prop_PLO_REML', 'prop_PLO', 'REML', 'z'],
  ['prop_PLO_DL', 'prop_PLO', 'DL', 'z'],
  ['prop_PFT_REML', 'prop_PFT', 'REML', 'z'],
  ['prop_PFT_DL', 'prop_PFT', 'DL', 'z'],
  ['prop_PR_REML', 'prop_PR', 'REML', 'z'],
  ['prop_PR_DL', 'prop_PR', 'DL', 'z'],
  ['bcg5_zero_RR_REML', 'bcg5_zero_RR', 'REML', 'z'],
  ['bcg5_doublezero_RR_REML', 'bcg5_doublezero_RR', 'REML', 'z'],
] as const;

const ITERATIVE = new Set(['REML', 'ML', 'PM']);

describe('rma vs reference.json (metafor defaults; *_tight fields for iterative estimators)', () => {
  it.each(REFERENCE_MODELS.map((r) => [r[0], r] as const))('%s', (_n, [name, ds, method, test]) => {
    const ref = reference[name] as Record<string, number | number[] | null>;
    const { res, ni } = fit({ dataset: ds, method, test });
    const num = (f: string): number => ref[f] as number;
    // For iterative estimators only the *_tight fields are precise; the defaults stop at |Δτ²| < 1e-5.
    const pick = (f: string): number =>
      ITERATIVE.has(method) && ref[`${f}_tight`] !== undefined ? num(`${f}_tight`) : num(f);
    const m = (f: string): string => `${name} ${f}`;
    expect(res.k).toBe(num('k'));
    for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2', 'I2', 'H2'] as const)
      expectClose(res[f], pick(f), REL, ABS, m(f));
    expectClose(res.QE, num('QE'), REL, ABS, m('QE'));
    expectClose(res.QEp, num('QEp'), REL, ABS, m('QEp'));
    expectClose(res.s2, num('s2_typical'), REL, ABS, m('s2_typical'));
    if (!ITERATIVE.has(method)) {
      expectClose(testStatistic(res), num('zval'), REL, ABS, m('zval'));
      expectClose(res.pval, num('pval'), REL, ABS, m('pval'));
      expectAllClose(res.weight, ref.weights_percent as number[], REL, ABS, m('weights'));
    }
    if (method !== 'FE') {
      expectClose(res.pi_lb, pick('pi_lb'), REL, ABS, m('pi_lb'));
      expectClose(res.pi_ub, pick('pi_ub'), REL, ABS, m('pi_ub'));
      expectClose(res.tau2_ci_lb, num('tau2_ci_lb_tight'), REL, ABS, m('tau2_ci_lb_tight'));
      expectClose(res.tau2_ci_ub, num('tau2_ci_ub_tight'), REL, ABS, m('tau2_ci_ub_tight'));
      expectClose(res.I2_ci_lb, num('I2_ci_lb_tight'), REL, ABS, m('I2_ci_lb_tight'));
      expectClose(res.I2_ci_ub, num('I2_ci_ub_tight'), REL, ABS, m('I2_ci_ub_tight'));
    }
    if (ref.pi_hts_tk2_lb !== undefined && !ITERATIVE.has(method)) {
      const riley = predictInterval(res, 'riley');
      expectClose(riley.pi_lb, num('pi_hts_tk2_lb'), REL, ABS, m('pi_hts_tk2_lb'));
      expectClose(riley.pi_ub, num('pi_hts_tk2_ub'), REL, ABS, m('pi_hts_tk2_ub'));
    }
    if (ref.pred_bt !== undefined && !ITERATIVE.has(method)) {
      const measure = dataset(ds).measure as Measure;
      const bt = backTransformPrediction(predictInterval(res), measure, ni === undefined ? {} : { ni });
      expectClose(bt.pred, num('pred_bt'), REL, ABS, m('pred_bt'));
      expectClose(bt.ci_lb, num('ci_lb_bt'), REL, ABS, m('ci_lb_bt'));
      expectClose(bt.ci_ub, num('ci_ub_bt'), REL, ABS, m('ci_ub_bt'));
      if (ref.pi_lb_bt !== undefined) {
        expectClose(bt.pi_lb, num('pi_lb_bt'), REL, ABS, m('pi_lb_bt'));
        expectClose(bt.pi_ub, num('pi_ub_bt'), REL, ABS, m('pi_ub_bt'));
      }
    }
  });

  it('PFT: the back-transformed PI lower bound is truncated at 0 (prop_PFT_DL)', () => {
    const ref = reference.prop_PFT_DL as Record<string, number>;
    expect(ref.pi_lb_bt).toBe(0);
    const { res, ni } = fit({ dataset: 'prop_PFT', method: 'DL', test: 'z' });
    expect(backTransformPrediction(predictInterval(res), 'PFT', { ni: ni ?? [] }).pi_lb).toBe(0);
  });
});

describe('rma edge cases and input errors', () => {
  it('k = 1: τ² = 0, QE = 0, I² = 0, H² = 1, z test even when knha is asked', () => {
    const r = rma([0.5], [0.04], { test: 'knha' });
    expect(r.k).toBe(1);
    expect(r.tau2).toBe(0);
    expect(r.QE).toBe(0);
    expect(r.QEp).toBe(1);
    expect(r.I2).toBe(0);
    expect(r.H2).toBe(1);
    expect(r.test).toBe('z');
    expect(r.tau2_ci_lb).toBeNull();
    expectClose(r.se, 0.2, 1e-12);
  });
  it('throws StatsInputError for k = 0, negative or zero variances, NaN, length mismatch, unknown options', () => {
    expect(() => rma([], [])).toThrow(StatsInputError);
    expect(() => rma([0.1, 0.2], [0.1, -0.1])).toThrow(/negative/);
    expect(() => rma([0.1, 0.2], [0.1, 0])).toThrow(StatsInputError);
    expect(() => rma([0.1, Number.NaN], [0.1, 0.1])).toThrow(StatsInputError);
    expect(() => rma([0.1, 0.2], [0.1])).toThrow(StatsInputError);
    expect(() => rma([0.1, 0.2], [0.1, 0.1], { method: 'XX' as never })).toThrow(StatsInputError);
    expect(() => rma([0.1, 0.2], [0.1, 0.1], { test: 't' as never })).toThrow(StatsInputError);
    expect(() => rma([0.1, 0.2], [0.1, 0.1], { level: 95 })).toThrow(StatsInputError);
  });
  it('knhaAdhoc truncates the scale factor at 1 (metafor test = "adhoc")', () => {
    const d = complete(yiviOf(dataset('homogeneous')));
    const plain = rma(d.yi, d.vi, { method: 'REML', test: 'knha' });
    const adhoc = rma(d.yi, d.vi, { method: 'REML', test: 'knha', knhaAdhoc: true });
    expect(plain.se).toBeLessThan(adhoc.se);
    expectClose(adhoc.se, Math.sqrt(1 / d.vi.reduce((s, v) => s + 1 / v, 0)), 1e-12);
  });
  it("converges where metafor's plain Fisher scoring cycles (reference: metafor with stepadj = 0.5)", () => {
    const c = extra.fisher_cycle;
    expect(c.default_fails).toBe(true);
    const r = rma(c.yi, c.vi);
    expectClose(r.tau2, c.tau2, 1e-9, 0, 'tau2');
    expectClose(r.estimate, c.estimate, 1e-9, 0, 'estimate');
    expectClose(r.se, c.se, 1e-9, 0, 'se');
  });
  it('a k = 2 subgroup reports the Q-profile upper bound at the search limit 100', () => {
    const ref = reference.bcg_RR_REML_subgroup_alternate as Record<string, number>;
    expect(ref.tau2_ci_ub_tight).toBe(100);
    const d = complete(yiviOf(dataset('bcg_RR')));
    const idx = (reference.bcg_RR_REML_subgroup_alternate as { trials: number[] }).trials.map((t) => t - 1);
    const r = rma(
      idx.map((i) => d.yi[i] as number),
      idx.map((i) => d.vi[i] as number),
    );
    expect(r.tau2_ci_ub).toBe(100);
    expect(r.tau2_ci_ub_at_limit).toBe(true);
    expectClose(r.tau2_ci_lb, ref.tau2_ci_lb_tight, REL, ABS, 'tau2_ci_lb');
  });
});
