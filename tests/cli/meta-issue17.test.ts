// Issue 17 through the CLI on dat.bcg as a researcher's CSV: every number checked against
// tests/fixtures/metafor/issue17.json (made by issue17.R with metafor 3.8-1), to a relative 1e-6.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

describe('--mods: meta-regression on a researcher CSV with moderator columns (metafor rma(..., mods = ...))', () => {
  const { ablat, alloc } = bcgFixture.mods_input;
  const dir = bcgFolder({ x_ablat: ablat, x_alloc: alloc });
  const MODS: Record<string, string> = {
    ablat: 'x_ablat',
    ablat_year: 'x_ablat,year',
    alloc: 'x_alloc',
    ablat_alloc: 'x_ablat,x_alloc',
  };
  it.each(issue17.metaregression.map((c) => [`~${c.mods} ${c.method} ${c.test}`, c] as const))(
    '%s',
    async (name, c) => {
      const r = await meta(
        ['--measure', 'RR', '--method', c.method, '--test', c.test, '--mods', MODS[c.mods] ?? ''],
        dir,
      );
      const m = r['meta_regression'] as Json;
      expect(m['coef_names']).toEqual(c.coef_names.map((n) => (n === 'intrcpt' || n === 'year' ? n : `x_${n}`)));
      const stat = c.test === 'knha' ? 'tval' : 'zval';
      for (const f of ['b', 'se', 'pval', 'ci_lb', 'ci_ub'] as const)
        (m[f] as number[]).forEach((v, j) => close(v, c[f][j], `${name} ${f}[${j}]`));
      (m[stat] as number[]).forEach((v, j) => close(v, c.zval[j], `${name} ${stat}[${j}]`));
      for (const f of ['QM', 'QMp', 'QE', 'QEp', 'tau2', 'I2', 'H2'] as const) close(m[f], c[f], `${name} ${f}`);
      close(m['R2'], c.R2 ?? null, `${name} R2`);
      expect(m['QMdf']).toEqual(c.test === 'knha' ? c.QMdf : [c.QMdf[0], null]);
      expect(m['QE_df']).toBe(c.QE_df);
    },
  );

  it('prints the coefficient table, QM and the residual heterogeneity', async () => {
    const out = await runCli(['meta', '--data', dir, '--measure', 'RR', '--mods', 'x_ablat,x_alloc']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('reference level x_alloc = alternate');
    expect(out.stdout).toMatch(/\n {2}x_ablat +-0\.02\d\d /);
    expect(out.stdout).toMatch(/Test of moderators: QM = \d+\.\d\d \(df = 3, p = /);
    expect(out.stdout).toMatch(/Residual heterogeneity: tau² = .*; R² = \d+\.\d% of tau² accounted for/);
  });

  it('refuses what it cannot fit, with one clear line', async () => {
    const cases: [string[], RegExp][] = [
      [['--mods', 'x_weeks'], /^error: --mods x_weeks: no column x_weeks in the data read\n$/],
      [['--mods', 'yeer'], /^error: unknown field "yeer" in --mods \(did you mean "year"\?\)/],
      [['--mods', 'x_ablat', '--method', 'MH'], /--mods is not available with --method MH/],
    ];
    for (const [args, message] of cases) {
      const out = await runCli(['meta', '--data', dir, '--measure', 'RR', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(message);
    }
    const holes = bcgFolder({ x_weeks: ablat.map((a, i) => (i === 2 ? '' : a)) });
    const out = await runCli(['meta', '--data', holes, '--measure', 'RR', '--mods', 'x_weeks']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: --mods x_weeks: no value for trial-3; a meta-regression needs/);
  });

  it('an unknown column is still an error, and says how to keep a column of your own', async () => {
    const out = await runCli(['meta', '--data', bcgFolder({ weeks: ablat }), '--measure', 'RR']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown column "weeks" for table outcomes.*is named x_weeks\)/);
  });
});

describe('--trimfill, --ranktest, --failsafe on a researcher CSV of reported ORs (dat.hackshaw1998)', () => {
  // The 37 published ORs with 95% CIs of Hackshaw et al. (1997), as metadat's dat.hackshaw1998.
  const h = issue17.bias_input['hackshaw'] as unknown as Record<string, number[]> & { study: number[] };
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-hackshaw-'));
  const lines = ['study_id,effect_measure,effect,ci_low,ci_high'];
  h.study.forEach((s, i) => lines.push(`hackshaw-${s},OR,${h['or']?.[i]},${h['or_lb']?.[i]},${h['or_ub']?.[i]}`));
  writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);

  it.each(
    issue17.trimfill
      .filter((c) => c.data === 'hackshaw')
      .map((c) => [`${c.method} ${c.estimator}: ${c.k0} studies filled`, c] as const),
  )('trimfill %s', async (name, c) => {
    const r = await meta(['--measure', 'OR', '--method', c.method, '--trimfill', c.estimator], dir);
    const t = r['trimfill'] as Json;
    expect(t['k0']).toBe(c.k0);
    expect(t['side']).toBe(c.side);
    expect(t['k']).toBe(c.k);
    for (const f of ['estimate', 'se', 'pval', 'ci_lb', 'ci_ub', 'QE', 'I2', 'se_k0'] as const)
      close(t[f], c[f], `${name} ${f}`);
    close((t['transformed'] as Json)['estimate'], Math.exp(c.estimate), `${name} exp(estimate)`);
    (t['yi_filled'] as number[]).forEach((y, i) => close(y, c.yi_filled[i], `${name} yi_filled[${i}]`));
  });

  it('ranktest and failsafe', async () => {
    const r = await meta(['--measure', 'OR', '--ranktest', '--failsafe'], dir);
    const rank = issue17.ranktest.find((c) => c.data === 'hackshaw');
    close((r['ranktest'] as Json)['tau'], rank?.tau, 'tau');
    close((r['ranktest'] as Json)['pval'], rank?.pval, 'pval');
    const fs = r['failsafe'] as Json[];
    for (const c of issue17.failsafe.filter((x) => x.data === 'hackshaw')) {
      const ours = fs.find((x) => x['type'] === c.type);
      expect(ours?.['fsnum'], c.type).toBe(c.fsnum);
      if (c.meanes !== undefined) close(ours?.['meanes'], c.meanes, `${c.type} meanes`);
    }
  });

  it('prints the three sections', async () => {
    const out = await runCli(['meta', '--data', dir, '--measure', 'OR', '--trimfill', '--ranktest', '--failsafe']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Trim and fill \(metafor trimfill, estimator L0\): 7 studies filled on the left side/);
    expect(out.stdout).toMatch(
      /Rank correlation test \(Begg; metafor ranktest\): Kendall's tau = 0\.1441, p = 0\.2157/,
    );
    expect(out.stdout).toMatch(/Fail-safe N \(metafor fsn\): Rosenthal 393 .*; Orwin 37 .*; Rosenberg 202 /);
  });

  it('refuses them with MH and Peto, and with fewer than 3 studies', async () => {
    const mh = await runCli(['meta', '--data', DIR, '--measure', 'OR', '--method', 'MH', '--trimfill']);
    expect(mh.code).toBe(2);
    expect(mh.stderr).toMatch(/--trimfill is not available with --method MH/);
    const two = await runCli([
      'meta',
      '--data',
      DIR,
      '--measure',
      'RR',
      '--where',
      'study_id=trial-1,trial-2',
      '--ranktest',
    ]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^error: --trimfill and --ranktest need at least 3 studies\n$/);
  });
});

describe('new measures from a researcher CSV (metafor escalc + rma, REML)', () => {
  // Columns of outcomes.csv for each escalc argument of the fixture's input.
  const COLUMNS: Record<string, Record<string, string>> = {
    IRR: { x1i: 'episodes_treatment', t1i: 'persontime_treatment', x2i: 'episodes_control', t2i: 'persontime_control' },
    MN: { mi: 'mean_treatment', sdi: 'sd_treatment', ni: 'n_treatment' },
    ROM: {
      m1i: 'mean_treatment',
      sd1i: 'sd_treatment',
      n1i: 'n_treatment',
      m2i: 'mean_control',
      sd2i: 'sd_control',
      n2i: 'n_control',
    },
    SMCR: {
      m1i: 'mean_treatment',
      m2i: 'mean_baseline_treatment',
      sd1i: 'sd_baseline_treatment',
      sd2i: 'sd_treatment',
      ni: 'n_treatment',
      ri: 'r_baseline_treatment',
    },
    SMCC: {
      m1i: 'mean_treatment',
      m2i: 'mean_baseline_treatment',
      sd1i: 'sd_treatment',
      sd2i: 'sd_baseline_treatment',
      ni: 'n_treatment',
      ri: 'r_baseline_treatment',
    },
    COR: { ri: 'correlation', ni: 'n_treatment' },
  };
  const family: Record<string, string> = { IRD: 'IRR', MNLN: 'MN', ZCOR: 'COR' };
  it.each(issue17.measures.map((m) => [m.name, m] as const))('%s', async (name, m) => {
    const columns = COLUMNS[family[m.measure] ?? m.measure] ?? {};
    const input = m.input as unknown as Record<string, number[]>;
    const args = Object.keys(columns);
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-measure-'));
    const lines = [['study_id', ...args.map((a) => columns[a])].join(',')];
    (input[args[0] ?? ''] ?? []).forEach((_, i) =>
      lines.push([`study-${i + 1}`, ...args.map((a) => String(input[a]?.[i]))].join(',')),
    );
    writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
    const r = await meta(['--measure', m.measure], dir);
    const studies = r['studies'] as Json[];
    expect(studies).toHaveLength(m.yi.length);
    studies.forEach((s, i) => {
      close(s['yi'], m.yi[i], `${name} yi[${i}]`);
      close(s['vi'], m.vi[i], `${name} vi[${i}]`);
    });
    for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2'] as const) close(r[f], m.REML[f], `${name} ${f}`);
    const tr = r['transformed'] as Json;
    close(tr['estimate'], m.REML.pred_bt, `${name} back-transformed estimate`);
    close(tr['ci_lb'], m.REML.ci_lb_bt, `${name} back-transformed ci_lb`);
    close(tr['ci_ub'], m.REML.ci_ub_bt, `${name} back-transformed ci_ub`);
  });

  it('names what a row lacks for the measure', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-measure-'));
    writeFileSync(
      path.join(dir, 'outcomes.csv'),
      'study_id,episodes_treatment,persontime_treatment,events_control,n_control\na,3,100,2,50\n',
    );
    const out = await runCli(['meta', '--data', dir, '--measure', 'IRR']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/a: no episodes_control, persontime_control/);
  });
});

describe('--method HE, HS, SJ, EB and the CIs of I² and H² (metafor rma + confint)', () => {
  const cases = (
    issue17 as unknown as { estimators: (Record<string, number> & { data: string; method: string; test: string })[] }
  ).estimators.filter((c) => c.data === 'bcg_RR');
  it.each(cases.map((c) => [`${c.method} ${c.test}`, c] as const))('%s', async (name, c) => {
    const r = await meta(['--measure', 'RR', '--method', c.method, '--test', c.test]);
    for (const f of ['estimate', 'se', 'pval', 'ci_lb', 'ci_ub', 'tau2', 'I2', 'H2', 'QE'])
      close(r[f], c[f], `${name} ${f}`);
    for (const f of ['tau2_ci_lb', 'tau2_ci_ub', 'I2_ci_lb', 'I2_ci_ub', 'H2_ci_lb', 'H2_ci_ub'])
      close(r[f], c[f], `${name} ${f}`);
  });

  it('prints the I² CI beside I²', async () => {
    const out = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--method', 'SJ']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/I² = \d+\.\d% \[81\.9, 97\.7\], H² = /);
    expect(out.stdout).toContain('tau² by SJ');
  });
});

describe('hostile moderator cells', () => {
  it('a level with markup is printed inert in Markdown and kept as it is in JSON', async () => {
    const levels = bcgFixture.mods_input.alloc.map((a) => (a === 'random' ? '<img src=x onerror=alert(1)>' : a));
    const dir = bcgFolder({ x_alloc: levels });
    const md = await runCli(['meta', '--data', dir, '--measure', 'RR', '--mods', 'x_alloc', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).not.toContain('<img');
    // '<' sorts first, so the hostile level is the reference level.
    expect(md.stdout).toContain('reference level x_alloc = ?img src=x onerror=alert(1)?');
    const r = await meta(['--measure', 'RR', '--mods', 'x_alloc'], dir);
    const m = r['meta_regression'] as Json;
    expect(m['reference_levels']).toEqual([{ moderator: 'x_alloc', level: '<img src=x onerror=alert(1)>' }]);
    expect(m['coef_names']).toEqual(['intrcpt', 'x_allocalternate', 'x_allocsystematic']);
  });
});

describe('generic inverse variance: reported effects with their SE (metafor rma(yi, sei = ...))', () => {
  it('dat.baskerville2012: SMDs with SEs', async () => {
    const g = (issue17 as unknown as { generic: (Record<string, number> & { effect: number[]; se: number[] })[] })
      .generic[0];
    if (!g) throw new Error('no generic fixture');
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-generic-'));
    const lines = ['study_id,effect_measure,effect,effect_se'];
    g.effect.forEach((y, i) => lines.push(`study-${i + 1},SMD,${y},${g.se[i]}`));
    writeFileSync(path.join(dir, 'outcomes.csv'), `${lines.join('\n')}\n`);
    const r = await meta(['--measure', 'SMD'], dir);
    expect((r['studies'] as Json[]).every((s) => s['basis'] === 'reported effect and SE')).toBe(true);
    close(r['estimate'], g['estimate'], 'estimate');
    close(r['se'], g['se_pooled'], 'se');
    for (const f of ['ci_lb', 'ci_ub', 'tau2', 'I2', 'QE']) close(r[f], g[f], f);
  });
});
