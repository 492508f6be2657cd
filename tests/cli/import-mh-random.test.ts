// An imported analysis RevMan set to Mantel-Haenszel with random effects (review finding 5) pools as
// RevMan 5 does: DL with Q about the MH estimate. Fleiss 1993 analysis 1.1 (tests/fixtures/cochrane)
// with its RANDOM setting turned on; expected numbers from tests/fixtures/revman-random/mh-random.json
// (R, by hand from R meta's Q.Cochrane rule; the Q equals RevMan's stored CHI2 9.946055983220074).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { close } from '../helpers/close.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;
const REF = JSON.parse(
  readFileSync(new URL('../fixtures/revman-random/mh-random.json', import.meta.url), 'utf8'),
) as Record<string, { Q: number; tau2: number; estimate: number; ci_lb: number; ci_ub: number; I2: number }>;
const STORED_CHI2 = 9.946055983220074;

async function importRandom(): Promise<{ folder: string; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-mh-random-'));
  const text = readFileSync(path.join(COCHRANE, 'Fleiss1993.rm5'), 'latin1');
  const outcome = /<DICH_OUTCOME [^>]*>/.exec(text)?.[0] ?? '';
  expect(outcome).toContain('RANDOM="NO"');
  const file = path.join(dir, 'Fleiss1993-random.rm5');
  writeFileSync(file, text.replace(outcome, outcome.replace('RANDOM="NO"', 'RANDOM="YES"')), 'latin1');
  const folder = path.join(dir, 'review');
  const out = await runCli(['import', file, '--into', folder]);
  expect(out.code, out.stderr).toBe(0);
  return { folder, stdout: out.stdout + out.stderr };
}

interface Result {
  method: string;
  QE: number;
  tau2: number;
  estimate: number;
  ci_lb: number;
  ci_ub: number;
  I2: number;
}

async function meta(folder: string, extra: string[] = []): Promise<{ result: Result; stderr: string }> {
  const out = await runCli(['meta', '--data', folder, '--where', 'analysis=1.1', '--json', ...extra]);
  expect(out.code, out.stderr).toBe(0);
  return { result: (JSON.parse(out.stdout) as { result: Result }).result, stderr: out.stderr };
}

describe('RevMan random-effects Mantel-Haenszel, imported', () => {
  it('meta with RevMan’s settings: DL with Q about the MH estimate (= RevMan’s stored Chi²), and says so', async () => {
    const { folder, stdout } = await importRandom();
    expect(stdout).toMatch(/meta --data \S+ --where "analysis=1\.1" {2}# RevMan: OR, Mantel-Haenszel, random effects/);
    expect(stdout).toMatch(/DL with Q about the MH estimate/);
    const { result, stderr } = await meta(folder);
    const ref = REF['fleiss_or'];
    if (!ref) throw new Error('no reference');
    expect(result.method).toBe('DL');
    close(result.QE, ref.Q);
    close(result.QE, STORED_CHI2);
    close(result.tau2, ref.tau2);
    close(result.estimate, ref.estimate);
    close(result.ci_lb, ref.ci_lb);
    close(result.ci_ub, ref.ci_ub);
    close(result.I2, ref.I2);
    expect(stderr).toMatch(/Q about the Mantel-Haenszel estimate, as RevMan 5/);
  });

  it('--measure RR keeps RevMan’s random-effects MH rule', async () => {
    const { folder } = await importRandom();
    const { result } = await meta(folder, ['--measure', 'RR']);
    const ref = REF['fleiss_rr'];
    if (!ref) throw new Error('no reference');
    close(result.tau2, ref.tau2);
    close(result.estimate, ref.estimate);
  });

  it('--method DL given: the inverse-variance Q, as metafor rma(method = "DL")', async () => {
    const { folder } = await importRandom();
    const { result, stderr } = await meta(folder, ['--method', 'DL']);
    const ref = REF['fleiss_or'] as unknown as { Q_iv: number; tau2_iv: number };
    close(result.QE, ref.Q_iv);
    close(result.tau2, ref.tau2_iv);
    expect(stderr).not.toMatch(/about the Mantel-Haenszel/);
  });
});
