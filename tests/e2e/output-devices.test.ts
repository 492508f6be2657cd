// Output onto things that are not regular files, and output that cannot be written. `-o` onto a
// FIFO or a character device writes into it (no temporary file, no rename: the FIFO or device stays
// what it was); a document's picture, a document rewritten in place and imported or initialised
// tables refuse them (exit 2, nothing written). A stdout or stderr that fails (a full device, a
// closed descriptor) gives one line "acu-evidence: cannot write output: <reason>" and exit 2.
// Devices are made with mknod under a temporary folder (root only; skipped otherwise), never /dev's.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const DIR = mkdtempSync(path.join(tmpdir(), 'acu-devices-'));
const COCHRANE = `${REPO}/tests/fixtures/cochrane/`;

function made(tool: string, args: string[]): boolean {
  try {
    execFileSync(tool, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A null device (1,3) and a full device (1,7) of our own: creating them needs root. */
const NULL = path.join(DIR, 'null');
const FULL = path.join(DIR, 'full');
const hasDevices =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  made('mknod', [NULL, 'c', '1', '3']) &&
  made('mknod', [FULL, 'c', '1', '7']);
const hasFifo = made('mkfifo', [path.join(DIR, 'probe')]);

function fifo(name: string): string {
  const file = path.join(DIR, name);
  execFileSync('mkfifo', [file]);
  return file;
}

interface Exit {
  code: number | null;
  stderr: string;
}

/** Runs the built binary with stdout on the given descriptor (or closed by the shell, 'closed'). */
function runBinary(argv: string[], stdout: number | 'closed', stderr: number | 'pipe' = 'pipe'): Promise<Exit> {
  return new Promise((resolve) => {
    const child =
      stdout === 'closed'
        ? spawn('sh', ['-c', `exec "$0" "$@" >&-`, process.execPath, BIN, ...argv], {
            cwd: REPO,
            stdio: ['ignore', 'pipe', stderr],
          })
        : spawn(process.execPath, [BIN, ...argv], { cwd: REPO, stdio: ['ignore', stdout, stderr] });
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stderr: text }));
  });
}

describe.skipIf(!hasFifo)('-o onto a FIFO', () => {
  it('writes into the FIFO (a reader gets the output) and leaves it a FIFO', async () => {
    const pipe = fifo('out.fifo');
    const expected = await runCli(['studies', '--format', 'csv']);
    expect(expected.code).toBe(0);
    const [read, out] = await Promise.all([readFile(pipe, 'utf8'), runCli(['studies', '--format', 'csv', '-o', pipe])]);
    expect(out.code, out.stderr).toBe(0);
    expect(read).toBe(expected.stdout);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it('import --into a folder whose table is a FIFO refuses before writing any table', async () => {
    const into = mkdtempSync(path.join(DIR, 'import-'));
    writeFileSync(path.join(into, 'studies.csv'), 'old\n');
    const pipe = path.join(into, 'outcomes.csv');
    execFileSync('mkfifo', [pipe]);
    const out = await runCli(['import', `${COCHRANE}Fleiss1993.rm5`, '--into', into, '--force']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/outcomes\.csv is a FIFO; nothing was written/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readFileSync(path.join(into, 'studies.csv'), 'utf8')).toBe('old\n');
  });

  it('init --force into a folder whose table is a FIFO refuses, the FIFO intact', async () => {
    const into = mkdtempSync(path.join(DIR, 'init-'));
    const pipe = path.join(into, 'studies.csv');
    execFileSync('mkfifo', [pipe]);
    const out = await runCli(['init', into, '--force']);
    expect(out.code, out.stdout).toBe(2);
    expect(out.stderr).toMatch(/studies\.csv is a FIFO; nothing was written/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it("render refuses a block's image= that is a FIFO, and writes nothing", async () => {
    const dir = mkdtempSync(path.join(DIR, 'render-'));
    const pipe = path.join(dir, 'forest.svg');
    execFileSync('mkfifo', [pipe]);
    const doc = path.join(dir, 'post.md');
    const text = `<!-- acu-evidence plot forest measure=RR method=REML image=forest.svg -->\n<!-- /acu-evidence -->\n`;
    writeFileSync(doc, text);
    const out = await runCli(['render', doc]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/post\.md:1: .*not a regular file/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readFileSync(doc, 'utf8')).toBe(text);
  });
});

describe.skipIf(!hasDevices)('-o onto a character device (our own mknod, never /dev)', () => {
  it('a null device: written into, exit 0, still a device', async () => {
    const out = await runCli(['summary', '-o', NULL]);
    expect(out.code, out.stderr).toBe(0);
    expect(lstatSync(NULL).isCharacterDevice()).toBe(true);
  });

  it('through a symbolic link: the link stays a link, the device a device', async () => {
    const link = path.join(DIR, 'null-link');
    symlinkSync(NULL, link);
    const out = await runCli(['summary', '-o', link]);
    expect(out.code, out.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(NULL).isCharacterDevice()).toBe(true);
  });

  it('a full device: one error line, exit 2, the device intact', async () => {
    const out = await runCli(['summary', '-o', FULL]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`error: cannot write ${FULL}: no space left on device\n`);
    expect(lstatSync(FULL).isCharacterDevice()).toBe(true);
  });

  it("render refuses a block's image= that is a device", async () => {
    const dir = mkdtempSync(path.join(DIR, 'render-dev-'));
    execFileSync('mknod', [path.join(dir, 'forest.png'), 'c', '1', '3']);
    const doc = path.join(dir, 'post.md');
    writeFileSync(
      doc,
      `<!-- acu-evidence plot forest measure=RR method=REML image=forest.png -->\n<!-- /acu-evidence -->\n`,
    );
    const out = await runCli(['render', doc]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not a regular file/);
    expect(lstatSync(path.join(dir, 'forest.png')).isCharacterDevice()).toBe(true);
  });
});

describe('stdout or stderr that cannot be written', () => {
  it.skipIf(!hasDevices)(
    'stdout on a full device: one line, exit 2 (not 3, no stack)',
    async () => {
      const fd = openSync(FULL, 'w');
      try {
        const out = await runBinary(['summary'], fd);
        expect(out.code).toBe(2);
        expect(out.stderr).toBe('acu-evidence: cannot write output: no space left on device\n');
      } finally {
        closeSync(fd);
      }
    },
    20_000,
  );

  it.skipIf(!hasDevices)(
    'stderr on a full device: exit 2 although the command succeeded',
    async () => {
      const fd = openSync(FULL, 'w');
      const sink = openSync(NULL, 'w');
      try {
        // summary writes its notes to stderr.
        const out = await runBinary(['summary'], sink, fd);
        expect(out.code).toBe(2);
      } finally {
        closeSync(fd);
        closeSync(sink);
      }
    },
    20_000,
  );

  // Node reopens a closed stdout on /dev/null, read-write, before any code of ours runs: the same
  // descriptor a parent's stdio 'ignore' (or Python's DEVNULL) gives. Telling them apart is
  // guesswork, and a guess that is wrong fails a caller that only discards the output.
  it('stdout discarded by the parent (stdio "ignore": /dev/null read-write): exit 0, nothing on stderr', async () => {
    const out = await new Promise<Exit>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'summary', '--quiet'], {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stderr: text }));
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe('');
  }, 20_000);

  it.skipIf(process.platform !== 'linux')(
    'stdout closed but nothing written to it: exit 0',
    async () => {
      const out = await runBinary(['summary', '-o', path.join(DIR, 'summary.txt'), '--quiet'], 'closed');
      expect(out.code, out.stderr).toBe(0);
    },
    20_000,
  );
});
