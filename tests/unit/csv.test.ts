import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';

describe('parseCsv', () => {
  it('numbers lines and field columns', () => {
    const { raw, problems } = parseCsv('f.csv', 'a,b,c\n1,"x,y",3\n\n4,5,6\n');
    expect(problems).toEqual([]);
    expect(raw?.records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(raw?.records[1]?.cells).toEqual(['1', 'x,y', '3']);
    expect(raw?.records[1]?.columns).toEqual([1, 3, 9]);
  });

  it('accepts a BOM, CRLF line ends and a quoted field spanning lines', () => {
    const { raw } = parseCsv('f.csv', '\uFEFFa,b\r\n"multi\r\nline",2\r\nz,3\r\n');
    expect(raw?.records.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['multi\nline', '2'],
      ['z', '3'],
    ]);
    expect(raw?.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reports an unclosed quote at the line and column where it opened', () => {
    const { problems } = parseCsv('f.csv', 'a,b\n1,2\n3,"open\n4,5\n');
    expect(problems).toEqual([
      { file: 'f.csv', line: 3, column: 3, message: expect.stringContaining('never closed') as unknown },
    ]);
  });

  it('reports an unclosed quote opened on line 501 of 1,001 there, not at the end of the file', () => {
    const lines = ['a,b', ...Array.from({ length: 1000 }, (_, i) => (i === 499 ? `${i},"open` : `${i},x`))];
    const { problems } = parseCsv('f.csv', `${lines.join('\n')}\n`);
    expect(problems.map((p) => [p.line, p.column])).toEqual([[501, 5]]);
  });

  it('reports a stray quote inside an unquoted field', () => {
    const { problems } = parseCsv('f.csv', 'a,b\n1,x"y\n');
    expect(problems[0]?.line).toBe(2);
  });
});
