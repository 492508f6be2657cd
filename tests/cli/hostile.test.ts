import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KINDS } from '../fixtures/hostile/corpus.js';
import { runCli } from '../helpers/run-cli.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-hostile-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(DIR, name);
  writeFileSync(file, content);
  return file;
}

function clean(stderr: string): void {
  expect(stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
}

describe('hostile files (tests/fixtures/hostile/corpus.ts)', () => {
  it('has at least 60 kinds with distinct names', () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(KINDS.map((k) => k.name)).size).toBe(KINDS.length);
  });

  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (name, kind) => {
    const file = write(`${name}.csv`, kind.content);
    const out = await runCli(['validate', '--data', file]);
    clean(out.stderr);
    expect(out.code, out.stderr).toBe(kind.code);
    if (kind.code === 2) {
      expect(out.stderr).toMatch(kind.says);
      expect(out.stdout).toBe('');
    } else expect(out.stderr).toMatch(kind.says);
    if (kind.maxLines !== undefined) expect(out.stderr.trim().split('\n').length).toBeLessThanOrEqual(kind.maxLines);
  });
});

describe('special files and folders are input errors, checked before any read', () => {
  const fifo = path.join(DIR, 'pipe.csv');
  const hasMkfifo = (() => {
    try {
      execFileSync('mkfifo', [fifo]);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasMkfifo)('a FIFO given directly (it would block the read)', async () => {
    const out = await runCli(['validate', '--data', fifo]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/pipe\.csv: a named pipe \(FIFO\), not a regular file/);
  });

  it.skipIf(!hasMkfifo)('a FIFO inside a folder, and a link to it', async () => {
    const folder = path.join(DIR, 'with-fifo');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'studies.csv'), 'study_id,short_name,source\na-2001,A,invented\n');
    execFileSync('mkfifo', [path.join(folder, 'outcomes.csv')]);
    symlinkSync(path.join(folder, 'outcomes.csv'), path.join(folder, 'z-link.csv'));
    const out = await runCli(['validate', '--data', folder]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/with-fifo\/outcomes\.csv: a named pipe \(FIFO\)/);
    expect(out.stderr).toMatch(/with-fifo\/z-link\.csv: a named pipe \(FIFO\)/);
  });

  it('a character device (/dev/zero would never end)', async () => {
    const out = await runCli(['validate', '--data', '/dev/zero']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/\/dev\/zero: a character device, not a regular file/);
  });

  it('a link loop and a broken link', async () => {
    const loop = path.join(DIR, 'loop.csv');
    symlinkSync(loop, loop);
    const broken = path.join(DIR, 'broken.csv');
    symlinkSync(path.join(DIR, 'nowhere.csv'), broken);
    const out = await runCli(['validate', '--data', loop, '--data', broken]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/loop\.csv: cannot read: too many symbolic links/);
    expect(out.stderr).toMatch(/broken\.csv: no such file or folder/);
    clean(out.stderr);
  });

  // chmod cannot take read permission from root, so these run for ordinary users only.
  const root = process.getuid?.() === 0;
  it.skipIf(root)('a folder that cannot be read', async () => {
    const folder = path.join(DIR, 'locked');
    mkdirSync(folder, { mode: 0o000 });
    const out = await runCli(['validate', '--data', folder]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/locked: cannot read the folder: permission denied/);
  });
  it.skipIf(root)('a file that cannot be read', async () => {
    const file = write('locked.csv', 'study_id\n');
    execFileSync('chmod', ['000', file]);
    const out = await runCli(['validate', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/locked\.csv: cannot read: permission denied/);
  });
});
