// The build's snapshot of the bundled data stands in for parsing it only while data/ is exactly
// what it was made from: an edited, added or removed CSV file is read afresh, never a stale answer.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enrich } from '../../src/core/evidence/dataset.js';
import { isLazy } from '../../src/core/evidence/lazy-dataset.js';
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

  it('derives the same enriched tables, lazily, as enriching the parsed CSV files', async () => {
    const { data, file } = await snapshotOfCopy();
    const snapshot = readSnapshot(file, data, same);
    expect(snapshot && isLazy(snapshot)).toBe(true);
    const enriched = enrich(snapshot ?? {});
    expect(isLazy(enriched)).toBe(true);
    // One table read first (its rows borrow from studies and review-studies), then all of them.
    const first = { 'adverse-events': enriched['adverse-events'] } as Dataset;
    const parsed = enrich(await loadDataset([data], io));
    // Reading it parsed what it derives from, and nothing else.
    const unread = (name: string) => snapshot && Object.getOwnPropertyDescriptor(snapshot, name)?.get !== undefined;
    expect(['adverse-events', 'studies', 'review-studies', 'outcomes', 'claims'].map(unread)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(plain(first)).toEqual(plain({ 'adverse-events': parsed['adverse-events'] }));
    // JSON keeps no key whose cell is undefined (a "#decimals" of an empty cell), which enrich then fills
    // with null on the parsed side only: the same empty cell either way.
    const filled = (dataset: Dataset) =>
      Object.values(plain(dataset)).map((t) => ({
        ...t,
        rows: t.rows.map((r) =>
          Object.fromEntries(Object.entries(r).filter(([k, v]) => !k.includes('#') || v !== null)),
        ),
      }));
    expect(filled(enriched)).toEqual(filled(parsed));
    expect(Object.keys(enriched)).toEqual(Object.keys(parsed));
  });

  it('is not used when it is missing, cut short or unreadable', async () => {
    const { data, file } = await snapshotOfCopy();
    writeFileSync(file, readFileSync(file, 'latin1').slice(0, -1), 'latin1');
    expect(readSnapshot(file, data, same)).toBeUndefined();
    writeFileSync(file, '{not json');
    expect(readSnapshot(file, data, same)).toBeUndefined();
    expect(readSnapshot(path.join(path.dirname(file), 'none.json'), data, same)).toBeUndefined();
  });

  it('gives the default load the same dataset as reading data/ (the build made it)', async () => {
    expect(await loadDataset([], io)).toEqual(plain(await loadDataset([bundledDataDir()], io)));
  });
});
