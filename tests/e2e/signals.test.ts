// Signals and files: Ctrl-C and kill exit 130/143 without leaving temporary files; writes through a
// symbolic link replace its target and keep the link.
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removePendingTemps, writeFileAtomic } from '../../src/io/output.js';
import { REPO, runCli } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const DIR = mkdtempSync(path.join(tmpdir(), 'acu-signals-'));

/** Starts `validate --data -` (it waits for stdin), sends the signal after `delay` ms, resolves the exit code. */
function exitAfter(signal: NodeJS.Signals, delay: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'validate', '--data', '-'], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The handlers are installed before stdin is read; stdin readable means main() is running.
    setTimeout(() => child.kill(signal), delay);
    child.on('exit', (code) => resolve(code));
  });
}

/**
 * The exit code once the CLI runs. A signal that comes before the handlers are installed (a start
 * slowed by a busy machine) kills the process outright (code null): then the same again, later.
 * A CLI without handlers is killed outright every time, and the test fails.
 */
async function exitOnSignal(signal: NodeJS.Signals): Promise<number | null> {
  let code: number | null = null;
  for (const delay of [1500, 5000, 12000]) {
    code = await exitAfter(signal, delay);
    if (code !== null) return code;
  }
  return code;
}

describe('signals', () => {
  it('SIGINT exits 130', async () => {
    expect(await exitOnSignal('SIGINT')).toBe(130);
  }, 40_000);
  it('SIGTERM exits 143', async () => {
    expect(await exitOnSignal('SIGTERM')).toBe(143);
  }, 40_000);

  it('removePendingTemps removes nothing once writes have finished, and no temp file survives', async () => {
    const file = path.join(DIR, 'out.csv');
    await writeFileAtomic(file, 'a\n');
    expect(removePendingTemps()).toBe(0);
    expect(readdirSync(DIR).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writes through a symbolic link', () => {
  it('--output through a link replaces the target and keeps the link', async () => {
    const target = path.join(DIR, 'target.csv');
    const link = path.join(DIR, 'link.csv');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    const out = await runCli(['studies', '--format', 'csv', '--output', link]);
    expect(out.code, out.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/^study_id,/);
    expect(readdirSync(DIR).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
