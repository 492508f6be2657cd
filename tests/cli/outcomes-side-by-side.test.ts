import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

type Json = { result: { total: Record<string, unknown>; rows: Record<string, unknown>[] } };
const json = async (argv: string[]): Promise<Json> => JSON.parse((await runCli([...argv, '--json'])).stdout) as Json;

describe('outcomes: sham and usual care apart by default', () => {
  it('gives each comparator the ratio that --vs gives it alone', async () => {
    const both = (await json(['outcomes'])).result.total;
    const sham = (await json(['outcomes', '--vs', 'sham'])).result.total;
    const usual = (await json(['outcomes', '--vs', 'usual-care'])).result.total;
    for (const k of ['positive', 'known', 'ratio', 'ci_lb', 'ci_ub']) {
      expect(both[`sham_${k}`]).toBe(sham[k]);
      expect(both[`usual_care_${k}`]).toBe(usual[k]);
    }
    // data/studies.csv: 3 of the 7 studies with a result against sham favour acupuncture (42.9%, as the issue measured).
    expect([both['sham_positive'], both['sham_known']]).toEqual([3, 7]);
  });

  it('also per group', async () => {
    const both = (await json(['outcomes', '--group-by', 'condition'])).result.rows;
    const sham = (await json(['outcomes', '--vs', 'sham', '--group-by', 'condition'])).result.rows;
    expect(both.map((r) => [r['group'], r['sham_positive'], r['sham_known']])).toEqual(
      sham.map((r) => [r['group'], r['positive'], r['known']]),
    );
  });

  it('shows both on screen, with what each comparator means, and --vs any says it mixes them', async () => {
    const out = await runCli(['outcomes']);
    expect(out.stdout).toMatch(/sham %/);
    expect(out.stdout).toMatch(/usual care %/);
    expect(out.stdout).toContain('42.9%');
    expect(out.stderr).toMatch(/^sham: /m);
    expect(out.stderr).toMatch(/^usual care: /m);
    const any = await runCli(['outcomes', '--vs', 'any']);
    expect(any.stderr).toContain('--vs any mixes the two comparisons');
  });
});
