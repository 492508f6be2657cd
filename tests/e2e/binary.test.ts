// Spawns the built binary (npm test builds it first) as a user would, with NO_COLOR=1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;

const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };

function cli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Feeds `input` to the binary and closes its stdout after `bytes` bytes, like `| head -c`. */
function readThenClose(
  args: readonly string[],
  input: string,
  bytes: number,
): Promise<{ code: number | null; head: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: ENV });
    let head = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      head += d.toString();
      if (head.length >= bytes) child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, head: head.slice(0, bytes), stderr }));
    child.stdin.end(input);
  });
}

describe('the built binary', () => {
  it('exists (npm test builds it)', () => {
    expect(existsSync(`${REPO}/dist/cli.cjs`)).toBe(true);
  });

  it('lists the bundled studies without colour', () => {
    const { code, stdout, stderr } = cli(['studies']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^┌─+┬/);
    expect(stdout).toContain('│ study_id');
    expect(stdout).not.toContain('\u001b[');
    expect(stderr).toMatch(/^\d+ of \d+ studies match\.\n$/);
  });

  it('validates the bundled data and prints the coverage report', () => {
    const { code, stdout, stderr } = cli(['validate']);
    expect(code).toBe(0);
    expect(stdout).toContain('vickers-2018');
    expect(stderr).toMatch(/^ok: \d+ files, \d+ rows, no problems\./);
  });

  it('exits quietly when the reader of a pipe goes away', async () => {
    // Many copies of the bundled studies (with fresh ids) make an output far larger than a pipe buffer.
    const studies = readFileSync(`${REPO}/data/studies.csv`, 'utf8').trimEnd().split('\n');
    const [header = '', ...rows] = studies;
    const copies = Array.from({ length: 200 }, (_, i) => rows.map((r) => r.replace(/^([^,]+)/, `$1-copy${i}`))).flat();
    const { code, head, stderr } = await readThenClose(
      ['studies', '--data', '-', '--format', 'csv'],
      [header, ...copies].join('\n'),
      10,
    );
    expect(head).toBe(header.slice(0, 10));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(0);
  });

  it('writes the same bytes to a file as to a pipe, and runs to the end into /dev/null', () => {
    // A file and /dev/null are written directly (src/io/stdio.ts), a pipe too; the shell's `cat` reads it.
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-stdio-'));
    const file = path.join(dir, 'out.txt');
    const piped = cli(['summary', '--format', 'markdown']);
    const toFile = spawnSync(
      'sh',
      [
        '-c',
        `"$0" "$1" summary --format markdown >"$2" && "$0" "$1" summary --format markdown >/dev/null`,
        process.execPath,
        BIN,
        file,
      ],
      { cwd: REPO, encoding: 'utf8', env: ENV },
    );
    expect(piped.code).toBe(0);
    expect(toFile.status, toFile.stderr).toBe(0);
    expect(piped.stdout).toMatch(/^\| review/);
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
    expect(toFile.stderr).toBe(piped.stderr + piped.stderr);
  });

  it('never leaves temporary files beside --output', () => {
    const { code } = cli(['studies', '--format', 'markdown', '--output', 'dist/studies.md']);
    expect(code).toBe(0);
    expect(readdirSync(`${REPO}/dist`).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(`${REPO}/dist/studies.md`, 'utf8')).toMatch(/^\| study_id/);
  });

  it('reports bad input with file:line, exit 2 and no stack trace', () => {
    const { code, stdout, stderr } = cli(['validate', '--data', 'tests/fixtures/bad/text-in-count.csv']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'tests/fixtures/bad/text-in-count.csv:3:16: n_randomised: expected a whole number, got "many"\n1 problem found; nothing was written.\n',
    );
  });

  it('summarises the invented clinic in 80 columns and refuses a MYMOP score of 7 with file:line', () => {
    const ok = cli(['clinic', '--data', 'examples/invented-clinic-records.csv', '--group-by', 'condition']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(
      Math.max(
        ...ok.stdout
          .trimEnd()
          .split('\n')
          .map((l) => [...l].length),
      ),
    ).toBeLessThanOrEqual(80);
    const bad = cli(['clinic', '--data', 'tests/fixtures/clinic/bad-score.csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'tests/fixtures/clinic/bad-score.csv:3:35: activity: a MYMOP score is a whole number from 0 to 6, got 7\n1 problem found; nothing was written.\n',
    );
  });

  it('imports a RevMan 5 file and pools analysis 1.1 as RevMan stored it', () => {
    const into = mkdtempSync(path.join(tmpdir(), 'acu-e2e-import-'));
    const imported = cli(['import', 'tests/fixtures/cochrane/Fleiss1993.rm5', '--into', into, '--force']);
    expect(imported.code, imported.stderr).toBe(0);
    const out = cli(['meta', '--data', into, '--where', 'analysis=1.1', '--measure', 'OR', '--method', 'MH']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('0.90 [0.84, 0.96]');
    expect(out.stdout).toContain('I² = 39.7%');
  });
});
