// Reading a researcher's columns (core/columns.ts) and delimiters (io/delimiter.ts), below the CLI.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { adaptRaw } from '../../src/core/evidence/columns.js';
import { typeFile } from '../../src/core/evidence/validate.js';
import { detectDelimiter } from '../../src/io/delimiter.js';
import { parseCsv } from '../../src/io/csv.js';
import { readOptionsFor, readResearcherFile } from '../../src/io/read-options.js';

function read(text: string, file = 'f.csv') {
  const how = readOptionsFor(text, {});
  const parsed = parseCsv(file, text, how.delimiter);
  if (!parsed.raw) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const adapted = readResearcherFile(parsed.raw, how);
  const typed = adapted.files.map((raw) => typeFile(raw));
  return { adapted, typed };
}

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1,5;2;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['"a;b",c\n', ','],
    ['\uFEFFstudy;ai\n', ';'],
    ['single\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('adaptRaw', () => {
  it('leaves a file in the data model’s own names untouched (same object, no note)', () => {
    const parsed = parseCsv('o.csv', 'study_id,events_treatment,n_treatment\na,1,2\n');
    const raw = parsed.raw;
    if (!raw) throw new Error('parse');
    const adapted = adaptRaw(raw, { decimal: '.' });
    expect(adapted.files).toHaveLength(1);
    expect(adapted.files[0]).toBe(raw);
    expect(adapted.notes).toEqual([]);
  });

  it('keeps line and column numbers of the cells it reads', () => {
    const { typed } = read('Study,AI,bi,CI,di\nx,1,9,2,8\ny,oops,9,2,8\n');
    const problem = typed[0]?.problems[0];
    expect(problem).toMatchObject({ file: 'f.csv', line: 3, column: 3, field: 'events_treatment' });
  });

  it('author names the study unless another column does; then it is the authors column of studies', () => {
    const one = read('author,year,ai,n1i,ci,n2i\nSmith,2001,1,10,2,10\n');
    expect(one.adapted.notes[0]).toContain('author → study_id');
    const two = read('study,author,ai,n1i,ci,n2i\nS1,Smith J,1,10,2,10\n');
    expect(two.adapted.notes[0]).toContain('author → authors');
    expect(two.typed[1]?.typed?.table.name).toBe('studies');
    expect(two.typed[1]?.typed?.rows[0]?.['authors']).toBe('Smith J');
  });

  // A table written with semicolons and decimal commas reads as the same rows as its comma version.
  const cell = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
  test.prop([
    fc.array(fc.tuple(cell, fc.double({ min: 1e-6, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 20 }),
  ])('semicolon and decimal-comma CSV = comma CSV', (rows) => {
    const body = (sep: string, dec: (x: number) => string) =>
      `study${sep}measure${sep}yi${sep}vi\n${rows.map(([y, v], i) => `s${i}${sep}MD${sep}${dec(y)}${sep}${dec(v)}`).join('\n')}\n`;
    const comma = read(body(',', String));
    const semicolon = read(body(';', (x) => String(x).replace('.', ',')));
    expect(semicolon.typed.map((t) => t.typed?.rows)).toEqual(comma.typed.map((t) => t.typed?.rows));
    expect(semicolon.typed.flatMap((t) => t.problems)).toEqual([]);
  });
});
