/** The shapes of the data model: column types, columns, tables and their rules. */
import type { VocabularyName } from './vocabularies.js';

/** How a cell is parsed; `list` cells hold `;`-separated values of a vocabulary or free text. */
export type ColumnType =
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'enum'; vocabulary: VocabularyName }
  | { kind: 'list'; vocabulary?: VocabularyName };

export interface Column {
  name: string;
  type: ColumnType;
  /** The header must contain this column. */
  required?: boolean;
  /** Part of the row's identity: duplicates of the key are an error. */
  key?: boolean;
  unit?: string;
  /** Filled by the tool from other tables; a file may carry it (the tool's own CSV output does). */
  derived?: boolean;
  /** A number whose printed decimals matter (47.60 is not 47.6): the loader keeps them (see derive.ts). */
  printed?: boolean;
  description: string;
}

interface TableRule {
  /** Columns whose values, when both are present, must satisfy `low <= high`. */
  ordered?: readonly (readonly [string, string])[];
  /** Columns that may not exceed their denominator. */
  notAbove?: readonly (readonly [string, string])[];
  /** At least one of these columns must be filled on every row. */
  oneOf?: readonly (readonly string[])[];
  /** Percentages in [0, 100]. */
  percent?: readonly string[];
  /** Numbers that may not be negative. */
  nonNegative?: readonly string[];
  /** When the first column is filled, the second must be too. */
  requires?: readonly (readonly [string, string])[];
  /** A column whose values (compared case-insensitively) depend on another's: `values` per value of `by`. */
  dependsOn?: readonly { column: string; by: string; values: Readonly<Record<string, readonly string[]>> }[];
}

export interface Table {
  name: TableName;
  file: string;
  description: string;
  rowIs: string;
  columns: readonly Column[];
  rules: TableRule;
}

export type TableName =
  | 'reviews'
  | 'review-studies'
  | 'studies'
  | 'outcomes'
  | 'adverse-events'
  | 'pooled'
  | 'analyses'
  | 'distributions'
  | 'patient-records'
  | 'clinic-records'
  | 'claims';
