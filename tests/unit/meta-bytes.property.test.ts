import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/render/meta-bytes.js';

const DECODER = new TextDecoder();

function written(x: number): string {
  const w = new ByteWriter(64);
  w.number(x);
  return DECODER.decode(w.take());
}

describe('ByteWriter.number prints String(x)', () => {
  it('over all doubles (fc.double with subnormals, -0, huge and tiny exponents)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(written(x)).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('over doubles in the range its exact arithmetic handles [1e-6, 1e16)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e16, noNaN: true }), fc.boolean(), (x, neg) => {
        const v = neg ? -x : x;
        expect(written(v)).toBe(String(v));
      }),
      { numRuns: 20_000 },
    );
  });

  it('over short decimals (what meta prints: 0.1+0.2, rounded estimates)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 22 }), (m, e) => {
        const x = m / 10 ** e;
        expect(written(x)).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('over every bit pattern whose exponent the fast path takes (2^-20 to 2^53), either sign', () => {
    const view = new DataView(new ArrayBuffer(8));
    fc.assert(
      fc.property(
        fc.integer({ min: 1003, max: 1076 }),
        fc.integer({ min: 0, max: 0xfffff }),
        fc.nat(),
        fc.boolean(),
        (e, hi, lo, neg) => {
          view.setUint32(0, ((neg ? 0x800 : 0) | e) * 0x100000 + hi);
          view.setUint32(4, lo >>> 0);
          const x = view.getFloat64(0);
          expect(written(x)).toBe(String(x));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('over integers (counts, safe integers and their halves and quarters)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 4 }), (n, k) => {
        const x = n / 2 ** k;
        expect(written(x)).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('over 15- to 17-digit decimals (where 16 and 17 digits part) and their neighbours', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n - 1n }), fc.integer({ min: -22, max: 0 }), (m, e) => {
        const x = Number(`${m}e${e}`);
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, x);
        const bits = view.getBigUint64(0);
        for (const d of [-1n, 0n, 1n]) {
          view.setBigUint64(0, bits + d);
          const y = view.getFloat64(0);
          expect(written(y)).toBe(String(y));
        }
      }),
      { numRuns: 8_000 },
    );
  });

  it('over numbers with few bits below the point (ties of two nearest decimals among them)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 70 }), (m, k) => {
        const x = m / 2 ** k;
        expect(written(x)).toBe(String(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('at boundaries and neighbours (1e21, 1e-7, 2^53, 5e-324, 0.1+0.2, -0)', () => {
    const seeds = [
      0,
      -0,
      5e-324,
      -5e-324,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      0.1 + 0.2,
      0.3,
      1 / 3,
      2 ** 53,
      2 ** 53 - 1,
      2 ** 53 + 2,
      1e21,
      1e21 - 65536,
      1e-7,
      1e-6,
      1e16,
      1e15,
      1e16 - 2,
      Number('123456789012345680'),
      1e22,
      1e23,
      5e-7,
      0.000001,
      0.0000011,
      1.7976931348623157e308,
      4.35,
      0.07,
      1.005,
      2.675,
      100,
      1e8,
      1e9,
      1e10,
    ];
    const bad: string[] = [];
    const f = new Float64Array(1);
    const u = new BigUint64Array(f.buffer);
    for (const s of seeds) {
      for (const sign of [1, -1]) {
        f[0] = s * sign;
        const base = u[0] ?? 0n;
        for (let d = -64n; d <= 64n; d++) {
          u[0] = base + d;
          const x = f[0] ?? 0;
          if (!Number.isFinite(x)) continue;
          const got = written(x);
          if (got !== String(x)) bad.push(`${String(x)} -> ${got}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('over every power of ten and its neighbours from 1e-10 to 1e22', () => {
    const bad: string[] = [];
    for (let e = -10; e <= 22; e++) {
      for (let m = 1; m <= 9; m++) {
        const x = Number(`${m}e${e}`);
        for (const y of [x, x * (1 + Number.EPSILON), x * (1 - Number.EPSILON)]) {
          if (written(y) !== String(y)) bad.push(`${String(y)} -> ${written(y)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
