import { describe, expect, it } from 'vitest';
import { TABLES, VOCABULARIES, columnOf } from '../../src/core/evidence/schema/index.js';

// The schema drives validation, --where typing and the codebook: a typo in a rule would silently
// switch a check off, so these tests hold the schema to its own names.
describe('schema', () => {
  it('names every table and column once', () => {
    expect(new Set(TABLES.map((t) => t.name)).size).toBe(TABLES.length);
    for (const table of TABLES) {
      const names = table.columns.map((c) => c.name);
      expect(new Set(names).size, table.name).toBe(names.length);
    }
  });

  it('gives every table a source column', () => {
    // Except a clinic's own records: they are the clinic's observations, not published figures.
    for (const table of TABLES.filter((t) => t.name !== 'clinic-records'))
      expect(columnOf(table, 'source'), table.name).toBeDefined();
  });

  it('refers in its rules only to columns of the same table', () => {
    for (const table of TABLES) {
      const r = table.rules;
      const named = [
        ...(r.ordered ?? []).flat(),
        ...(r.notAbove ?? []).flat(),
        ...(r.oneOf ?? []).flat(),
        ...(r.percent ?? []),
        ...(r.nonNegative ?? []),
        ...(r.requires ?? []).flat(),
      ];
      for (const name of named) expect(columnOf(table, name), `${table.name}.${name}`).toBeDefined();
    }
  });

  it('uses only declared vocabularies, each without duplicates', () => {
    for (const [name, values] of Object.entries(VOCABULARIES)) expect(new Set(values).size, name).toBe(values.length);
    for (const table of TABLES) {
      for (const column of table.columns) {
        if (column.type.kind === 'enum') expect(VOCABULARIES[column.type.vocabulary]).toBeDefined();
      }
    }
  });

  it('has the vocabularies design.md starts from', () => {
    expect(VOCABULARIES.result).toEqual(['favours-acupuncture', 'no-difference', 'favours-control']);
    expect(VOCABULARIES.inclusion).toEqual(['verified', 'inferred', 'candidate']);
    for (const c of ['low-back-pain', 'sciatica', 'pelvic-girdle-pain', 'low-back-and-pelvic-pain', 'chronic-pain']) {
      expect(VOCABULARIES.condition).toContain(c);
    }
  });
});
