/**
 * The rank correlation test's two fast paths against their slow definitions: Knight's O(n log n)
 * Kendall score against the double loop over pairs, the O(n³) exact distribution against the direct
 * triple loop, exact integer counts (BigInt) and R's pkendall, and the Edgeworth approximation used
 * above RANKTEST_EXACT_MAX_K against the exact distribution at the first k it is used for.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  kendallCdf,
  kendallCdfEdgeworth,
  kendallDensity,
  kendallScore,
  rankTest,
  RANKTEST_EXACT_MAX_K,
} from '../../../src/core/stats/ranktest.js';
import { normalCdf } from '../../../src/core/stats/distributions.js';
import { expectClose, loadFixture } from './helpers.js';

interface RankFixture {
  ranktest: { data: string; k: number; tau: number; pval: number; yi: number[]; vi: number[] };
  pkendall: { n: number; q: number[]; p: (number | null)[] }[];
}
const fixture = loadFixture<RankFixture>('metafor/ranktest.json');

/** The definition: S by the double loop over pairs, tie groups by counting values. */
function slowScore(x: readonly number[], y: readonly number[]) {
  let s = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++)
      s += Math.sign((x[i] as number) - (x[j] as number)) * Math.sign((y[i] as number) - (y[j] as number));
  const groups = (v: readonly number[]) => {
    const counts = new Map<number, number>();
    for (const a of v) counts.set(a, (counts.get(a) ?? 0) + 1);
    return [...counts.values()].filter((c) => c > 1).sort((a, b) => a - b);
  };
  return { s, xTies: groups(x), yTies: groups(y) };
}

/** The code this replaced: the Mahonian distribution by a triple loop; P(T ≤ q) for q = 0..max. */
function directCdfs(n: number): number[] {
  let dist = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(dist.length + m - 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      const p = (dist[k] as number) / m;
      for (let j = 0; j < m; j++) next[k + j] = (next[k + j] as number) + p;
    }
    dist = next;
  }
  let s = 0;
  return dist.map((d) => Math.min(1, (s += d)));
}

/** P(T ≤ q) for each q as the exact fraction (Mahonian counts / n!) rounded to a double. */
function exactCdf(qs: readonly number[], n: number): number[] {
  const top = Math.max(...qs);
  let cur: bigint[] = [1n];
  for (let m = 2; m <= n; m++) {
    const next: bigint[] = [];
    let s = 0n;
    for (let k = 0; k <= Math.min(top, (m * (m - 1)) / 2); k++) {
      s += cur[k] ?? 0n;
      if (k >= m) s -= cur[k - m] ?? 0n;
      next.push(s);
    }
    cur = next;
  }
  let fact = 1n;
  for (let i = 2n; i <= BigInt(n); i++) fact *= i;
  return qs.map((q) => {
    let num = 0n;
    for (let k = 0; k <= q; k++) num += cur[k] ?? 0n;
    // 64 significant bits of num/fact, then scaled: exact to the last bit of a double.
    const shift = fact.toString(2).length - num.toString(2).length + 64;
    return Number((num << BigInt(shift)) / fact) / 2 ** shift;
  });
}

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('kendallScore (Knight) equals the double loop over pairs', () => {
  const sorted = (ts: number[]) => [...ts].sort((a, b) => a - b);
  const check = (x: number[], y: number[]) => {
    const fast = kendallScore(x, y);
    const slow = slowScore(x, y);
    expect(fast.s).toBe(slow.s);
    expect(Number.isInteger(fast.s)).toBe(true);
    expect(sorted(fast.xTies)).toEqual(slow.xTies);
    expect(sorted(fast.yTies)).toEqual(slow.yTies);
  };
  const pairs = (values: fc.Arbitrary<number>) =>
    fc
      .integer({ min: 0, max: 120 })
      .chain((n) =>
        fc.tuple(fc.array(values, { minLength: n, maxLength: n }), fc.array(values, { minLength: n, maxLength: n })),
      );
  fcTest.prop([pairs(fc.double({ noNaN: true, noDefaultInfinity: true }))], { numRuns: 300 })(
    'distinct doubles (ties rare, ±0 tied)',
    ([x, y]) => check(x, y),
  );
  fcTest.prop([pairs(fc.integer({ min: -3, max: 3 }))], { numRuns: 300 })(
    'small integers: many ties in x, y and both',
    ([x, y]) => check(x, y),
  );
  fcTest.prop([pairs(fc.constantFrom(-1e308, -2.5, -0, 0, 1e-320, 5e-324, 1, 1e308))], { numRuns: 300 })(
    'extreme and subnormal values',
    ([x, y]) => check(x, y),
  );
  it('all tied, sorted, reversed, and n = 0, 1', () => {
    check([], []);
    check([1], [2]);
    check([2, 2, 2, 2], [1, 2, 3, 4]);
    check([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]);
    check([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]);
  });
  it('NaN, or two equal infinities, make S NaN (sign(Inf − Inf) is NaN, as in R)', () => {
    expect(kendallScore([1, Number.NaN, 3], [1, 2, 3]).s).toBeNaN();
    expect(kendallScore([Infinity, 2, Infinity], [1, 2, 3]).s).toBeNaN();
    expect(kendallScore([Infinity, 2, -Infinity], [1, 2, 3]).s).toBe(slowScore([Infinity, 2, -Infinity], [1, 2, 3]).s);
  });
});

describe('kendallCdf: the exact distribution by running window sums', () => {
  it('equals the direct triple loop for every q, n ≤ 40 (relative 1e-14)', () => {
    for (let n = 1; n <= 40; n++) {
      const max = (n * (n - 1)) / 2;
      const direct = directCdfs(n);
      expect(kendallCdf(-1, n)).toBe(0);
      expect(kendallCdf(max + 1, n)).toBe(1);
      for (let q = 0; q <= max; q++) {
        const d = direct[q] as number;
        const f = kendallCdf(q, n);
        expect(Math.abs(f - d) <= 1e-14 * d, `n = ${n}, q = ${q}: ${f} vs ${d}`).toBe(true);
      }
    }
  });
  it.each([30, 80, 200])('equals the exact fraction (BigInt counts / n!) to 2e-15 at n = %i', (n) => {
    const max = (n * (n - 1)) / 2;
    const qs = [0, 1, 5, ...[0.01, 0.1, 0.25, 0.4, 0.49, 0.5].map((f) => Math.floor(max * f))];
    const exact = exactCdf(qs, n);
    qs.forEach((q, i) => {
      // 1/200! is below the smallest double: both are 0 there.
      expectClose(kendallCdf(q, n), exact[i], 2e-15, 1e-300, `q = ${q}`);
    });
    // The upper half is 1 − the mirrored lower tail.
    const e = exactCdf([Math.floor(max * 0.3) - 1], n)[0] as number;
    expect(relDiff(kendallCdf(max - Math.floor(max * 0.3), n), 1 - e)).toBeLessThan(2e-15);
  });
  it('the density sums to 1 with its mirror image', () => {
    const n = 41;
    const max = (n * (n - 1)) / 2;
    const d = kendallDensity(Math.floor(max / 2), n);
    let s = 0;
    for (let k = 0; k <= max; k++) s += d[Math.min(k, max - k)] as number;
    expect(Math.abs(s - 1)).toBeLessThan(1e-14);
  });
  describe("against R's pkendall (tests/fixtures/metafor/ranktest.json)", () => {
    it.each(fixture.pkendall.filter((c) => c.n <= 170).map((c) => [c.n, c] as const))('n = %i', (n, c) => {
      c.q.forEach((q, i) => expectClose(kendallCdf(q, n), c.p[i], 1e-12, 1e-300, `n = ${n}, q = ${q}`));
    });
    it('from n = 171 R has no answer (171! overflows a double: 0 or NaN); ours is a probability', () => {
      const c = fixture.pkendall.find((r) => r.n === 171);
      expect(c?.p.every((p) => p === 0 || p === null)).toBe(true);
      expect(c?.p.some((p) => p === null)).toBe(true);
      const p = kendallCdf(Math.floor((171 * 170) / 4), 171);
      expect(p).toBeGreaterThan(0.5);
      expect(p).toBeLessThan(0.51);
    });
  });
});

describe(`Edgeworth approximation above k = ${RANKTEST_EXACT_MAX_K}`, () => {
  // At the first k it is used for, every possible S, against the exact distribution.
  const n = RANKTEST_EXACT_MAX_K + 1;
  const half = Math.floor((n * (n - 1)) / 4);
  const density = kendallDensity(half, n);
  const errors: { p: number; approx: number }[] = [];
  let cdf = 0;
  for (let q = 0; q <= half; q++) {
    cdf += density[q] as number;
    errors.push({ p: Math.min(2 * cdf, 1), approx: Math.min(2 * kendallCdfEdgeworth(q, n), 1) });
  }
  it('two-sided p within 1e-9 of the exact one for every S (measured 6.4e-10)', () => {
    expect(errors.reduce((m, e) => Math.max(m, Math.abs(e.approx - e.p)), 0)).toBeLessThan(1e-9);
  });
  it.each([
    [1e-4, 1e-6],
    [1e-6, 1e-5],
    [1e-10, 1e-3],
    [1e-20, 0.1],
  ])('relative error for p ≥ %s below %s (measured 1.3e-7, 3.3e-6, 3.1e-4, 0.06)', (pMin, bound) => {
    const worst = errors.reduce((m, e) => (e.p >= pMin ? Math.max(m, relDiff(e.approx, e.p)) : m), 0);
    expect(worst).toBeLessThan(bound);
  });
  it('a plain normal approximation with continuity correction is off by up to 1e-4 here (why Edgeworth)', () => {
    const sd = Math.sqrt((n * (n - 1) * (2 * n + 5)) / 72);
    const mean = (n * (n - 1)) / 4;
    const normal = errors.map((e, q) => Math.abs(Math.min(2 * normalCdf((q + 0.5 - mean) / sd), 1) - e.p));
    expect(normal.reduce((m, x) => Math.max(m, x), 0)).toBeGreaterThan(5e-5);
  });
});

describe('rankTest: which p-value', () => {
  /** k studies with distinct yi and vi (no ties): tau about 0.17, p about 1e-15. */
  const studies = (k: number) => ({
    yi: Array.from({ length: k }, (_, i) => i / k + Math.sin(i)),
    vi: Array.from({ length: k }, (_, i) => 0.05 + i / k),
  });
  it.each([RANKTEST_EXACT_MAX_K, RANKTEST_EXACT_MAX_K + 1])('k = %i', (k) => {
    const { yi, vi } = studies(k);
    const r = rankTest(yi, vi);
    expect(r.exact).toBe(k <= RANKTEST_EXACT_MAX_K);
    // R's T and its smaller tail, doubled.
    const max = (k * (k - 1)) / 2;
    const q = Math.round(((r.tau + 1) * max) / 2);
    const tail = Math.min(q, max - q);
    const p = 2 * (r.exact ? kendallCdf(tail, k) : kendallCdfEdgeworth(tail, k));
    expect(r.pval).toBe(p);
    expect(p).toBeGreaterThan(1e-20);
    expect(p).toBeLessThan(1e-10);
  });
  it('metafor ranktest on dat.lehmann2018 (81 studies, exact in R)', () => {
    const c = fixture.ranktest;
    const r = rankTest(c.yi, c.vi);
    expect(c.yi).toHaveLength(c.k);
    expect(r.exact).toBe(true);
    expectClose(r.tau, c.tau, 1e-6, 1e-12, 'tau');
    expectClose(r.pval, c.pval, 1e-6, 1e-12, 'pval');
  });
});
