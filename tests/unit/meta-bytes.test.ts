import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { ByteWriter } from '../../src/render/meta-bytes.js';

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
