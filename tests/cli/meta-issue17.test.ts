// Issue 17 through the CLI on dat.bcg as a researcher's CSV: every number checked against
// tests/fixtures/metafor/issue17.json (made by issue17.R with metafor 3.8-1), to a relative 1e-6.
import { describe, expect, it } from 'vitest';
import { bcgFixture, bcgFolder } from '../helpers/bcg.js';
import { runCli } from '../helpers/run-cli.js';
import { issue17 } from '../unit/stats/issue17-fixtures.js';

type Json = Record<string, unknown>;
const DIR = bcgFolder();

async function meta(args: string[], dir = DIR): Promise<Json> {
  const out = await runCli(['meta', '--data', dir, '--json', ...args]);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { result: Json }).result;
}

function close(actual: unknown, expected: unknown, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  const [a, e] = [actual as number, expected as number];
  expect(Math.abs(a - e), `${label}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(e), 1e-3));
}

describe('MH and Peto with --leave-one-out and --cumulative (metafor leave1out / cumul)', () => {
  const cases = issue17.tables_sequential.filter((c) => c.data === 'bcg');
  it.each(cases.map((c) => [`${c.kind} ${c.method} ${c.measure}`, c] as const))('%s', async (_, c) => {
    const r = await meta([
      '--measure',
      c.measure,
      '--method',
      c.method,
      c.kind === 'leave1out' ? '--leave-one-out' : '--cumulative',
    ]);
    const rows = r[c.kind === 'leave1out' ? 'leave_one_out' : 'cumulative'] as Json[];
    expect(rows).toHaveLength(13);
    rows.forEach((row, i) => {
      for (const f of ['estimate', 'ci_lb', 'ci_ub', 'pval', 'I2'] as const)
        close(row[f], c[f][i], `${c.kind} ${f}[${i}]`);
      expect(row['tau2']).toBeNull();
    });
    if (c.kind === 'cumul') {
      const trials = bcgFixture.mods_input.trial;
      expect(rows.map((row) => row['added'])).toEqual((c.order ?? []).map((j) => `trial-${trials[j - 1]}`));
    }
  });

  it('prints both sections in the terminal', async () => {
    const out = await runCli([
      'meta',
      '--data',
      DIR,
      '--method',
      'Peto',
      '--measure',
      'OR',
      '--leave-one-out',
      '--cumulative',
    ]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Leave one out \(estimate without the study\):\n {2}trial-1 /);
    expect(out.stdout).toMatch(/Cumulative \(studies added in order\):\n {2}\+ trial-1 /);
  });
});
