import { describe, expect, it } from 'vitest';
import { tableByName, columnOf, type Column } from '../../src/core/evidence/schema/index.js';
import { crossCheck, mergeFiles, recogniseTable, typeCell, typeFile } from '../../src/core/evidence/validate.js';
import { parseCsv } from '../../src/io/csv.js';

const studies = tableByName('studies');
const column = (name: string): Column => {
  const c = columnOf(studies, name);
  if (!c) throw new Error(name);
  return c;
};

function typed(text: string, file = 'f.csv') {
  const { raw } = parseCsv(file, text);
  if (!raw) throw new Error('parse failed');
  return typeFile(raw);
}

describe('typeCell', () => {
  it('reads whole numbers and rejects text, decimals, negatives and separators', () => {
    expect(typeCell(column('n_randomised'), '1162')).toEqual({ value: 1162 });
    expect(typeCell(column('n_randomised'), ' ')).toEqual({ value: null });
    expect(typeCell(column('n_randomised'), 'many')).toHaveProperty('error');
    expect(typeCell(column('n_randomised'), '12.5')).toHaveProperty('error');
    expect(typeCell(column('n_randomised'), '-1')).toEqual({ error: 'must not be negative, got -1' });
    expect(typeCell(column('n_randomised'), '1,162')).toEqual({
      error: expect.stringContaining('thousands separators') as unknown,
    });
  });

  it('checks vocabularies and suggests the nearest value', () => {
    expect(typeCell(column('condition'), 'sciatica')).toEqual({ value: 'sciatica' });
    expect(typeCell(column('condition'), 'back-pain')).toEqual({
      error: expect.stringContaining('did you mean "low-back-pain"') as unknown,
    });
  });

  it('splits lists on semicolons', () => {
    expect(typeCell(column('review'), 'a; b;;c')).toEqual({ value: ['a', 'b', 'c'] });
  });

  it('reads booleans in three spellings', () => {
    const serious = columnOf(tableByName('adverse-events'), 'serious');
    if (!serious) throw new Error('serious');
    for (const [text, value] of [
      ['yes', true],
      ['TRUE', true],
      ['0', false],
      ['no', false],
    ] as const) {
      expect(typeCell(serious, text)).toEqual({ value });
    }
    expect(typeCell(serious, 'maybe')).toHaveProperty('error');
  });
});

describe('recogniseTable', () => {
  it("recognises a researcher's minimal files", () => {
    const name = (h: string[]) => {
      const r = recogniseTable(h);
      return 'table' in r ? r.table.name : r.problem;
    };
    expect(name(['study_id', 'events_treatment', 'n_treatment', 'events_control', 'n_control'])).toBe('outcomes');
    expect(
      name(['study_id', 'mean_treatment', 'sd_treatment', 'n_treatment', 'mean_control', 'sd_control', 'n_control']),
    ).toBe('outcomes');
    expect(name(['study_id', 'patients_with_event', 'patients_exposed'])).toBe('adverse-events');
    expect(name(['review_id', 'study_id'])).toBe('review-studies');
    expect(name(['study_id', 'year'])).toBe('studies');
    expect(name(['review_id', 'characteristic', 'category', 'n_studies'])).toBe('distributions');
  });

  it('names the required column a header lacks', () => {
    expect(recogniseTable(['comparison', 'events_treatment', 'n_treatment'])).toEqual({
      problem: 'header looks like table outcomes but lacks required column study_id',
    });
  });
});

describe('typeFile', () => {
  it('reports every bad cell of every row, with line and column', () => {
    const { problems } = typed('study_id,year,n_randomised,source\na,2001,x,s\nb,20x1,-3,s\n');
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [2, 8, 'n_randomised'],
      [3, 3, 'year'],
      [3, 8, 'n_randomised'],
    ]);
  });

  it("gives a row only its file's columns and the slots enrich fills (an absent column reads as empty)", () => {
    const { typed: t } = typed('study_id,events_treatment,n_treatment,events_control,n_control\nx,16,34,2,16\n');
    const row = t?.rows[0] ?? {};
    expect(row).toMatchObject({ study_id: 'x', events_treatment: 16, n_control: 16 });
    // A million rows of 53 keys each would hold half a gigabyte, whatever the file gives.
    expect(Object.keys(row)).toEqual([
      'study_id',
      'events_treatment',
      'n_treatment',
      'events_control',
      'n_control',
      'review',
      'review_verified',
      'condition',
      'design',
      'year',
      'country',
    ]);
    expect(row['mean_treatment'] ?? null).toBeNull();
  });

  it('applies the row rules', () => {
    const { problems } = typed(
      'study_id,sessions_min,sessions_max,n_randomised,n_acupuncture,source\nx,12,8,10,20,s\n',
    );
    expect(problems.map((p) => p.message)).toEqual([
      '20 exceeds n_randomised (10)',
      '12 is greater than sessions_max (8)',
    ]);
  });
});

describe('crossCheck', () => {
  it('finds duplicate keys and dangling references across files', () => {
    const a = typed('study_id,year,source\nx,2001,s\nx,2002,s\n', 'studies.csv').typed;
    const b = typed(
      'study_id,comparison,outcome,events_treatment,n_treatment,source\ny,c,o,1,2,s\n',
      'outcomes.csv',
    ).typed;
    if (!a || !b) throw new Error('typing failed');
    const problems = crossCheck(mergeFiles([a, b]));
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(['studies.csv:3', 'outcomes.csv:2']);
  });
});
