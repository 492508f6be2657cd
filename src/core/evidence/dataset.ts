/**
 * Derived fields: every row answers to `review` (the reviews it belongs to), and rows that name a
 * study also answer to that study's condition, design, year and country, so that one --where
 * works on every table.
 */
import { isLazy, lazyDataset } from './lazy-dataset.js';
import {
  REVIEW_COLUMNS,
  TABLES,
  columnOf,
  tableByName,
  type Column,
  type Table,
  type TableName,
} from './schema/index.js';
import { listOf, withRows, type Cell, type Dataset, type LoadedTable, type Row } from './table.js';

const STUDY_FIELDS = ['condition', 'design', 'year', 'country'] as const;

/** The columns a --where, --group-by, --sort or --columns may name for a table. */
export function fieldsOf(name: TableName): readonly Column[] {
  const table = tableByName(name);
  const fields = [...table.columns];
  for (const field of REVIEW_COLUMNS) if (!columnOf(table, field.name)) fields.push(field);
  if (columnOf(table, 'study_id') && name !== 'studies') {
    const studies = tableByName('studies');
    for (const field of STUDY_FIELDS) {
      const column = columnOf(studies, field);
      if (column && !columnOf(table, field))
        fields.push({ ...column, derived: true, description: `The study's ${field} (from studies.csv).` });
    }
  }
  return fields;
}

/**
 * The fields enrich adds to a table's rows, in the order it adds them. typeFile gives every row a
 * slot for each (null until enriched), so that filling them in place never changes a row's shape.
 */
export function derivedKeys(table: Table): string[] {
  const borrowed = table.name !== 'studies' && columnOf(table, 'study_id') !== undefined;
  return ['review', 'review_verified', ...(borrowed ? STUDY_FIELDS.filter((f) => !columnOf(table, f)) : [])];
}

function membership(dataset: Dataset, verifiedOnly: boolean): Map<string, string[]> {
  const byStudy = new Map<string, string[]>();
  for (const row of dataset['review-studies']?.rows ?? []) {
    const study = row['study_id'];
    const review = row['review_id'];
    if (typeof study !== 'string' || typeof review !== 'string') continue;
    if (verifiedOnly && row['inclusion'] !== 'verified') continue;
    byStudy.set(study, [...(byStudy.get(study) ?? []), review]);
  }
  return byStudy;
}

function union(...lists: readonly (readonly string[])[]): readonly string[] {
  if (lists.every((l) => l.length === 0)) return NONE;
  return [...new Set(lists.flat())];
}

const NONE: readonly string[] = Object.freeze([]);

/** What the derived fields of any table are read from: each study's row and reviews. */
interface StudyIndex {
  studies: ReadonlyMap<string, Row>;
  studyReviews: (id: Cell | undefined, field: 'review' | 'review_verified') => readonly string[];
  /** No study rows and no review memberships: every derived field comes from the row alone. */
  empty: boolean;
}

function studyIndex(dataset: Dataset): StudyIndex {
  const reviewsOf = { review: membership(dataset, false), review_verified: membership(dataset, true) };
  const studies = new Map<string, Row>();
  for (const row of dataset.studies?.rows ?? []) {
    if (typeof row['study_id'] === 'string') studies.set(row['study_id'], row);
  }
  const studyReviews = (id: Cell | undefined, field: 'review' | 'review_verified'): readonly string[] =>
    typeof id === 'string' ? union(listOf(studies.get(id)?.[field]), reviewsOf[field].get(id) ?? []) : [];
  const empty = studies.size === 0 && reviewsOf.review.size === 0 && reviewsOf.review_verified.size === 0;
  return { studies, studyReviews, empty };
}

function enrichTable(
  table: Table,
  loaded: LoadedTable,
  { studies, studyReviews, empty }: StudyIndex,
  reuseRows: boolean,
): LoadedTable {
  const hasStudy = columnOf(table, 'study_id') !== undefined;
  // Copies of one template, filled in place: keyed additions past a dozen keys would turn each
  // row into a slow dictionary object (about 1 kB each, a million rows a gigabyte).
  let template: Record<string, Cell> | undefined;
  const borrowed = STUDY_FIELDS.filter((field) => !columnOf(table, field));
  const extraOf = (row: Row): Record<string, Cell> => {
    const extra: Record<string, Cell> = {};
    if (table.name === 'studies') {
      extra['review'] = studyReviews(row['study_id'], 'review');
      extra['review_verified'] = studyReviews(row['study_id'], 'review_verified');
    } else {
      const own = typeof row['review_id'] === 'string' ? [row['review_id']] : [];
      // A review-studies row belongs to its own review only, not to the other reviews of its study.
      const study = table.name === 'review-studies' ? undefined : row['study_id'];
      extra['review'] = union(own, studyReviews(study, 'review'));
      extra['review_verified'] = union(own, studyReviews(study, 'review_verified'));
      if (hasStudy) {
        const study = typeof row['study_id'] === 'string' ? studies.get(row['study_id']) : undefined;
        for (const field of borrowed) extra[field] = study?.[field] ?? null;
      }
    }
    return extra;
  };
  const first = loaded.rows[0];
  // In place only where every row has its slots (typeFile's rows of one file): a key added to a
  // row would turn a million rows into objects several times their size.
  const slots = derivedKeys(table);
  const inPlace =
    reuseRows && loaded.files.length === 1 && first !== undefined && slots.every((k) => Object.hasOwn(first, k));
  // The only cells a typed row may leave undefined: printed decimals not known yet.
  const unset = first ? Object.keys(first).filter((k) => k.endsWith('#decimals')) : [];
  const borrows = new Set<string>(hasStudy ? borrowed : []);
  // A file read without studies or review-studies (a million rows of arm counts): each row's
  // reviews are its own review_id, and it borrows nothing; filled without the lookups of extraOf.
  if (inPlace && empty && table.name !== 'studies') {
    const hasReview = columnOf(table, 'review_id') !== undefined;
    for (const given of loaded.rows) {
      const row = given as Record<string, Cell>;
      for (const k of unset) row[k] ??= null;
      const own = hasReview ? row['review_id'] : undefined;
      // union() makes a new array for each field of a row with a review, NONE for one without.
      row['review'] = typeof own === 'string' ? [own] : NONE;
      row['review_verified'] = typeof own === 'string' ? [own] : NONE;
      if (borrows.has('condition')) row['condition'] = null;
      if (borrows.has('design')) row['design'] = null;
      if (borrows.has('year')) row['year'] = null;
      if (borrows.has('country')) row['country'] = null;
    }
    return withRows(loaded, loaded.rows);
  }
  const rows = inPlace
    ? loaded.rows.map((given): Row => {
        const row = given as Record<string, Cell>;
        for (const k of unset) row[k] ??= null;
        const extra = extraOf(row);
        row['review'] = extra['review'] ?? null;
        row['review_verified'] = extra['review_verified'] ?? null;
        if (borrows.has('condition')) row['condition'] = extra['condition'] ?? null;
        if (borrows.has('design')) row['design'] = extra['design'] ?? null;
        if (borrows.has('year')) row['year'] = extra['year'] ?? null;
        if (borrows.has('country')) row['country'] = extra['country'] ?? null;
        return row;
      })
    : loaded.rows.map((row): Row => {
        const extra = extraOf(row);
        template ??= Object.fromEntries(Object.keys({ ...row, ...extra }).map((k) => [k, null]));
        const out: Record<string, Cell> = { ...template };
        for (const k in row) out[k] = row[k] ?? null;
        for (const k in extra) out[k] = extra[k] ?? null;
        return out;
      });
  return withRows(loaded, rows);
}

/**
 * Adds the derived fields to every row. A lazy dataset (the bundled snapshot) gives a lazy one:
 * a table is derived when first read, so a command pays only for the tables it looks at. With
 * `reuseRows`, the caller gives up the dataset: a table read from one file (whose rows share one
 * shape, as typeFile makes them) gets the fields added to its own rows instead of copies, so a
 * million rows are held once, not twice.
 */
export function enrich(dataset: Dataset, { reuseRows = false }: { reuseRows?: boolean } = {}): Dataset {
  let index: StudyIndex | undefined;
  const indexOf = () => (index ??= studyIndex(dataset));
  if (isLazy(dataset)) {
    const names = TABLES.filter((t) => Object.hasOwn(dataset, t.name)).map((t) => t.name);
    return lazyDataset(names, (name) =>
      enrichTable(tableByName(name), dataset[name] as LoadedTable, indexOf(), reuseRows),
    );
  }
  const result: Dataset = {};
  for (const table of TABLES) {
    const loaded = dataset[table.name];
    if (loaded) result[table.name] = enrichTable(table, loaded, indexOf(), reuseRows);
  }
  return result;
}

/** Every review id and study id of the loaded data, keyed by the fields that hold them. */
export function knownIds(dataset: Dataset): Map<string, Set<string>> {
  const reviews = new Set<string>();
  const studies = new Set<string>();
  for (const table of Object.values(dataset)) {
    for (const row of table.rows) {
      if (typeof row['review_id'] === 'string') reviews.add(row['review_id']);
      if (typeof row['study_id'] === 'string') studies.add(row['study_id']);
      for (const r of listOf(row['review'])) reviews.add(r);
    }
  }
  return new Map([
    ['review', reviews],
    ['review_verified', reviews],
    ['review_id', reviews],
    ['study_id', studies],
  ]);
}
