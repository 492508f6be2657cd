import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { toFixed } from '../../src/render/fixed.js';

const DIGITS = [0, 1, 2, 3, 4, 5] as const;
const digits = fc.constantFrom(...DIGITS);

describe('toFixed', () => {
  // The reference is Number.prototype.toFixed itself, which the forest plot printed before.
  it.prop([fc.double(), digits])('prints what toFixed prints, for any double', (x, d) => {
    expect(toFixed(x, d)).toBe(x.toFixed(d));
  });

  it.prop([fc.double({ min: -1e4, max: 1e4, noNaN: true }), digits])('and for numbers of a printout', (x, d) => {
    expect(toFixed(x, d)).toBe(x.toFixed(d));
  });

  // Halves and near-halves, where rounding the scaled product could differ from toFixed's exact value.
  it.prop([fc.integer({ min: -1e7, max: 1e7 }), digits, fc.integer({ min: -3, max: 3 })])(
    'and at halves and their neighbours',
    (n, d, step) => {
      const half = (n + 0.5) / 10 ** d;
      let x = half;
      for (let i = 0; i < Math.abs(step); i++) x = step > 0 ? nextUp(x) : -nextUp(-x);
      expect(toFixed(x, d)).toBe(x.toFixed(d));
    },
  );

  it('keeps the sign of a negative number that rounds to zero, as toFixed does', () => {
    expect(toFixed(-0.001, 2)).toBe('-0.00');
    expect(toFixed(-0, 2)).toBe('0.00');
    expect(toFixed(1.005, 2)).toBe('1.00'); // 1.005 is 1.00499999999999989... in binary
    expect(toFixed(Number.NaN, 2)).toBe('NaN');
    expect(toFixed(1e21, 1)).toBe('1e+21');
  });
});

/** The next double above x (x finite). */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
