// The pure layout of the plots: axis scales and ticks, and fitting labels into a column.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { axisScale, forward, natural, niceLinear, niceLogit, niceRatio } from '../../../src/core/plot/scale.js';
import type { TextMeasure } from '../../../src/core/plot/scene.js';
import { fitLabels, shorten, wrap } from '../../../src/core/plot/text.js';
import type { Measure } from '../../../src/core/stats/index.js';

/** Every character 6 px wide at size 12 (bold 7): widths that a test can count by hand. */
const MONO: TextMeasure = { width: (t, size, bold) => [...t].length * (bold ? 7 : 6) * (size / 12) };

describe('ticks', () => {
  it('ratios over two decades get 1-2-5 ticks that cover the data', () => {
    // dat.bcg study CIs run from exp(-2.611) = 0.073 to exp(1.876) = 6.53.
    expect(niceRatio(0.073, 6.53)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  it('ratios over a narrow range get finer round values', () => {
    expect(niceRatio(0.91, 2.86)).toEqual([0.8, 1, 1.2, 1.5, 2, 2.5, 3]);
  });

  it('proportions on the logit scale get ticks that spread out towards 0 and 1', () => {
    expect(niceLogit(0.02, 0.655)).toEqual([0.01, 0.05, 0.1, 0.25, 0.5, 0.75]);
  });

  it('linear ticks step by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceLinear(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceLinear(0, 0.277)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceLinear(-1.3, 0.4)).toEqual([-1.5, -1, -0.5, 0, 0.5]);
  });

  it('an axis includes the line of no effect and places ticks where their values lie', () => {
    const scale = axisScale('RR', [Math.log(0.3), Math.log(0.8)], 100, 400);
    expect(scale.nullAt).toBe(0);
    expect(scale.hi).toBeGreaterThanOrEqual(0);
    for (const t of scale.ticks)
      expect(scale.x(t.at)).toBeCloseTo(100 + ((Math.log(t.value) - scale.lo) / (scale.hi - scale.lo)) * 300, 9);
    expect(scale.x(scale.lo)).toBe(100);
    expect(scale.x(scale.hi)).toBe(400);
  });

  it('limits set by the user are kept exactly', () => {
    const scale = axisScale('OR', [Math.log(0.01), Math.log(50)], 0, 300, { limits: [0.1, 10] });
    expect([natural('OR', scale.lo, null), natural('OR', scale.hi, null)].map((v) => Number(v.toFixed(12)))).toEqual([
      0.1, 10,
    ]);
    expect(scale.ticks.map((t) => t.value)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  test.prop([
    fc.constantFrom<Measure>('RR', 'OR', 'PLO', 'PAS', 'PFT', 'PR', 'RD', 'MD'),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  ])('forward undoes the back-transformation (%s)', (measure, p) => {
    const ni = [40, 120, 300];
    expect(natural(measure, forward(measure, p, ni), ni)).toBeCloseTo(p, 6);
  });
});

describe('labels', () => {
  test.prop([fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 20 }).map((w) => w.join(' '))])(
    'wrapped lines fit the column and keep every character in order (a word wider than the column is cut)',
    (text) => {
      const lines = wrap(text, 60, 12, MONO);
      for (const l of lines) expect(MONO.width(l, 12)).toBeLessThanOrEqual(60);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      if (text.split(' ').every((w) => w.length <= 10)) expect(lines.join(' ')).toBe(text);
    },
  );

  it('shortening ends in an ellipsis within the column', () => {
    const lines = shorten('haake-2007 (6 wk, treatment response (secondary end point, Table 6))', 60, 2, 12, MONO);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const l of lines) expect(MONO.width(l, 12)).toBeLessThanOrEqual(60);
  });

  it('labels that would read the same once shortened are shown whole', () => {
    const a = 'trial (6 months, pain on a visual analogue scale, rest)';
    const b = 'trial (6 months, pain on a visual analogue scale, walking)';
    const [la, lb, lc] = fitLabels([a, b, 'other'], 60, 2, 12, MONO);
    expect(la?.join(' ')).toBe(a);
    expect(lb?.join(' ')).toBe(b);
    expect(lc).toEqual(['other']);
    const [alone] = fitLabels([a], 60, 2, 12, MONO);
    expect(alone).toHaveLength(2);
  });
});
