// --ranktest above RANKTEST_EXACT_MAX_K studies: the p-value is approximate and the printout says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankTest, RANKTEST_EXACT_MAX_K } from '../../src/core/stats/ranktest.js';
import { runCli } from '../helpers/run-cli.js';

type Json = Record<string, unknown>;

describe(`--ranktest on ${RANKTEST_EXACT_MAX_K + 1} invented studies`, () => {
  // Invented reported ORs with 95% CIs (no real trials), distinct so that there are no ties.
  const k = RANKTEST_EXACT_MAX_K + 1;
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-ranktest-'));
  const lines = ['study_id,effect_measure,effect,ci_low,ci_high'];
  for (let i = 1; i <= k; i++) {
    const log = 0.3 * Math.sin(i) + i / (4 * k);
    const se = 0.1 + ((i * 7919) % k) / k;
    const f = (x: number) => Math.exp(x).toPrecision(12);
    lines.push(`invented-${i},OR,${f(log)},${f(log - 1.959964 * se)},${f(log + 1.959964 * se)}`);
  }
  writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);

  it('JSON: exact false, and the p-value of the core on the same yi, vi', async () => {
    const out = await runCli(['meta', '--data', dir, '--measure', 'OR', '--ranktest', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const r = (JSON.parse(out.stdout) as { result: Json }).result;
    const studies = r['studies'] as { yi: number; vi: number }[];
    expect(studies).toHaveLength(k);
    const core = rankTest(
      studies.map((s) => s.yi),
      studies.map((s) => s.vi),
    );
    expect(r['ranktest']).toEqual({ tau: core.tau, pval: core.pval, exact: false });
    expect(core.pval).toBeGreaterThan(0);
    expect(core.pval).toBeLessThan(1);
  });

  it('the printout says the p-value is approximate', async () => {
    const out = await runCli(['meta', '--data', dir, '--measure', 'OR', '--ranktest']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      new RegExp(
        `Rank correlation test \\(Begg; metafor ranktest\\): Kendall's tau = -?0\\.\\d{4}, p [=<] [0-9.]+ \\(approximate, k > ${RANKTEST_EXACT_MAX_K}\\)\\.`,
      ),
    );
  });
});
