// compareText stands in for an English numeric Intl.Collator on ASCII text (without its start-up
// cost): on generated ASCII strings it must order exactly as the collator does.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/core/text/compare-text.js';

const collator = new Intl.Collator('en', { numeric: true });
const ascii = fc.string({ unit: fc.constantFrom(...' _-.,;:!()aAbBzZ019'.split('')), maxLength: 8 });

describe('compareText', () => {
  test.prop([ascii, ascii], { numRuns: 5000 })('orders ASCII text as the collator does', (a, b) => {
    const expected = Math.sign(collator.compare(a, b));
    if (expected !== 0) expect(Math.sign(compareText(a, b))).toBe(expected);
  });

  it('sorts ids the way people read them', () => {
    const ids = ['study-10', 'Study-2', 'study-2', 'study-1', 'a_b', 'a-b', 'a b'];
    expect([...ids].sort(compareText)).toEqual([...ids].sort(collator.compare));
    expect([...ids].sort(compareText)).toEqual(['a b', 'a_b', 'a-b', 'study-1', 'study-2', 'Study-2', 'study-10']);
  });

  it('hands text beyond ASCII to the collator', () => {
    expect(Math.sign(compareText('Müller', 'Muller'))).toBe(Math.sign(collator.compare('Müller', 'Muller')));
    expect(compareText('Émile', 'Zoe')).toBeLessThan(0);
  });
});
