import { describe, expect, it } from 'vitest';
import { cellText, formatCell, withThousands } from '../../src/render/format.js';

describe('formatCell', () => {
  it('groups thousands for people and not for machines', () => {
    expect(withThousands('20827')).toBe('20,827');
    expect(withThousands('-1234567.25')).toBe('-1,234,567.25');
    expect(formatCell(20827, { key: 'n', kind: 'integer' }, 'human')).toBe('20,827');
    expect(formatCell(20827, { key: 'n', kind: 'integer' }, 'machine')).toBe('20827');
    expect(formatCell(2001, { key: 'year', kind: 'year' }, 'human')).toBe('2001');
  });

  it('shows fractions as percentages with one decimal for people', () => {
    // 72/81 = 0.888... → 88.9% (Soliday & Betts 2018)
    expect(formatCell(72 / 81, { key: 'r', kind: 'percent' }, 'human')).toBe('88.9%');
    expect(formatCell(72 / 81, { key: 'r', kind: 'percent' }, 'machine')).toBe(String(72 / 81));
  });

  it('writes lists, booleans and unknowns', () => {
    expect(formatCell(['a', 'b'], { key: 'l', kind: 'list' }, 'human')).toBe('a; b');
    expect(formatCell(['a', 'b'], { key: 'l', kind: 'list' }, 'machine')).toBe('a;b');
    expect(formatCell(true, { key: 'b', kind: 'boolean' }, 'human')).toBe('yes');
    expect(formatCell(null, { key: 'x', kind: 'integer' }, 'human')).toBe('');
  });
});

describe('fractions of nothing', () => {
  it('reads "not reported" for people, keeps the numbers for machines', () => {
    const column = { key: 'x', kind: 'integer', join: { style: 'fraction', parts: ['a', 'b'] } } as const;
    expect(cellText({ a: 0, b: 0 }, column, 'human')).toBe('not reported');
    expect(cellText({ a: 0, b: 423 }, column, 'human')).toBe('0/423');
    expect(cellText({ a: 0, b: 0 }, column, 'machine')).toBe('0/0');
  });
});
