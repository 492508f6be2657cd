import type { TableName } from './schema/index.js';

/** A typed cell: text, number, boolean, a `;`-list, or null for unknown (an empty cell). */
export type Cell = string | number | boolean | readonly string[] | null;

export type Row = Readonly<Record<string, Cell>>;

/** Where a row came from, for error messages. */
export interface Origin {
  file: string;
  line: number;
  /** 1-based character column of each field, by column name. */
  columns?: Readonly<Record<string, number>>;
}

export interface LoadedTable {
  name: TableName;
  /** Columns present in at least one loaded file of this table. */
  columns: readonly string[];
  rows: readonly Row[];
  origins: readonly Origin[];
  files: readonly string[];
}

export type Dataset = Partial<Record<TableName, LoadedTable>>;

export function isList(cell: Cell): cell is readonly string[] {
  return Array.isArray(cell);
}

export function listOf(cell: Cell | undefined): readonly string[] {
  if (cell === null || cell === undefined) return [];
  if (isList(cell)) return cell;
  return [String(cell)];
}
