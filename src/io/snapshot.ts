/**
 * The bundled data/ folder, parsed and validated once by the build (`dist/data.json`) so that a
 * command on the bundled data does not parse CSV at every start. The snapshot is keyed by every
 * CSV file's name and bytes: an edited, added or removed file no longer matches, and the caller
 * reads the CSV files again. Never a stale answer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lazyDataset } from '../core/evidence/lazy-dataset.js';
import type { TableName } from '../core/evidence/schema/index.js';
import type { Dataset, LoadedTable } from '../core/evidence/table.js';

/** The snapshot is two files: the dataset as JSON, and beside it the bytes it was made from. */
const sourceFileOf = (snapshotFile: string): string => `${snapshotFile}.source`;

/** Where a cell holds -0, which JSON writes as 0: table, row index, column. */
type NegativeZero = [string, number, string];

/**
 * The JSON file is a header line, then each table's JSON one after the other, so that a run parses
 * only the tables it reads (see lazy-dataset.ts). The header gives each table's place in the text
 * after it, and that text's length: a cut file is not taken for the snapshot.
 */
interface Header {
  tables: [TableName, number, number][];
  length: number;
  negativeZeros: NegativeZero[];
}

function negativeZerosOf(dataset: Dataset): NegativeZero[] {
  const found: NegativeZero[] = [];
  for (const table of Object.values(dataset)) {
    table.rows.forEach((row, i) => {
      for (const [column, cell] of Object.entries(row)) if (Object.is(cell, -0)) found.push([table.name, i, column]);
    });
  }
  return found;
}

/** JSON in ASCII (every other character escaped): read as Latin-1, it decodes and parses fastest. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The CSV files of a folder, in name order. */
function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .sort();
}

/**
 * What the snapshot must have been made from: every CSV file's name, then its bytes. Comparing
 * bytes is exact and, being a memcmp, cheaper than hashing them.
 */
function folderBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const name of csvFiles(dir)) {
    const bytes = readFileSync(path.join(dir, name));
    parts.push(Buffer.from(`${name}\0${bytes.length}\0`), bytes);
  }
  return Buffer.concat(parts);
}

/** File labels in the snapshot are names inside the folder; a run shows them as its loader would. */
function relabel(dataset: Dataset, labelOf: (name: string) => string): Dataset {
  const result: Dataset = {};
  for (const table of Object.values(dataset)) {
    const relabelled: LoadedTable = {
      ...table,
      files: table.files.map(labelOf),
      // Plain {file, line, columns}: an origin may compute its columns on demand, which JSON would lose.
      origins: table.origins.map((o) => ({
        file: labelOf(o.file),
        line: o.line,
        ...(o.columns === undefined ? {} : { columns: o.columns }),
      })),
    };
    result[table.name] = relabelled;
  }
  return result;
}

/** The snapshot's dataset when it was made from exactly these files, else undefined. */
export function readSnapshot(
  snapshotFile: string,
  dataDir: string,
  label: (file: string) => string,
): Dataset | undefined {
  let text: string;
  let header: Header;
  let body: number;
  try {
    if (!readFileSync(sourceFileOf(snapshotFile)).equals(folderBytes(dataDir))) return undefined;
    text = readFileSync(snapshotFile, 'latin1');
    body = text.indexOf('\n') + 1;
    header = JSON.parse(text.slice(0, body)) as Header;
    if (body === 0 || text.length - body !== header.length) return undefined;
  } catch {
    return undefined;
  }
  const labels = new Map<string, string>();
  const labelOf = (name: string): string => {
    let shown = labels.get(name);
    if (shown === undefined) labels.set(name, (shown = label(path.join(dataDir, name))));
    return shown;
  };
  const places = new Map(header.tables.map(([name, from, to]) => [name, [body + from, body + to] as const]));
  return lazyDataset([...places.keys()], (name) => {
    const [from, to] = places.get(name) ?? [0, 0];
    const table = JSON.parse(text.slice(from, to)) as LoadedTable;
    for (const [of, i, column] of header.negativeZeros) {
      const row = of === name ? table.rows[i] : undefined;
      if (row) (row as Record<string, unknown>)[column] = -0;
    }
    // Fresh from JSON.parse, so relabelled in place.
    table.files = table.files.map(labelOf);
    for (const origin of table.origins) origin.file = labelOf(origin.file);
    return table;
  });
}

/** Writes the snapshot of a dataset read from `dataDir` (labels made relative to the folder). */
export async function writeSnapshot(snapshotFile: string, dataDir: string, dataset: Dataset): Promise<void> {
  const relative = relabel(dataset, (file) => path.relative(dataDir, path.resolve(file)));
  const tables: Header['tables'] = [];
  let json = '';
  for (const table of Object.values(relative)) {
    const text = asciiJson(table);
    tables.push([table.name, json.length, json.length + text.length]);
    json += text;
  }
  const header: Header = { tables, length: json.length, negativeZeros: negativeZerosOf(relative) };
  await mkdir(path.dirname(snapshotFile), { recursive: true });
  // The source bytes go last: until they are in place, no run can take the new JSON for valid.
  for (const [file, content] of [
    [snapshotFile, `${asciiJson(header)}\n${json}`],
    [sourceFileOf(snapshotFile), folderBytes(dataDir)],
  ] as const) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, content);
    await rename(temp, file);
  }
}
