/**
 * Derived fields: every row answers to `review` (the reviews it belongs to), and rows that name a
 * study also answer to that study's condition, design, year and country, so that one --where
 * works on every table.
 */
import { TABLES, columnOf, tableByName, type Column, type TableName } from './schema.js';
import { listOf, type Cell, type Dataset, type LoadedTable, type Row } from './table.js';

const STUDY_FIELDS = ['condition', 'design', 'year', 'country'] as const;

const REVIEW_FIELD: Column = {
  name: 'review',
  type: { kind: 'list' },
  derived: true,
  description: 'Reviews the row belongs to (from review_id, or from review-studies.csv for a study).',
};

/** The columns a --where, --group-by, --sort or --columns may name for a table. */
export function fieldsOf(name: TableName): readonly Column[] {
  const table = tableByName(name);
  const fields = [...table.columns];
  if (!columnOf(table, 'review')) fields.push(REVIEW_FIELD);
  if (columnOf(table, 'study_id') && name !== 'studies') {
    const studies = tableByName('studies');
    for (const field of STUDY_FIELDS) {
      const column = columnOf(studies, field);
      if (column && !columnOf(table, field)) fields.push({ ...column, derived: true, description: `The study's ${field} (from studies.csv).` });
    }
  }
  return fields;
}

function membership(dataset: Dataset): Map<string, string[]> {
  const byStudy = new Map<string, string[]>();
  for (const row of dataset['review-studies']?.rows ?? []) {
    const study = row['study_id'];
    const review = row['review_id'];
    if (typeof study !== 'string' || typeof review !== 'string') continue;
    byStudy.set(study, [...(byStudy.get(study) ?? []), review]);
  }
  return byStudy;
}

function union(...lists: readonly (readonly string[])[]): readonly string[] {
  return [...new Set(lists.flat())];
}

/** Adds the derived fields to every row. */
export function enrich(dataset: Dataset): Dataset {
  const reviewsOf = membership(dataset);
  const studies = new Map<string, Row>();
  for (const row of dataset.studies?.rows ?? []) {
    if (typeof row['study_id'] === 'string') studies.set(row['study_id'], row);
  }
  const studyReviews = (id: Cell | undefined): readonly string[] =>
    typeof id === 'string' ? union(listOf(studies.get(id)?.['review']), reviewsOf.get(id) ?? []) : [];

  const result: Dataset = {};
  for (const table of TABLES) {
    const loaded = dataset[table.name];
    if (!loaded) continue;
    const hasStudy = columnOf(table, 'study_id') !== undefined;
    const rows = loaded.rows.map((row): Row => {
      const extra: Record<string, Cell> = {};
      if (table.name === 'studies') extra['review'] = studyReviews(row['study_id']);
      else {
        const own = typeof row['review_id'] === 'string' ? [row['review_id']] : [];
        extra['review'] = union(own, table.name === 'review-studies' ? [] : studyReviews(row['study_id']));
        if (hasStudy) {
          const study = typeof row['study_id'] === 'string' ? studies.get(row['study_id']) : undefined;
          for (const field of STUDY_FIELDS) if (!columnOf(table, field)) extra[field] = study?.[field] ?? null;
        }
      }
      return { ...row, ...extra };
    });
    const enriched: LoadedTable = { ...loaded, rows };
    result[table.name] = enriched;
  }
  return result;
}
