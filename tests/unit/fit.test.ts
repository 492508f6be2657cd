import { describe, expect, it } from 'vitest';
import { fitTable, tableWidth, wrapCell, wrapHeader, wrapNote } from '../../src/render/fit.js';
import type { ReportColumn } from '../../src/render/report.js';

const text = (key: string, priority?: number): ReportColumn => ({
  key,
  kind: 'text',
  ...(priority === undefined ? {} : { priority }),
});
const integer = (key: string, priority?: number): ReportColumn => ({
  key,
  kind: 'integer',
  ...(priority === undefined ? {} : { priority }),
});

describe('fitTable', () => {
  it('measures a boxed table: each column plus a space either side and a rule', () => {
    // "│ abc │ defg │": 1 + (3 + 3) + (4 + 3)
    expect(tableWidth([3, 4])).toBe(14);
  });

  it('keeps natural widths when the table fits', () => {
    const fit = fitTable([text('id'), integer('n')], ['id', 'n'], [['vickers-2012', '1,234']], 80);
    expect(fit).toEqual({ shown: [0, 1], widths: [12, 5], dropped: [] });
  });

  it('leaves out the highest priority number first, wherever the column stands', () => {
    const columns = [text('id'), integer('a', 2), integer('b', 1)];
    const cells = [['vickers-2012', '1234567890', '1234567890']];
    // id 12 + one number 10 = 22 + 7 = 29 fits 30; both numbers need 40.
    const fit = fitTable(columns, ['id', 'a', 'b'], cells, 30);
    expect(fit.shown).toEqual([0, 2]);
    expect(fit.dropped.map((c) => c.key)).toEqual(['a']);
  });

  it('never leaves out the first column, nor cuts it', () => {
    const fit = fitTable([text('id'), integer('n')], ['id', 'n'], [['guerreiro-da-silva-2004', '1']], 10);
    expect(fit.shown).toEqual([0]);
    expect(fit.widths).toEqual([23]);
  });

  it('wraps prose before it leaves a column out, down to its longest word', () => {
    const cells = [['x', 'one two three four five six seven eight nine ten']];
    // Room for the prose: 30 - 1 (left rule) - 3 - 3 (padding and rule of each column) - 2 ("id") = 21.
    const fit = fitTable([text('id'), text('note')], ['id', 'note'], cells, 30);
    expect(fit.shown).toEqual([0, 1]);
    expect(fit.widths).toEqual([2, 21]);
    expect(tableWidth(fit.widths)).toBe(30);
  });
});

describe('wrapping', () => {
  it('breaks lists after an item, never inside one', () => {
    expect(wrapCell('macpherson-2017; vickers-2012; mu-2020', 16, 'items')).toBe(
      'macpherson-2017;\nvickers-2012;\nmu-2020',
    );
  });

  it('breaks headers at spaces and after slashes', () => {
    expect(wrapHeader('patients with event/exposed', 9)).toBe('patients\nwith\nevent/\nexposed');
    expect(wrapHeader('studies/reported', 16)).toBe('studies/reported');
  });

  it('indents the continuation of a note', () => {
    expect(wrapNote('aaaa bbbb cccc dddd eeee ffff', 20)).toBe('aaaa bbbb cccc\n  dddd eeee ffff');
    expect(wrapNote('short', undefined)).toBe('short');
  });
});
