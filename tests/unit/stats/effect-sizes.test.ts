import { describe, expect, it } from 'vitest';
import {
  backTransform,
  harmonicMean,
  transfIarcsin,
  transfIlogit,
  transfIpft,
  transfIpftHm,
} from '../../../src/core/stats/back-transforms.js';
import { escalc, estimableStudies, hedgesCorrection } from '../../../src/core/stats/effect-sizes.js';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { yiViFromReportedCI } from '../../../src/core/stats/reported-effects.js';
import type { ZeroCellTarget } from '../../../src/core/stats/types.js';
import { countsFrom, extra, meanSdFrom, reference, tablesFrom, yiviOf } from './fixtures.js';
import { expectAllClose, expectClose } from './helpers.js';

const REL = 1e-9;
const ABS = 1e-12;

describe('escalc vs metafor escalc (extra.json data sets)', () => {
  it.each(Object.entries(extra.datasets).filter(([, d]) => d.measure !== 'generic'))('%s', (name, d) => {
    const ours = yiviOf(d);
    expectAllClose(ours.yi, d.yi, REL, ABS, `${name} yi`);
    expectAllClose(ours.vi, d.vi, REL, ABS, `${name} vi`);
  });
});

describe('escalc vs reference.json (yi, vi, sei and per-study 95% CIs)', () => {
  const cases = [
    ['bcg_RR_escalc', 'RR'],
    ['bcg_OR_REML', 'OR'],
    ['bcg_RD_REML', 'RD'],
    ['normand_MD_REML', 'MD'],
    ['normand_SMD_REML', 'SMD'],
    ['prop_PLO_REML', 'PLO'],
    ['prop_PFT_REML', 'PFT'],
    ['prop_PR_REML', 'PR'],
    ['bcg5_zero_RR_REML', 'RR'],
    ['bcg5_doublezero_RR_REML', 'RR'],
  ] as const;
  it.each(cases.map((c) => [c[0], c[1]] as const))('%s', (name, measure) => {
    const ref = reference[name] as Record<string, number[]> & { input: Record<string, number[]> };
    const es =
      measure === 'MD' || measure === 'SMD'
        ? escalc(measure, meanSdFrom(ref.input))
        : measure === 'PLO' || measure === 'PFT' || measure === 'PR'
          ? escalc(measure, countsFrom(ref.input))
          : escalc(measure, tablesFrom(ref.input));
    // Only bcg_RR_escalc keeps the per-study CIs: in the combined cases the model's ci_lb/ci_ub
    // share the key and win in the JSON.
    const fields =
      name === 'bcg_RR_escalc' ? (['yi', 'vi', 'sei', 'ci_lb', 'ci_ub'] as const) : (['yi', 'vi', 'sei'] as const);
    for (const f of fields) expectAllClose(es[f], ref[f] ?? [], REL, ABS, `${name} ${f}`);
  });

  it("Hedges' g uses the exact gamma correction, not 1 − 3/(4N − 9)", () => {
    const ref = reference.normand_SMD_REML as Record<string, number[]> & { input: Record<string, number[]> };
    const n1 = ref.input.n1i ?? [];
    const n2 = ref.input.n2i ?? [];
    const exact = n1.map((a, i) => hedgesCorrection(a + (n2[i] ?? 0) - 2));
    expectAllClose(exact, ref.hedges_cm_exact ?? [], 1e-12, 0, 'hedges_cm_exact');
    const approx = ref.hedges_J_approx_revman ?? [];
    expect(exact.some((c, i) => Math.abs(c - (approx[i] ?? 0)) > 1e-7)).toBe(true);
  });

  it('hedgesCorrection matches .cmicalc up to m = 1000 and 40-digit values beyond', () => {
    const t = extra.transforms;
    // metafor's exp(lgamma(m/2) − log(√(m/2)) − lgamma((m−1)/2)) loses digits to cancellation:
    // 2.4e-13 at m = 1000 and 1.8e-10 at m = 123456. Ours goes through log B((m−1)/2, 1/2).
    const upTo1000 = t.hedges_m.filter((m) => m <= 1000);
    expectAllClose(upTo1000.map(hedgesCorrection), t.hedges_c.slice(0, upTo1000.length), 1e-12, 0, 'cmi vs R');
    // mpmath, 40 digits: exp(loggamma(m/2) − log(sqrt(m/2)) − loggamma((m−1)/2)).
    /* eslint-disable no-loss-of-precision -- mpmath's digits as printed; the nearest double is meant */
    const exact: [number, number][] = [
      [2, 0.56418958354775628695],
      [10, 0.92274560805308710336],
      [1000, 0.99924978117971636752],
      [123456, 0.99999392494676734259],
    ];
    /* eslint-enable no-loss-of-precision */
    for (const [m, c] of exact) expectClose(hedgesCorrection(m), c, 1e-14, 0, `cmi(${m})`);
    expect(() => hedgesCorrection(1)).toThrow(StatsInputError);
  });
});

describe('zero cells: add / to / drop00 (extra.json zero_cells, metafor escalc)', () => {
  const tables = tablesFrom(extra.zero_cells.tables);
  it.each(extra.zero_cells.cases.map((c) => [`${c.measure} to=${c.to} add=${c.add} drop00=${c.drop00}`, c] as const))(
    '%s',
    (name, c) => {
      const to = c.to === 'default' ? undefined : (c.to as ZeroCellTarget);
      const opts = { ...(c.add === null ? {} : { add: c.add }), ...(to === undefined ? {} : { to }), drop00: c.drop00 };
      const es =
        c.measure === 'RR' || c.measure === 'OR' || c.measure === 'RD'
          ? escalc(c.measure, tables, opts)
          : escalc(
              c.measure,
              (c.xi ?? []).map((x, i) => ({ xi: x, ni: c.ni?.[i] ?? Number.NaN })),
              opts,
            );
      // metafor turns ±Inf into NA; ours are NaN — both mean "not estimable".
      expectAllClose(
        es.yi.map((v) => (Number.isFinite(v) ? v : Number.NaN)),
        c.yi,
        REL,
        ABS,
        `${name} yi`,
      );
      expectAllClose(
        es.vi.map((v) => (Number.isFinite(v) ? v : Number.NaN)),
        c.vi,
        REL,
        ABS,
        `${name} vi`,
      );
    },
  );

  it('flags corrected and dropped studies', () => {
    const dropped = escalc('RR', tables, { drop00: true });
    expect(dropped.dropped[0]).toBe(true);
    expect(dropped.corrected[0]).toBe(false);
    expect(estimableStudies(dropped)).toEqual([1, 2, 3, 4]);
    const kept = escalc('RR', tables);
    expect(kept.corrected).toEqual([true, false, false, false, false]);
    expect(estimableStudies(kept)).toEqual([0, 1, 2, 3, 4]);
    const none = escalc('RR', tables, { to: 'none' });
    expect(estimableStudies(none)).toEqual([1, 2, 3, 4]);
  });
});

describe('back-transforms vs metafor transf.*', () => {
  const t = extra.transforms;
  it('transf.ipft.hm (harmonic-mean n, clamped to [0, 1])', () => {
    expectAllClose(
      t.x.map((x) => transfIpftHm(x, t.ni)),
      t.ipft_hm,
      1e-12,
      1e-15,
      'ipft.hm',
    );
    expectAllClose(
      t.x.map((x) => transfIpft(x, 10)),
      t.ipft_n10,
      1e-12,
      1e-15,
      'ipft n=10',
    );
    expectClose(harmonicMean([2, 4, 4]), 3, 1e-15);
  });
  it('transf.iarcsin and transf.ilogit', () => {
    expectAllClose(t.x.map(transfIarcsin), t.iarcsin, 1e-13, 1e-15, 'iarcsin');
    expectAllClose(t.ilogit_x.map(transfIlogit), t.ilogit, 1e-13, 1e-300, 'ilogit');
  });
  it('backTransform picks the measure’s transform and needs ni for PFT', () => {
    expect(backTransform('RR', Math.log(2))).toBeCloseTo(2, 14);
    expect(backTransform('RD', -0.1)).toBe(-0.1);
    expect(() => backTransform('PFT', 0.1)).toThrow(StatsInputError);
  });
});

describe('reported effect + CI → yi/vi', () => {
  it.each(extra.reported_ci.map((c) => [`${c.scale} ${c.estimate} (${c.lower}, ${c.upper}) @${c.level}`, c] as const))(
    '%s',
    (_n, c) => {
      const r = yiViFromReportedCI(c.estimate, c.lower, c.upper, c.scale, c.level);
      expectClose(r.yi, c.yi, 1e-13, 0, 'yi');
      expectClose(r.sei, c.sei, 1e-13, 0, 'sei');
      expectClose(r.vi, c.sei * c.sei, 1e-13, 0, 'vi');
    },
  );
  it('rejects inconsistent reports', () => {
    expect(() => yiViFromReportedCI(0.5, 0.6, 0.9, 'ratio')).toThrow(StatsInputError);
    expect(() => yiViFromReportedCI(0.5, 0, 0.9, 'ratio')).toThrow(StatsInputError);
    expect(() => yiViFromReportedCI(0.5, 0.9, 0.4, 'difference')).toThrow(StatsInputError);
  });
});

describe('escalc input errors', () => {
  it('rejects unknown measures, missing fields and impossible counts', () => {
    expect(() => escalc('HR', [{ ai: 1, bi: 2, ci: 3, di: 4 }])).toThrow(/unknown measure/);
    expect(() => escalc('RR', [])).toThrow(StatsInputError);
    expect(() => escalc('RR', [{ xi: 1, ni: 2 }])).toThrow(/needs numeric fields/);
    expect(() => escalc('OR', [{ ai: -1, bi: 2, ci: 3, di: 4 }])).toThrow(StatsInputError);
    expect(() => escalc('PLO', [{ xi: 5, ni: 4 }])).toThrow(StatsInputError);
    expect(() => escalc('SMD', [{ m1i: 1, sd1i: -1, n1i: 5, m2i: 0, sd2i: 1, n2i: 5 }])).toThrow(StatsInputError);
    expect(() => escalc('RR', [{ ai: 1, bi: 2, ci: 3, di: 4 }], { to: 'some' as never })).toThrow(StatsInputError);
  });
});
