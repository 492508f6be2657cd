// `meta` end to end on a researcher's CSV made from metafor's dat.bcg (tests/fixtures/metafor/reference.json,
// the input of its R script): every printed field must match metafor to a relative 1e-6.
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

type Json = Record<string, unknown>;
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/metafor/reference.json', import.meta.url), 'utf8'),
) as Record<string, Json>;
const extra = JSON.parse(readFileSync(new URL('../fixtures/metafor/extra.json', import.meta.url), 'utf8')) as Record<
  string,
  Json[]
>;
const bcg = (reference['bcg_RR_escalc'] as { input: Record<string, (number | string)[]> }).input;

/** dat.bcg as outcomes.csv (n = positives + negatives) and studies.csv (year), alloc in `comparison`. */
function bcgFiles(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-bcg-'));
  const ids = (bcg['trial'] as number[]).map((t) => `trial-${t}`);
  const col = (name: string) => bcg[name] as number[];
  const outcomes = ['study_id,comparison,events_treatment,n_treatment,events_control,n_control'];
  const studies = ['study_id,year'];
  ids.forEach((id, i) => {
    const [tp, tn, cp, cn] = [col('tpos')[i], col('tneg')[i], col('cpos')[i], col('cneg')[i]].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    outcomes.push(`${id},${String((bcg['alloc'] as string[])[i])},${tp},${tp + tn},${cp},${cp + cn}`);
    studies.push(`${id},${col('year')[i]}`);
  });
  writeFileSync(path.join(dir, 'outcomes.csv'), `${outcomes.join('\n')}\n`);
  writeFileSync(path.join(dir, 'studies.csv'), `${studies.join('\n')}\n`);
  return dir;
}
const DIR = bcgFiles();

async function meta(args: string[]): Promise<Json> {
  const out = await runCli(['meta', '--data', DIR, '--json', ...args]);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { result: Json }).result;
}

function close(actual: unknown, expected: unknown, label: string): void {
  expect(typeof actual, label).toBe('number');
  const [a, e] = [actual as number, expected as number];
  expect(Math.abs(a - e), `${label}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(e), 1e-3));
}

describe('meta matches metafor on dat.bcg', () => {
  it('REML, z test: every field of item 3', async () => {
    const r = await meta(['--measure', 'RR']);
    const ref = reference['bcg_RR_REML'] as Json;
    const tight = (f: string) => ref[`${f}_tight`] ?? ref[f];
    for (const f of [
      'estimate',
      'se',
      'ci_lb',
      'ci_ub',
      'tau2',
      'I2',
      'H2',
      'pi_lb',
      'pi_ub',
      'tau2_ci_lb',
      'tau2_ci_ub',
    ])
      close(r[f], tight(f), f);
    for (const f of ['QE', 'QE_df', 'QEp']) close(r[f], ref[f], f);
    close(r['zval'], (tight('estimate') as number) / (tight('se') as number), 'zval = estimate / se');
    expect(r['k']).toBe(13);
    const tr = r['transformed'] as Json;
    close(tr['estimate'], Math.exp(tight('estimate') as number), 'exp(estimate)');
    close(tr['ci_lb'], Math.exp(tight('ci_lb') as number), 'exp(ci_lb)');
    const studies = r['studies'] as Json[];
    const escalc = reference['bcg_RR_escalc'] as Json;
    studies.forEach((s, i) => {
      close(s['yi'], (escalc['yi'] as number[])[i], `yi ${i}`);
      close(s['vi'], (escalc['vi'] as number[])[i], `vi ${i}`);
    });
    const weights = studies.map((s) => s['weight'] as number);
    close(
      weights.reduce((a, b) => a + b, 0),
      100,
      'weights sum',
    );
  });

  it.each([
    ['FE', 'bcg_RR_FE'],
    ['DL', 'bcg_RR_DL'],
    ['PM', 'bcg_RR_PM'],
    ['ML', 'bcg_RR_ML'],
  ])('method %s', async (method, key) => {
    const r = await meta(['--measure', 'RR', '--method', method]);
    const ref = reference[key] as Json;
    for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2'])
      close(r[f], ref[`${f}_tight`] ?? ref[f], `${method} ${f}`);
  });

  it('Hartung-Knapp: t with k-1 df', async () => {
    const r = await meta(['--measure', 'RR', '--test', 'knha']);
    const ref = reference['bcg_RR_REML_knha'] as Json;
    for (const f of ['se', 'ci_lb', 'ci_ub', 'pi_lb', 'pi_ub']) close(r[f], ref[`${f}_tight`] ?? ref[f], `knha ${f}`);
    expect(r['df']).toBe(12);
    expect(r['zval']).toBeNull();
  });

  it('Mantel-Haenszel and Peto', async () => {
    const mh = await meta(['--measure', 'RR', '--method', 'MH']);
    const ref = reference['bcg_RR_MH'] as Json;
    for (const f of ['estimate', 'se', 'ci_lb', 'ci_ub', 'QE', 'I2']) close(mh[f], ref[f], `MH ${f}`);
    const peto = await meta(['--measure', 'OR', '--method', 'Peto']);
    close(peto['estimate'], (reference['bcg_OR_Peto'] as Json)['estimate'], 'Peto estimate');
  });

  it('subgroups with the test for subgroup differences', async () => {
    const r = await meta(['--measure', 'RR', '--group-by', 'comparison']);
    const ref = reference['bcg_RR_subgroup_test_between'] as Json;
    const test = r['test_subgroup'] as Json;
    close(test['QM'], ref['Q_between_random'], 'Q between (random)');
    expect(test['df']).toBe(2);
    close(test['Q_between_fixed'], ref['Q_between_fixed'], 'Q between (fixed)');
    const subgroups = r['subgroups'] as Json[];
    expect(subgroups.map((g) => g['group'])).toEqual(['alternate', 'random', 'systematic']);
  });

  it('leave-one-out, cumulative by year and Egger', async () => {
    const r = await meta(['--measure', 'RR', '--leave-one-out', '--cumulative', '--egger']);
    const loo = reference['bcg_RR_REML_leave1out'] as Json;
    (r['leave_one_out'] as Json[]).forEach((row, i) =>
      close(row['estimate'], (loo['estimate_tight'] as number[])[i], `leave-one-out ${i}`),
    );
    const cumul = reference['bcg_RR_REML_cumul_year'] as Json;
    (r['cumulative'] as Json[]).forEach((row, i) =>
      close(row['estimate'], (cumul['estimate_tight'] as number[])[i], `cumulative ${i}`),
    );
    const egger = (extra['egger'] as Json[]).find(
      (e) => e['dataset'] === 'bcg_RR' && e['method'] === 'REML' && e['test'] === 'z',
    ) as Json;
    const rmaEgger = egger['rma'] as Json;
    close((r['egger'] as Json)['zval'], rmaEgger['stat'], 'Egger z');
    close((r['egger'] as Json)['pval'], rmaEgger['pval'], 'Egger p');
  });

  it('prints a forest plot naming the measure, model, estimator and interval methods', async () => {
    const { code, stdout } = await runCli(['meta', '--data', DIR, '--measure', 'RR']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Meta-analysis of 13 studies: risk ratio \(RR\)/);
    expect(stdout).toContain('trial-1');
    expect(stdout).toMatch(/RE model \(REML\) +0\.49 \[0\.34, 0\.70\] +100%/);
    expect(stdout).toContain('◆');
    expect(stdout).toContain('│');
    expect(stdout).toMatch(
      /Model: risk ratio \(RR\); random-effects model, tau² by REML; z test; prediction interval z \(metafor\)/,
    );
    const verbose = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--verbose']);
    expect(verbose.stdout).toMatch(
      /Model: risk ratio \(RR\); random-effects model, tau² by REML, Q-profile 95% CI for tau²; z test and Wald 95% CI; prediction interval z \(metafor\)/,
    );
    expect(verbose.stdout).toMatch(/on the analysis scale -0\.7145 \(SE 0\.1798\)/);
  });

  it('names what it compares and, only when told, which side favours acupuncture; no jargon unless --verbose', async () => {
    for (const format of ['table', 'markdown']) {
      const plain = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--format', format]);
      expect(plain.code).toBe(0);
      // The comparison column of this CSV holds dat.bcg's alloc: random, alternate, systematic.
      expect(plain.stdout).toMatch(/Comparison: 3 different comparisons mixed \(random; alternate; systematic\)\./);
      expect(plain.stdout).toContain('the data does not say whether a higher value is better');
      expect(plain.stdout).not.toMatch(/analysis scale|Q-profile|Wald/);
      const lower = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--better', 'lower', '--format', format]);
      // dat.bcg (a vaccine) labels no arm: "the treatment arm", never acupuncture.
      expect(lower.stdout).toContain('Direction: a ratio below 1 favours the treatment arm (higher values are worse).');
    }
    const higher = await runCli(['meta', '--data', DIR, '--measure', 'RD', '--better', 'higher']);
    expect(higher.stdout).toContain(
      'Direction: a difference above 0 favours the treatment arm (higher values are better).',
    );
    const extra = ['meta', '--data', DIR, '--measure', 'RR', '--mods', 'year', '--trimfill', '--failsafe', '--egger'];
    const sections = await runCli(extra);
    expect(sections.code).toBe(0);
    expect(sections.stdout).toMatch(/Meta-regression \(mixed-effects, tau² by REML; k = 13; log scale\)/);
    expect(sections.stdout).not.toMatch(/analysis scale|Q-profile|Wald/);
    const sectionsVerbose = await runCli([...extra, '--verbose']);
    expect(sectionsVerbose.stdout).toMatch(/Meta-regression \(mixed-effects, tau² by REML; k = 13; analysis scale\)/);
    expect(sectionsVerbose.stdout).toMatch(/Orwin \d+ \(mean effect [-\d.]+, target [-\d.]+, analysis scale\)/);
    // JSON stays as it was: neither --better nor --verbose changes it.
    const json = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--json']);
    const told = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--json', '--better', 'lower', '--verbose']);
    expect(told.stdout).toBe(json.stdout);
    expect(json.stdout).toContain('"method": "REML"');
  });

  it('explains what it cannot pool', async () => {
    const bad = await runCli(['meta', '--data', DIR, '--measure', 'MD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: no selected outcomes row gives MD \(trial-1: no mean, sd in either arm/);
    const peto = await runCli(['meta', '--data', DIR, '--measure', 'RR', '--method', 'Peto']);
    expect(peto.stderr).toMatch(/Peto pools odds ratios/);
  });
});

function researcherCsv(header: string, rows: readonly (readonly (number | string)[])[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-researcher-'));
  const file = path.join(dir, 'mine.csv');
  writeFileSync(file, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return file;
}

describe("meta on a researcher's own CSV with only the columns it needs", () => {
  const normand = (reference['normand_MD_REML'] as { input: Record<string, number[]> }).input;
  const means = researcherCsv(
    'study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control',
    (normand['n1i'] ?? []).map((_, i) => [
      `s${i + 1}`,
      ...['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'].map((c) => (normand[c] ?? [])[i] ?? NaN),
    ]),
  );
  const props = (reference['prop_PLO_REML'] as { input: Record<string, number[]> }).input;
  const counts = researcherCsv(
    'study_id,patients_with_event,patients_exposed',
    (props['xi'] ?? []).map((x, i) => [`p${i + 1}`, x, (props['ni'] ?? [])[i] ?? NaN]),
  );

  it.each([
    ['MD', 'normand_MD_REML'],
    ['SMD', 'normand_SMD_REML'],
  ])('%s from means, SDs and n (dat.normand1999)', async (measure, key) => {
    const out = await runCli(['meta', '--data', means, '--measure', measure, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const r = (JSON.parse(out.stdout) as { result: Json }).result;
    const ref = reference[key] as Json;
    for (const f of ['estimate', 'tau2', 'ci_lb']) close(r[f], ref[`${f}_tight`], `${measure} ${f}`);
  });

  const tightModel = (dataset: string) =>
    (extra['models'] as unknown as Json[]).find(
      (m) => m['dataset'] === dataset && m['method'] === 'REML' && m['test'] === 'z',
    ) as Json;

  it.each([['PLO'], ['PFT']])(
    '%s from patients with an event and patients exposed, back-transformed',
    async (measure) => {
      const out = await runCli(['meta', '--data', counts, '--measure', measure, '--json']);
      expect(out.code, out.stderr).toBe(0);
      const r = (JSON.parse(out.stdout) as { result: Json }).result;
      // extra.R: metafor with tight convergence, and predict(..., transf) of that fit (PFT: harmonic-mean n).
      const ref = tightModel(`prop_${measure}`);
      for (const f of ['estimate', 'tau2', 'ci_lb', 'ci_ub', 'pi_lb', 'pi_ub']) close(r[f], ref[f], `${measure} ${f}`);
      const transformed = r['transformed'] as Json;
      close(transformed['estimate'], ref['pred_bt'], `${measure} back-transformed estimate`);
      close(transformed['ci_lb'], ref['ci_lb_bt'], `${measure} back-transformed ci_lb`);
      close(transformed['ci_ub'], ref['ci_ub_bt'], `${measure} back-transformed ci_ub`);
      expect(Math.abs((transformed['pi_lb'] as number) - (ref['pi_lb_bt'] as number))).toBeLessThanOrEqual(
        1e-6 * Math.max(1e-3, ref['pi_lb_bt'] as number),
      );
      close(transformed['pi_ub'], ref['pi_ub_bt'], `${measure} back-transformed pi_ub`);
    },
  );
});

describe('meta on the bundled data', () => {
  it('pools acupuncture vs sham as a risk ratio with a forest plot (done-when of the meta issue)', async () => {
    const { code, stdout } = await runCli(['meta', '--where', 'comparison=acupuncture vs sham', '--measure', 'RR']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Meta-analysis of (\d+ stud(y|ies)|\d+ rows from \d+ studies): risk ratio \(RR\)/);
    expect(stdout).toContain('elden-2008');
    expect(stdout).toMatch(/Heterogeneity: .*I² = .*Q = /);
  });
});
