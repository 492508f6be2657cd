import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { clopperPearson, clopperPearsonUpper, wilson } from '../../../src/core/stats/intervals.js';
import { expectClose, loadFixture } from './helpers.js';

interface BinomCase {
  label: string;
  x: number;
  n: number;
  level: number;
  estimate: number;
  cp_lb: number;
  cp_ub: number;
  cp_one_sided_ub: number;
  wilson_lb: number;
  wilson_ub: number;
}

const { cases } = loadFixture<{ cases: BinomCase[] }>('r/binom.json');
const REL = 1e-9;
// Bounds that are exactly 0 in R are exactly 0 here; the floor only guards against -0 vs 0.
const ABS = 1e-300;

describe('binomial intervals vs R (tests/fixtures/r/binom.json)', () => {
  it('covers the named studies and the edge cases', () => {
    const labels = new Set(cases.map((c) => c.label));
    for (const l of ['Soliday & Betts 72/81', 'Ternov 1/167', 'Ternov 35/167', 'Carlsson 16/34', 'Carlsson 2/16']) {
      expect(labels.has(l)).toBe(true);
    }
    expect(cases.some((c) => c.x === 0)).toBe(true);
    expect(cases.some((c) => c.x === c.n && c.n > 1)).toBe(true);
    expect(cases.some((c) => c.n === 1)).toBe(true);
    expect(cases.some((c) => c.n >= 100000)).toBe(true);
  });

  it.each(cases.map((c) => [`${c.label} ${c.x}/${c.n} @${c.level}`, c] as const))('%s', (_name, c) => {
    const cp = clopperPearson(c.x, c.n, c.level);
    expectClose(cp.estimate, c.estimate, REL, ABS, 'estimate');
    expectClose(cp.lower, c.cp_lb, REL, ABS, 'cp_lb');
    expectClose(cp.upper, c.cp_ub, REL, ABS, 'cp_ub');
    expect(cp.kind).toBe('two-sided');
    const one = clopperPearsonUpper(c.x, c.n, c.level);
    expect(one.lower).toBe(0);
    expectClose(one.upper, c.cp_one_sided_ub, REL, ABS, 'cp_one_sided_ub');
    const w = wilson(c.x, c.n, c.level);
    expectClose(w.lower, c.wilson_lb, REL, ABS, 'wilson_lb');
    expectClose(w.upper, c.wilson_ub, REL, ABS, 'wilson_ub');
  });
});

describe('binomial intervals vs reference.json binom_ci (95%)', () => {
  const ref =
    loadFixture<Record<string, Record<string, number[] | Record<string, number[]>>>>('metafor/reference.json').binom_ci;
  const input = ref?.input as { x: number[]; n: number[] };
  it.each(input.x.map((x, i) => [x, input.n[i] ?? 0, i] as const))('%i/%i', (x, n, i) => {
    const col = (name: string): number => (ref?.[name] as number[])[i] ?? Number.NaN;
    const cp = clopperPearson(x, n);
    expectClose(cp.lower, col('clopper_pearson_lb'), REL, ABS, 'cp lb');
    expectClose(cp.upper, col('clopper_pearson_ub'), REL, ABS, 'cp ub');
    const w = wilson(x, n);
    expectClose(w.lower, col('wilson_lb'), REL, ABS, 'wilson lb');
    expectClose(w.upper, col('wilson_ub'), REL, ABS, 'wilson ub');
  });
});

describe('Clopper-Pearson with zero events', () => {
  it('returns the one-sided upper limit 1 - alpha^(1/n) when asked, and says so', () => {
    const r = clopperPearson(0, 167, 0.95, { zeroEvents: 'one-sided-upper' });
    expect(r.kind).toBe('one-sided-upper');
    expect(r.lower).toBe(0);
    expectClose(r.upper, 1 - Math.pow(0.05, 1 / 167), 1e-12);
  });
  it('keeps the two-sided interval by default', () => {
    const r = clopperPearson(0, 167);
    expect(r.kind).toBe('two-sided');
    expectClose(r.upper, 1 - Math.pow(0.025, 1 / 167), 1e-12);
  });
  it('ignores the option when x > 0', () => {
    expect(clopperPearson(3, 10, 0.95, { zeroEvents: 'one-sided-upper' }).kind).toBe('two-sided');
  });
});

describe('input validation', () => {
  it.each([
    [1, 0],
    [-1, 5],
    [6, 5],
    [1.5, 5],
    [1, 2.5],
  ])('rejects x=%s n=%s', (x, n) => {
    expect(() => wilson(x, n)).toThrow(StatsInputError);
    expect(() => clopperPearson(x, n)).toThrow(StatsInputError);
  });
  it('rejects a level outside (0, 1)', () => {
    expect(() => wilson(1, 5, 1)).toThrow(StatsInputError);
    expect(() => clopperPearson(1, 5, 0)).toThrow(StatsInputError);
  });
});

describe('properties', () => {
  const counts = fc
    .integer({ min: 1, max: 5000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const levels = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

  fcTest.prop([counts, levels])(
    'Wilson and Clopper-Pearson contain the estimate and lie in [0, 1]',
    ([x, n], level) => {
      for (const r of [wilson(x, n, level), clopperPearson(x, n, level)]) {
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
      }
    },
  );

  fcTest.prop([counts])('the Clopper-Pearson interval is wider at a higher level', ([x, n]) => {
    const a = clopperPearson(x, n, 0.9);
    const b = clopperPearson(x, n, 0.99);
    expect(b.lower).toBeLessThanOrEqual(a.lower);
    expect(b.upper).toBeGreaterThanOrEqual(a.upper);
  });
});
