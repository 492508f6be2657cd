/**
 * A dataset whose tables are made when first read. The bundled snapshot parses a table only when a
 * command looks at it, and enrich derives a table of such a dataset only then: `summary` never pays
 * for the outcomes or the claims. Each table is an enumerable own property from the start, so
 * Object.keys, Object.values, spreads and `in` see what they would see on an eager dataset.
 */
import type { TableName } from './schema/index.js';
import type { Dataset, LoadedTable } from './table.js';

const lazy = new WeakSet<Dataset>();

export function lazyDataset(names: readonly TableName[], make: (name: TableName) => LoadedTable): Dataset {
  const dataset: Dataset = {};
  const settle = (name: TableName, table: LoadedTable | undefined) =>
    Object.defineProperty(dataset, name, { value: table, enumerable: true, configurable: true, writable: true });
  for (const name of names) {
    Object.defineProperty(dataset, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const table = make(name);
        settle(name, table);
        return table;
      },
      set: (table: LoadedTable | undefined) => settle(name, table),
    });
  }
  lazy.add(dataset);
  return dataset;
}

/** Whether the dataset's tables are made on first use (then what is derived from it can be too). */
export function isLazy(dataset: Dataset): boolean {
  return lazy.has(dataset);
}
