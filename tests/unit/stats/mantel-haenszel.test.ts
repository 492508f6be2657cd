import { describe, expect, it } from 'vitest';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { rmaMH } from '../../../src/core/stats/mantel-haenszel.js';
import { rmaPeto } from '../../../src/core/stats/peto.js';
import type { MantelHaenszelOptions, PooledTablesResult } from '../../../src/core/stats/types.js';
import { extra, reference, tablesFrom, type PooledCase } from './fixtures.js';
import { expectAllClose, expectClose } from './helpers.js';

const REL = 1e-6;
const ABS = 1e-9;

const OPTIONS: Record<string, MantelHaenszelOptions> = {
  defaults: {},
  'drop00=FALSE, correct=FALSE': { drop00: false, correct: false },
  "add=0.25, to='all'": { add: 0.25, to: 'all' },
};

function run(c: PooledCase): PooledTablesResult & {
  CMH?: number | null;
  Tarone?: number | null;
  CMHp?: number | null;
  Tarone_p?: number | null;
} {
  const tables = tablesFrom(c.input);
  const opts = OPTIONS[c.options];
  if (opts === undefined) throw new Error(`unknown options ${c.options}`);
  return c.method === 'MH' ? rmaMH(tables, c.measure, opts) : rmaPeto(tables, opts);
}

describe('rmaMH / rmaPeto vs metafor rma.mh / rma.peto (extra.json)', () => {
  it.each(extra.pooled_tables.map((c) => [`${c.method} ${c.measure} ${c.data} (${c.options})`, c] as const))(
    '%s',
    (name, c) => {
      const r = run(c);
      const m = (f: string): string => `${name} ${f}`;
      expect(r.k).toBe(c.k);
      expect(r.k_yi).toBe(c.k_yi);
      for (const f of ['estimate', 'se', 'zval', 'pval', 'ci_lb', 'ci_ub', 'QE', 'QEp', 'I2', 'H2'] as const)
        expectClose(r[f], c[f], REL, ABS, m(f));
      expect(r.QE_df).toBe(c.QE_df);
      expectAllClose(r.yi, c.yi, REL, ABS, m('yi'));
      expectAllClose(r.vi, c.vi, REL, ABS, m('vi'));
      expectAllClose(r.weight, c.weights, REL, ABS, m('weights'));
      if (c.CMH !== undefined) {
        expectClose(r.CMH, c.CMH, REL, ABS, m('CMH'));
        expectClose(r.CMHp, c.CMHp, REL, ABS, m('CMHp'));
      }
      if (c.Tarone !== undefined) {
        expectClose(r.Tarone, c.Tarone, REL, ABS, m('Tarone'));
        expectClose(r.Tarone_p, c.Tarone_p, REL, ABS, m('Tarone_p'));
      }
    },
  );
});

describe('rmaMH / rmaPeto vs reference.json', () => {
  const cases = [
    ['bcg_RR_MH', 'MH', 'RR'],
    ['bcg_OR_MH', 'MH', 'OR'],
    ['bcg_OR_Peto', 'Peto', 'OR'],
    ['bcg5_zero_RR_MH', 'MH', 'RR'],
    ['bcg5_doublezero_RR_MH', 'MH', 'RR'],
  ] as const;
  it.each(cases.map((c) => [c[0], c] as const))('%s', (name, [, method, measure]) => {
    const ref = reference[name] as Record<string, number> & { input: Record<string, number[]> };
    const tables = tablesFrom(ref.input);
    const r = method === 'MH' ? rmaMH(tables, measure) : rmaPeto(tables);
    expect(r.k).toBe(ref.k);
    for (const f of ['estimate', 'se', 'zval', 'pval', 'ci_lb', 'ci_ub', 'QE', 'QEp', 'I2', 'H2'] as const)
      expectClose(r[f], ref[f], REL, ABS, `${name} ${f}`);
    expect(r.QE_df).toBe(ref.QE_df);
    expectClose(Math.exp(r.estimate), ref.estimate_exp, REL, ABS, `${name} estimate_exp`);
    if (ref.CMH !== undefined && 'CMH' in r) {
      expectClose(r.CMH, ref.CMH, REL, ABS, `${name} CMH`);
      expectClose(r.Tarone, ref.Tarone, REL, ABS, `${name} Tarone`);
    }
  });

  it('a double-zero table is kept for the MH estimate but dropped from QE (k_yi = k − 1)', () => {
    const ref = reference.bcg5_doublezero_RR_MH as { input: Record<string, number[]> };
    const r = rmaMH(tablesFrom(ref.input), 'RR');
    expect(r.k).toBe(5);
    expect(r.k_yi).toBe(4);
    expect(Number.isNaN(r.yi[0])).toBe(true);
  });
});

describe('input errors', () => {
  it('rejects k = 0, negative counts and unknown measures', () => {
    expect(() => rmaMH([], 'OR')).toThrow(StatsInputError);
    expect(() => rmaMH([{ ai: -1, bi: 2, ci: 3, di: 4 }], 'OR')).toThrow(StatsInputError);
    expect(() => rmaMH([{ ai: 1, bi: 2, ci: 3, di: 4 }], 'SMD' as never)).toThrow(StatsInputError);
    expect(() => rmaPeto([])).toThrow(StatsInputError);
  });
  it('rejects a pooled estimate that does not exist', () => {
    expect(() => rmaMH([{ ai: 0, bi: 10, ci: 0, di: 12 }], 'RR')).toThrow(StatsInputError);
    expect(() => rmaPeto([{ ai: 0, bi: 10, ci: 0, di: 12 }])).toThrow(StatsInputError);
  });
});
