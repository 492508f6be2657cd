/** What a command hands to the renderers: a table view for humans and a result object for JSON. */
import type { Row } from '../core/evidence/table.js';

/** `year` is an integer shown without thousands separators. */
export type ValueKind = 'text' | 'integer' | 'year' | 'number' | 'percent' | 'list' | 'boolean';

export interface ReportColumn {
  key: string;
  /** Header text; the key itself when absent (so that users see the names --where accepts). */
  header?: string;
  kind: ValueKind;
  /** Fixed decimals for numbers (people only; CSV and JSON keep every digit). */
  digits?: number;
  /** At most this many decimals, trailing zeros dropped (people only). */
  maxDigits?: number;
  /**
   * A composite cell: two row fields of `kind` shown together as [lo, hi] (interval), lo–hi
   * (range) or x/n (fraction). CSV writes the two fields as columns of their own.
   */
  join?: { style: 'interval' | 'range' | 'fraction'; parts: readonly [string, string] };
  /**
   * Which columns a terminal too narrow for the table leaves out first: the highest number goes
   * first; 0 is never left out. Default: the first column 0, the others their position.
   */
  priority?: number;
}

export interface Report {
  command: string;
  /** The --where expressions applied, as typed. */
  filters: readonly string[];
  columns: readonly ReportColumn[];
  rows: readonly Row[];
  /** Shown after the rows in table, Markdown and CSV output. */
  total?: Row;
  /** Printed on stderr (unless --quiet): coverage, caveats. */
  notes: readonly string[];
  /** The `result` member of the JSON envelope. */
  json: unknown;
  /** One value: table and Markdown print the first column of the first row alone, for sentences. */
  scalar?: boolean;
}

export type Format = 'table' | 'markdown' | 'csv' | 'json';
export const FORMATS: readonly Format[] = ['table', 'markdown', 'csv', 'json'];

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: Style = { bold: (t) => t, dim: (t) => t };
