/**
 * The tables of the data model, one file each in tables/: one source of truth for loading,
 * validation, --where typing, error messages and the codebook in data/README.md (generated from it).
 */
import { CLINIC_RECORDS } from '../../clinic/table.js';
import { REVIEWS } from './tables/reviews.js';
import { REVIEW_STUDIES } from './tables/review-studies.js';
import { STUDIES } from './tables/studies.js';
import { OUTCOMES } from './tables/outcomes.js';
import { ADVERSE_EVENTS } from './tables/adverse-events.js';
import { POOLED } from './tables/pooled.js';
import { ANALYSES } from './tables/analyses.js';
import { DISTRIBUTIONS } from './tables/distributions.js';
import { PATIENT_RECORDS } from './tables/patient-records.js';
import { CLAIMS } from './tables/claims.js';
import type { Column, Table, TableName } from './types.js';

export * from './columns.js';
export * from './types.js';
export * from './vocabularies.js';

/** Every table, in the order the codebook lists them. */
export const TABLES: readonly Table[] = [
  REVIEWS,
  REVIEW_STUDIES,
  STUDIES,
  OUTCOMES,
  ADVERSE_EVENTS,
  POOLED,
  ANALYSES,
  DISTRIBUTIONS,
  PATIENT_RECORDS,
  CLINIC_RECORDS,
  CLAIMS,
];

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

export function tableByName(name: TableName): Table {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown table ${name}`);
  return table;
}

const COLUMN_INDEX = new WeakMap<Table, ReadonlyMap<string, Column>>();

/** A table's column by name; looked up in an index, since every typed cell asks. */
export function columnOf(table: Table, name: string): Column | undefined {
  let index = COLUMN_INDEX.get(table);
  if (!index) {
    index = new Map(table.columns.map((c) => [c.name, c]));
    COLUMN_INDEX.set(table, index);
  }
  return index.get(name);
}
