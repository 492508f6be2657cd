/**
 * The bundled data/ folder, parsed and validated once by the build (`dist/data.json`) so that a
 * command on the bundled data does not parse CSV at every start. The snapshot is keyed by every
 * CSV file's name and bytes: an edited, added or removed file no longer matches, and the caller
 * reads the CSV files again. Never a stale answer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset, LoadedTable } from '../core/evidence/table.js';

/** The snapshot is two files: the dataset as JSON, and beside it the bytes it was made from. */
const sourceFileOf = (snapshotFile: string): string => `${snapshotFile}.source`;

/** Where a cell holds -0, which JSON writes as 0: table, row index, column. */
type NegativeZero = [string, number, string];

interface Snapshot {
  dataset: Dataset;
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

function restoreNegativeZeros({ dataset, negativeZeros }: Snapshot): Dataset {
  for (const [table, i, column] of negativeZeros) {
    const row = dataset[table as keyof Dataset]?.rows[i];
    if (row) (row as Record<string, unknown>)[column] = -0;
  }
  return dataset;
}

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
  const labels = new Map<string, string>();
  const label = (name: string): string => {
    let text = labels.get(name);
    if (text === undefined) labels.set(name, (text = labelOf(name)));
    return text;
  };
  const result: Dataset = {};
  for (const table of Object.values(dataset)) {
    const relabelled: LoadedTable = {
      ...table,
      files: table.files.map(label),
      // Plain {file, line, columns}: an origin may compute its columns on demand, which JSON would lose.
      origins: table.origins.map((o) => ({
        file: label(o.file),
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
  let dataset: Dataset;
  try {
    if (!readFileSync(sourceFileOf(snapshotFile)).equals(folderBytes(dataDir))) return undefined;
    dataset = restoreNegativeZeros(JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot);
  } catch {
    return undefined;
  }
  return relabel(dataset, (name) => label(path.join(dataDir, name)));
}

/** Writes the snapshot of a dataset read from `dataDir` (labels made relative to the folder). */
export async function writeSnapshot(snapshotFile: string, dataDir: string, dataset: Dataset): Promise<void> {
  const relative = relabel(dataset, (file) => path.relative(dataDir, path.resolve(file)));
  await mkdir(path.dirname(snapshotFile), { recursive: true });
  // The source bytes go last: until they are in place, no run can take the new JSON for valid.
  for (const [file, content] of [
    [snapshotFile, JSON.stringify({ dataset: relative, negativeZeros: negativeZerosOf(relative) } satisfies Snapshot)],
    [sourceFileOf(snapshotFile), folderBytes(dataDir)],
  ] as const) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, content);
    await rename(temp, file);
  }
}
