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

/** The keys of a table's origin-by-index and file-by-index functions (see originAt, fileAt). */
export const ORIGIN_AT: unique symbol = Symbol('origin at');
export const FILE_AT: unique symbol = Symbol('file at');

export interface LoadedTable {
  name: TableName;
  /** Columns present in at least one loaded file of this table. */
  columns: readonly string[];
  rows: readonly Row[];
  /** Parallel to `rows`; the typed files' tables make it on first read (a million objects). */
  origins: readonly Origin[];
  files: readonly string[];
  /** Row i's origin made on its own, without the array (typed files give it). */
  readonly [ORIGIN_AT]?: (i: number) => Origin | undefined;
  /** The file of row i, with no origin made (typed files give it). */
  readonly [FILE_AT]?: (i: number) => string | undefined;
}

/** The file row i came from, or undefined for a row without an origin. */
export function fileAt(table: LoadedTable, i: number): string | undefined {
  const at = table[FILE_AT];
  return at ? at(i) : table.origins[i]?.file;
}

/** Row i's origin: a check that reads every row's origin need not hold a million of them. */
export function originAt(table: LoadedTable, i: number): Origin | undefined {
  const at = table[ORIGIN_AT];
  return at ? at(i) : table.origins[i];
}

/**
 * `table` with other rows (as `{ ...table, rows }`), keeping a lazy `origins` lazy: a spread would
 * read it, making every origin of the table.
 */
export function withRows(table: LoadedTable, rows: readonly Row[]): LoadedTable {
  const descriptors = Object.getOwnPropertyDescriptors(table);
  return Object.defineProperties({}, { ...descriptors, rows: { ...descriptors.rows, value: rows } }) as LoadedTable;
}

/** Redefines `target.origins` (in its place among the keys) as made by `make` on first read, then kept. */
export function lazyOrigins<T extends { origins: readonly Origin[] }>(target: T, make: () => T['origins']): T {
  let made: T['origins'] | undefined;
  return Object.defineProperty(target, 'origins', {
    enumerable: true,
    configurable: true,
    get: () => (made ??= make()),
  });
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
