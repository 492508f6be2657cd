import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/core/evidence/dataset.js';
import {
  filterRows,
  groupRows,
  matches,
  parseColumns,
  parseSort,
  parseWhere,
  sortRows,
} from '../../src/core/evidence/query.js';
import type { Row } from '../../src/core/evidence/table.js';
import { UsageError } from '../../src/errors.js';

const fields = fieldsOf('studies');
const where = (text: string) => parseWhere(text, fields);

const rows: Row[] = [
  { study_id: 'a', year: 2001, condition: 'low-back-pain', n_randomised: 100, review: ['r1'], country: 'Sweden' },
  {
    study_id: 'b',
    year: 2005,
    condition: 'low-back-pain',
    n_randomised: null,
    review: ['r1', 'r2'],
    country: 'Germany',
  },
  { study_id: 'c', year: 2010, condition: 'sciatica', n_randomised: 40, review: [], country: null },
];
const ids = (selected: readonly Row[]) => selected.map((r) => r['study_id']);

describe('parseWhere', () => {
  it('types values by the schema', () => {
    expect(where('year >= 2005')).toMatchObject({ field: 'year', op: '>=', values: [2005] });
    expect(where("condition='low-back-pain,sciatica'")).toMatchObject({
      op: '=',
      values: ['low-back-pain', 'sciatica'],
    });
    expect(where('country~SWED')).toMatchObject({ op: '~', values: ['swed'] });
    expect(where('year==2001')).toMatchObject({ op: '=', values: [2001] });
  });

  it('rejects unknown fields, operators and values with what is valid', () => {
    expect(() => where('yera>=2015')).toThrow(/unknown field "yera".*did you mean "year"/);
    expect(() => where('year 2015')).toThrow(/cannot read.*OP one of/);
    expect(() => where('condition=back')).toThrow(/not a condition.*valid: low-back-pain/);
    expect(() => where('year>=soon')).toThrow(/year is a number/);
    expect(() => where('country>Sweden')).toThrow(/needs a numeric field/);
    expect(() => where('year<')).toThrow(UsageError);
  });
});

describe('matches', () => {
  it('filters with every operator', () => {
    expect(ids(filterRows(rows, [where('year>2001')]))).toEqual(['b', 'c']);
    expect(ids(filterRows(rows, [where('year<=2005')]))).toEqual(['a', 'b']);
    expect(ids(filterRows(rows, [where('condition!=sciatica')]))).toEqual(['a', 'b']);
    expect(ids(filterRows(rows, [where('country!~man')]))).toEqual(['a']);
    expect(ids(filterRows(rows, [where('review=r2')]))).toEqual(['b']);
    // c belongs to no review: an empty list is a known "none", so it is not in r2.
    expect(ids(filterRows(rows, [where('review!=r2')]))).toEqual(['a', 'c']);
  });

  it('lets unknown cells match only an empty value', () => {
    expect(ids(filterRows(rows, [where('n_randomised>0')]))).toEqual(['a', 'c']);
    expect(ids(filterRows(rows, [where('n_randomised=')]))).toEqual(['b']);
    expect(ids(filterRows(rows, [where('review=')]))).toEqual(['c']);
    expect(ids(filterRows(rows, [where('country!=')]))).toEqual(['a', 'b']);
  });
});

describe('group, sort, columns', () => {
  it('puts a row with a list value in the group of every item, unknowns last', () => {
    const groups = groupRows(rows, 'review').map((g) => [g.key, ids(g.rows)]);
    expect(groups).toEqual([
      ['r1', ['a', 'b']],
      ['r2', ['b']],
      [null, ['c']],
    ]);
  });

  it('sorts stably on several keys with unknowns last', () => {
    expect(ids(sortRows(rows, parseSort('-n_randomised', fields)))).toEqual(['a', 'c', 'b']);
    expect(ids(sortRows(rows, parseSort('condition,-year', fields)))).toEqual(['b', 'a', 'c']);
  });

  it('validates --columns', () => {
    expect(parseColumns('study_id, year', fields)).toEqual(['study_id', 'year']);
    expect(() => parseColumns('study_id,yaer', fields)).toThrow(/did you mean "year"/);
  });
});

const row = fc.record({
  study_id: fc.string(),
  year: fc.option(fc.integer({ min: 1990, max: 2025 }), { nil: null }),
  n_randomised: fc.option(fc.nat(5000), { nil: null }),
});
const expression = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('year', 'n_randomised'),
      fc.constantFrom('<', '<=', '>', '>=', '=', '!='),
      fc.integer({ min: 0, max: 5000 }),
    )
    .map(([f, op, v]) => `${f}${op}${v}`),
  fc.constantFrom('year=', 'n_randomised!=', 'study_id~a'),
);

describe('properties', () => {
  test.prop([fc.array(row), expression, expression])(
    'filtering twice equals filtering once with both conditions',
    (data, e1, e2) => {
      const [c1, c2] = [where(e1), where(e2)];
      expect(filterRows(filterRows(data, [c1]), [c2])).toEqual(filterRows(data, [c1, c2]));
    },
  );

  test.prop([fc.array(row), expression])('a condition and its = / != complement split the known rows', (data, e) => {
    const c = where(e);
    if (c.op !== '=' || c.values.length === 0) return;
    const negated = { ...c, op: '!=' as const };
    const known = data.filter((r) => (r as Row)[c.field] !== null);
    expect(known.filter((r) => matches(r, c)).length + known.filter((r) => matches(r, negated)).length).toBe(
      known.length,
    );
  });
});
