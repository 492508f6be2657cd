import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { allDistinct } from '../../src/core/meta/distinct.js';

describe('allDistinct', () => {
  // The reference is a Set, which the study labels were checked with before.
  it.prop([fc.array(fc.string({ maxLength: 4 }), { maxLength: 200 })])('says what a Set says', (list) => {
    expect(allDistinct(list)).toBe(new Set(list).size === list.length);
  });

  it.prop([fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 100 })])('for any text', (list) => {
    expect(allDistinct(list)).toBe(new Set(list).size === list.length);
  });

  it('for many ids, and one repeated far apart', () => {
    const ids = Array.from({ length: 100000 }, (_, i) => `s${i + 1}`);
    expect(allDistinct(ids)).toBe(true);
    expect(allDistinct([...ids, 's50000'])).toBe(false);
    expect(allDistinct(['', ''])).toBe(false);
    expect(allDistinct([])).toBe(true);
  });

  // Hashes a reader made as it read (plain-studies.ts), a function of each string (equal strings, equal
  // hashes), and colliding for different ones: the strings decide.
  it.prop([fc.array(fc.string({ maxLength: 3 }), { maxLength: 60 }), fc.integer({ min: 0, max: 3 })])(
    'with given hashes, even colliding ones, says what a Set says',
    (list, buckets) => {
      const hashes = Int32Array.from(list, (s) => (buckets === 0 ? 7 : s.length % buckets));
      expect(allDistinct(list, hashes)).toBe(new Set(list).size === list.length);
    },
  );
});
