// The build's snapshot of the bundled data stands in for parsing it only while data/ is exactly
// what it was made from: an edited, added or removed CSV file is read afresh, never a stale answer.
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/evidence/table.js';
import type { Io } from '../../src/io/io.js';
import { bundledDataDir, loadDataset } from '../../src/io/load.js';
import { readSnapshot, writeSnapshot } from '../../src/io/snapshot.js';
import { REPO } from '../helpers/run-cli.js';

const io: Io = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  readStdin: () => Promise.resolve(''),
  env: {},
  cwd: REPO,
};
// Outside the working directory the loader labels files by their full path.
const same = (file: string) => file;
const dirs: string[] = [];
/** Origins as data (an origin may compute its columns on demand): what the snapshot must keep. */
const plain = (dataset: Dataset): Dataset =>
  Object.fromEntries(
    Object.entries(dataset).map(([name, table]) => [
      name,
      { ...table, origins: table.origins.map((o) => ({ file: o.file, line: o.line, columns: o.columns })) },
    ]),
  );
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function snapshotOfCopy() {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-snapshot-'));
  dirs.push(dir);
  const data = path.join(dir, 'data');
  cpSync(bundledDataDir(), data, { recursive: true });
  const file = path.join(dir, 'dist', 'data.json');
  await writeSnapshot(file, data, await loadDataset([data], io));
  return { data, file };
}

describe('the bundled data snapshot', () => {
  it('holds exactly what parsing and validating the CSV files gives', async () => {
    const { data, file } = await snapshotOfCopy();
    const parsed = await loadDataset([data], io);
    expect(readSnapshot(file, data, same)).toEqual(plain(parsed));
  });

  it('is not used once a file changes, is added or is removed', async () => {
    const { data, file } = await snapshotOfCopy();
    appendFileSync(path.join(data, 'reviews.csv'), ' ');
    expect(readSnapshot(file, data, same)).toBeUndefined();

    const fresh = await snapshotOfCopy();
    writeFileSync(path.join(fresh.data, 'extra.csv'), 'study_id\n');
    expect(readSnapshot(fresh.file, fresh.data, same)).toBeUndefined();

    const third = await snapshotOfCopy();
    rmSync(path.join(third.data, 'claims.csv'));
    expect(readSnapshot(third.file, third.data, same)).toBeUndefined();
  });

  it('is not used when it is missing or unreadable', async () => {
    const { data, file } = await snapshotOfCopy();
    writeFileSync(file, '{not json');
    expect(readSnapshot(file, data, same)).toBeUndefined();
    expect(readSnapshot(path.join(path.dirname(file), 'none.json'), data, same)).toBeUndefined();
  });

  it('gives the default load the same dataset as reading data/ (the build made it)', async () => {
    expect(await loadDataset([], io)).toEqual(plain(await loadDataset([bundledDataDir()], io)));
  });
});
