import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaQuantile,
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareUpperTail,
  fUpperTail,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  tQuantile,
  tUpperTail,
} from '../../../src/core/stats/distributions.js';
import { StatsInputError } from '../../../src/core/stats/errors.js';
import { expectClose, loadFixture } from './helpers.js';

interface Case {
  fn: string;
  args: number[];
  value: number | null;
}
const { cases } = loadFixture<{ cases: Case[] }>('r/distributions.json');

const FUNCTIONS: Record<string, (...a: number[]) => number> = {
  qnorm: (p) => normalQuantile(p ?? NaN),
  pnorm: (x) => normalCdf(x ?? NaN),
  pnorm_upper: (x) => normalUpperTail(x ?? NaN),
  qt: (p, df) => tQuantile(p ?? NaN, df ?? NaN),
  pt_upper: (x, df) => tUpperTail(x ?? NaN, df ?? NaN),
  pchisq: (x, df) => chiSquareCdf(x ?? NaN, df ?? NaN),
  pchisq_upper: (x, df) => chiSquareUpperTail(x ?? NaN, df ?? NaN),
  qchisq: (p, df) => chiSquareQuantile(p ?? NaN, df ?? NaN),
  qbeta: (p, a, b) => betaQuantile(p ?? NaN, a ?? NaN, b ?? NaN),
  pbeta: (x, a, b) => betaCdf(x ?? NaN, a ?? NaN, b ?? NaN),
  pf_upper: (f, d1, d2) => fUpperTail(f ?? NaN, d1 ?? NaN, d2 ?? NaN),
};

describe('distribution functions vs R (tests/fixtures/r/distributions.json)', () => {
  it.each(cases.map((c) => [`${c.fn}(${c.args.join(', ')})`, c] as const))('%s', (name, c) => {
    const f = FUNCTIONS[c.fn];
    if (f === undefined) throw new Error(`no function ${c.fn}`);
    // Relative 1e-10 everywhere, including tails down to 1e-300 (upper tails are never 1 − cdf).
    expectClose(f(...c.args), c.value, 1e-10, 1e-300, name);
  });

  it('rejects probabilities outside [0, 1] and non-positive df', () => {
    expect(() => normalQuantile(1.5)).toThrow(StatsInputError);
    expect(() => tQuantile(0.5, 0)).toThrow(StatsInputError);
    expect(() => chiSquareUpperTail(1, -1)).toThrow(StatsInputError);
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(StatsInputError);
  });

  it('handles the ends of the probability scale', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(chiSquareQuantile(0, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
  });
});
