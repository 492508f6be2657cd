// Two-stage IPD through the CLI: meta --data patients.csv (an invented patient-level file) against
// metafor on the per-arm aggregates of the same file (tests/fixtures/ipd/ipd.json, made by ipd.R
// with metafor 3.8-1: escalc + rma REML), to a relative 1e-6.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FILE = 'tests/fixtures/ipd/patients.csv';
type Pooled = {
  yi: number[];
  vi: number[];
  estimate: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
  QE: number;
};
const R = JSON.parse(readFileSync(new URL('../fixtures/ipd/ipd.json', import.meta.url), 'utf8')) as Record<
  'change' | 'followup' | 'adverse_event',
  Record<string, Pooled>
>;

function close(actual: unknown, expected: number, label: string): void {
  expect(typeof actual, label).toBe('number');
  const a = actual as number;
  expect(Math.abs(a - expected), `${label}: ${a} vs ${expected}`).toBeLessThanOrEqual(
    1e-6 * Math.max(Math.abs(expected), 1e-3),
  );
}

async function metaJson(args: string[]): Promise<Record<string, unknown>> {
  const out = await runCli(['meta', '--data', FILE, '--json', ...args]);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { result: Record<string, unknown> }).result;
}

describe('meta on a patient-level file equals metafor on its per-arm aggregates', () => {
  const cases = [
    ...(['MD', 'SMD'] as const).flatMap((m) => [
      ['change', m, []],
      ['followup', m, ['--outcome', 'followup']],
    ]),
    ...(['OR', 'RR', 'RD'] as const).map((m) => ['adverse_event', m, []]),
  ] as [keyof typeof R, string, string[]][];
  it.each(cases)('%s %s', async (outcome, measure, extra) => {
    const ref = R[outcome][measure] as Pooled;
    const r = await metaJson(['--measure', measure, ...extra]);
    for (const key of ['estimate', 'se', 'ci_lb', 'ci_ub', 'tau2', 'QE'] as const) close(r[key], ref[key], key);
    const studies = r['studies'] as { yi: number; vi: number }[];
    expect(studies).toHaveLength(ref.yi.length);
    studies.forEach((s, i) => {
      close(s.yi, ref.yi[i] ?? NaN, `yi[${i}]`);
      close(s.vi, ref.vi[i] ?? NaN, `vi[${i}]`);
    });
  });

  it('notes the aggregation and the patients left out, once, on stderr', async () => {
    const out = await runCli(['meta', '--data', FILE, '--measure', 'MD']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      `note: ${FILE}: 83 patient rows aggregated per study and arm (5 studies); 7 without a change from baseline left out of it\n`,
    );
    expect(out.stdout).toContain('Outcome: change from baseline.');
    // Each measure's note counts what its rows leave out: RR pools the adverse events only.
    const rr = await runCli(['meta', '--data', FILE, '--measure', 'RR']);
    expect(rr.stderr).toBe(
      `note: ${FILE}: 83 patient rows aggregated per study and arm (5 studies); 6 without adverse_event left out of its counts\n`,
    );
  });

  it('reads the same file from stdin to the same result', async () => {
    const fromFile = await metaJson(['--measure', 'MD']);
    const out = await runCli(['meta', '--data', '-', '--json', '--measure', 'MD'], {
      stdin: readFileSync(FILE, 'utf8'),
    });
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as { result: Record<string, unknown> }).result['estimate']).toBe(
      fromFile['estimate'],
    );
  });

  it('gives adverse-events per arm', async () => {
    const out = await runCli(['adverse-events', '--data', FILE, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const ae = R.adverse_event as unknown as Record<string, number[]>;
    const sum = (xs: number[] | undefined) => (xs ?? []).reduce((s, x) => s + x, 0);
    const events = sum(ae['events_treatment']) + sum(ae['events_control']);
    const exposed = sum(ae['n_treatment']) + sum(ae['n_control']);
    expect(out.stdout).toContain(`"events": ${events}`);
    expect(out.stdout).toContain(`"exposed": ${exposed}`);
  });

  it('a misspelt column of a patient-level header is an error at its column', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-ipd-'));
    const file = path.join(dir, 'patients.csv');
    writeFileSync(file, 'study_id,arm,baseline,folowup,adverse_event,followup\ns1,treatment,1,2,yes,3\n');
    const out = await runCli(['meta', '--data', file, '--measure', 'MD'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^patients\.csv:1:23: unknown column "folowup" for table patient-records \(did you mean "followup"\?\)/,
    );
  });

  it('--outcome takes change or followup', async () => {
    const out = await runCli(['meta', '--data', FILE, '--measure', 'MD', '--outcome', 'baseline']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--outcome.*change, followup/);
  });

  it('bad rows: file:line:column, exit 2, nothing on stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-ipd-'));
    const file = path.join(dir, 'patients.csv');
    writeFileSync(file, 'study_id,arm,baseline,followup,adverse_event\ns1,treatment,1,2,yes\ns1,control,1,1e400,no\n');
    const out = await runCli(['meta', '--data', file, '--measure', 'MD'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('patients.csv:3:14: followup: 1e400 is out of range');
  });
});

describe('validate on a patient-level file', () => {
  it('counts the one file once, though it fills two tables, and says there is no review to cover', async () => {
    const out = await runCli(['validate', '--data', FILE, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const json = (JSON.parse(out.stdout) as { result: { files: number; tables: { table: string }[] } }).result;
    expect(json.tables.map((t) => t.table).sort()).toEqual(['adverse-events', 'outcomes']);
    expect(json.files).toBe(1);
    const text = await runCli(['validate', '--data', FILE]);
    expect(text.stderr).toContain('ok: 1 file,');
    expect(text.stderr).toContain('no review in the data read');
  });
});
