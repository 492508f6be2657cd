import { describe, expect, vi } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { ByteWriter, piece, plainTable } from '../../src/render/meta-bytes.js';

const decoder = new TextDecoder();

/** What the writer prints for x (a finite number). */
function printed(x: number): string {
  const out = new ByteWriter(16);
  out.number(x);
  return decoder.decode(out.take());
}

/** The double whose bits are those of `hi` and `lo` (any finite double, subnormals included). */
function fromBits(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

function neighbours(x: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return [-2n, -1n, 1n, 2n].map((d) => {
    view.setBigInt64(0, bits + d);
    return view.getFloat64(0);
  });
}

describe('ByteWriter.number', () => {
  // The reference is String(x) (ECMAScript Number::toString), which the CSV and JSON printed before.
  it.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('prints what String prints, for any double', (x) => {
    expect(printed(x)).toBe(String(x));
  });

  it.prop([fc.integer({ min: 0, max: 0x7fefffff }), fc.integer({ min: 0, max: 0xffffffff })])(
    'for doubles of any bit pattern',
    (hi, lo) => {
      const x = fromBits(hi, lo);
      expect(printed(x)).toBe(String(x));
      expect(printed(-x)).toBe(String(-x));
    },
  );

  // Where a printout's numbers lie: log ratios, variances, weights, back-transformed values.
  it.prop([fc.double({ min: 1e-7, max: 1e17, noNaN: true })])('for numbers of a printout', (x) => {
    expect(printed(x)).toBe(String(x));
    expect(printed(-x)).toBe(String(-x));
  });

  // Short decimals, their neighbours and powers of two, where the shortest digits are few or a
  // candidate lies on a bound (those the arithmetic leaves to String).
  it.prop([fc.integer({ min: 1, max: 999999 }), fc.integer({ min: -12, max: 20 })])(
    'for short decimals and their neighbours',
    (m, e) => {
      const x = Number(`${m}e${e}`);
      for (const y of [x, ...neighbours(x)]) expect(printed(y)).toBe(String(y));
    },
  );

  it('at the ends of its own range and for zero', () => {
    const cases = [0, -0, 1, 0.5, 1e-6, 1e-7, 1e16, 9999999999999998, 2 ** 53, 2 ** -20];
    for (const x of [...cases, ...cases.flatMap(neighbours)]) {
      expect(printed(x)).toBe(String(x));
      expect(printed(-x)).toBe(String(-x));
    }
  });
});

describe('ByteWriter', () => {
  it('copies pieces of any length (whole words written, only their bytes kept), growing as needed', () => {
    const out = new ByteWriter(4);
    const texts = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', ',\n      "weight": ', 'ü☂'];
    for (const t of texts) out.piece(piece(t));
    out.number(-0.5);
    expect(decoder.decode(out.take())).toBe(`${texts.join('')}-0.5`);
  });

  it('writes a line of numbers in one go: String for what it leaves to String, the missing piece for NaN', () => {
    const out = new ByteWriter(8);
    const columns = [Float64Array.of(1, 0.1 + 0.2), Float64Array.of(NaN, 1e21), Float64Array.of(-1e-7, 2 ** -3)];
    const after = [piece(','), piece(', '), piece('\n')];
    out.numbers(columns, 0, after, piece('null'));
    out.numbers(columns, 1, after, piece('null'));
    expect(decoder.decode(out.take())).toBe('1,null, -1e-7\n0.30000000000000004,1e+21, 0.125\n');
  });

  it('copies plain text (quoted or not) and writes nothing for text that is not', () => {
    const letters = plainTable((c) => c >= 97 && c <= 122);
    const out = new ByteWriter(2);
    expect(out.plain('abc', letters)).toBe(true);
    expect(out.plain('xyz', letters, 34)).toBe(true);
    expect(out.plain('', letters, 34)).toBe(true);
    expect(out.plain('ab"c', letters, 34)).toBe(false);
    expect(out.plain('abü', letters)).toBe(false);
    expect(out.plain('ab1', letters)).toBe(false);
    expect(decoder.decode(out.take())).toBe('abc"xyz"""');
  });

  it('writes text as UTF-8, growing past its size, and starts again after take', () => {
    const out = new ByteWriter(4);
    out.text('study ');
    out.text('Müller – ☂');
    out.byte(10);
    expect(decoder.decode(out.take())).toBe('study Müller – ☂\n');
    expect(out.length).toBe(0);
    out.number(0.1);
    expect(decoder.decode(out.take())).toBe('0.1');
  });
});

/**
 * What the writer leaves to String(x): found by watching String (the writer's only way to print a
 * number it does not decide itself), so that these tests fail if a fallback goes missing.
 */
describe('ByteWriter.number: the cases its arithmetic leaves to String', () => {
  /** Prints x and says whether String(x) was asked for it. */
  function viaString(x: number): { text: string; asked: boolean } {
    const spy = vi.spyOn(globalThis, 'String');
    try {
      const text = printed(x);
      return { text, asked: spy.mock.calls.some((call) => Object.is(call[0], x)) };
    } finally {
      spy.mockRestore();
    }
  }

  /** The double m·2^q (m an integer below 2^53). */
  const double = (m: bigint, q: number) => Number(m) * 2 ** q;

  /** The least s ≥ 0 with 2^q·10^s ≥ 1: the scale the writer uses for a unit in the last place 2^q. */
  function scale(q: number): number {
    let s = 0;
    while (q < 0 && 10n ** BigInt(s) < 2n ** BigInt(-q)) s++;
    return s;
  }

  /** The inverse of an odd c modulo 2^t (Newton's iteration, each step doubles the bits). */
  function inverse(c: bigint, t: number): bigint {
    const mod = 1n << BigInt(t);
    let y = 1n;
    for (let bits = 1; bits < t; bits *= 2) y = (y * (2n - c * y)) % mod;
    return ((y % mod) + mod) % mod;
  }

  /** The least number ≥ base that is ≡ r (mod 2^t). */
  function congruent(r: bigint, t: number, base: bigint): bigint {
    const mod = 1n << BigInt(t);
    return base + ((((r - base) % mod) + mod) % mod);
  }

  it('ordinary numbers of a printout are decided without String', () => {
    const cases = [0.1 + 0.2, 1 / 3, Math.PI, 0.07195602384346379, -0.6232711866192459, 1.5345460364495516, 123.456, 7];
    for (const x of cases) expect(viaString(x)).toEqual({ text: String(x), asked: false });
    // 10,000 random doubles of the range it handles (fixed seed): String is asked for none of them.
    const sample = fc.sample(fc.double({ min: 1e-6, max: 1e16, noNaN: true, maxExcluded: true }), {
      numRuns: 10_000,
      seed: 12,
    });
    const asked = sample.filter((x) => x !== 0 && viaString(x).asked);
    expect(asked).toEqual([]);
  });

  it('outside [1e-6, 1e16), String prints it', () => {
    for (const x of [1e-7, 9.99e-7, 1e16, 1e21, 5e-324, Number.MAX_VALUE, -1e-7, -2e16]) {
      expect(viaString(x)).toEqual({ text: String(x), asked: true });
    }
  });

  it('a power of two (its gap below is half the gap above) goes to String', () => {
    for (let e = -19; e <= 53; e++) {
      for (const x of [2 ** e, -(2 ** e)]) expect(viaString(x)).toEqual({ text: String(x), asked: true });
    }
  });

  // For a unit in the last place 2^q (q from -72, near 1e-6, to -46, near 64), significands made so
  // that a bound v ± 2^(q−1), scaled by 10^s, lies within 10·2^-t (t ≥ 34: below 1e-9) of a multiple of ten.
  it('a bound within 1e-9 of a multiple of ten goes to String', () => {
    let count = 0;
    for (let q = -72; q <= -46; q++) {
      const s = scale(q);
      const five = 5n ** BigInt(s - 1);
      // Bounds (2m ± 1)·2^(q−1)·10^s = 10·(2m ± 1)·5^(s−1)/2^t; near 10·integer when (2m ± 1)·5^(s−1) ≡ ±1.
      const t = 2 - q - s;
      for (const side of [1n, -1n]) {
        for (const near of [1n, -1n]) {
          // 2m ± 1 in [2^53, 2^54), odd as it must be (its residue, an inverse of ±1, is odd).
          const odd = congruent(inverse(five, t) * near, t, 1n << 53n);
          const m = (odd - side) / 2n;
          if (m < 1n << 52n || m >= 1n << 53n) continue;
          const x = double(m, q);
          expect(viaString(x)).toEqual({ text: String(x), asked: true });
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});

describe('ByteWriter.number: ties', () => {
  /** The double m·2^q (m an integer below 2^53). */
  const double = (m: bigint, q: number) => Number(m) * 2 ** q;

  /** The least s ≥ 0 with 2^q·10^s ≥ 1: the scale the writer uses for a unit in the last place 2^q. */
  function scale(q: number): number {
    let s = 0;
    while (q < 0 && 10n ** BigInt(s) < 2n ** BigInt(-q)) s++;
    return s;
  }

  // v·10^s = m·5^s/2^j (j = −q − s) ends in exactly .5 when m's last j bits are 10…0: two
  // integers are as near, and String prints the even one. j is 1 for v in [2^50, 2^51), 36 near 1.
  it('prints the even one of two nearest integers, as String does', () => {
    const bad: string[] = [];
    let ties = 0;
    for (let q = -72; q <= -2; q++) {
      const j = -q - scale(q);
      if (j < 1) continue;
      const step = 1n << BigInt(j);
      for (const high of [1n << 52n, (1n << 52n) + 12345678901n * step, (1n << 53n) - 3n * step]) {
        const m = high - (high % step) + (step >> 1n);
        if (m < 1n << 52n || m >= 1n << 53n) continue;
        // The scaled value's fraction, computed exactly: one half.
        expect(((m * 5n ** BigInt(scale(q))) % step) * 2n).toBe(step);
        ties++;
        for (const x of [double(m, q), double(m + step, q), double(m - step, q), -double(m, q)]) {
          if (printed(x) !== String(x)) bad.push(`${String(x)} -> ${printed(x)}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(ties).toBeGreaterThan(100);
  });
});
