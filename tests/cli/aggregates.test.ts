// The main job on the bundled data. Expected numbers come from the sources (cited inline), hand
// calculation on data/studies.csv (shown), or R (tests/fixtures/r/binom.R → binom.json).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface BinomCase {
  label: string;
  x: number;
  n: number;
  level: number;
  cp_lb: number;
  cp_ub: number;
  cp_one_sided_ub: number;
  wilson_lb: number;
  wilson_ub: number;
}
const R = (
  JSON.parse(readFileSync(new URL('../fixtures/r/binom.json', import.meta.url), 'utf8')) as { cases: BinomCase[] }
).cases;
const r = (label: string, level = 0.95): BinomCase => {
  const found = R.find((c) => c.label === label && c.level === level);
  if (!found) throw new Error(label);
  return found;
};
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

/** The `result` of a command's JSON envelope, typed as the test reads it. */
async function json<T>(args: string[]): Promise<T> {
  const out = await runCli([...args, '--json']);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { result: T }).result;
}
interface ValueResult {
  value: number;
  ci_lb: number;
  ci_ub: number;
  coverage?: unknown;
}
interface GroupedResult<R> {
  rows: R[];
  total: R;
}

describe('value', () => {
  it("prints a review's own totals as one number (Vickers 2018 abstract: 20,827 patients, 39 trials)", async () => {
    expect((await runCli(['value', 'reported-patients', '--where', 'review_id=vickers-2018'])).stdout).toBe('20,827\n');
    expect((await runCli(['value', 'reported-studies', '--where', 'review_id=vickers-2018'])).stdout).toBe('39\n');
    expect(
      (await runCli(['value', 'reported-patients', '--where', 'review_id=ji-2015', '--format', 'csv'])).stdout,
    ).toBe('value,ci_lb,ci_ub,unit\n1842,,,count\n');
  });

  it("gives Soliday & Betts 72/81 = 88.9% with R's Wilson and Clopper-Pearson intervals", async () => {
    const wilson = await json<ValueResult>(['value', 'event-proportion', '--where', 'study_id=soliday-2018']);
    expect(wilson.value).toBe(72 / 81);
    close(wilson.ci_lb, r('Soliday & Betts 72/81').wilson_lb);
    close(wilson.ci_ub, r('Soliday & Betts 72/81').wilson_ub);
    const exact = await json<ValueResult>([
      'value',
      'event-proportion',
      '--where',
      'study_id=soliday-2018',
      '--method',
      'exact',
      '--level',
      '99',
    ]);
    close(exact.ci_lb, r('Soliday & Betts 72/81', 0.99).cp_lb);
    close(exact.ci_ub, r('Soliday & Betts 72/81', 0.99).cp_ub);
    expect((await runCli(['value', 'event-proportion', '--where', 'study_id=soliday-2018'])).stdout).toBe('88.9%\n');
  });

  it("gives Ternov 1/167 transient premature labour with R's exact interval", async () => {
    const ternov = await json<ValueResult>([
      'value',
      'ae-rate',
      '--where',
      'study_id=ternov-2001',
      '--where',
      'event~premature',
      '--method',
      'exact',
    ]);
    expect(ternov.value).toBe(1 / 167);
    close(ternov.ci_lb, r('Ternov 1/167').cp_lb);
    close(ternov.ci_ub, r('Ternov 1/167').cp_ub);
  });

  it('carries coverage in JSON when the filter names a review', async () => {
    // Bundled vickers-2018 low-back-pain studies: brinkhaus 298 + haake 1162 + witt 3093 + cherkin-2001 262
    // + cherkin-2009 638 + thomas 241 + carlsson 50 + molsberger 186 + cho 130 = 6060 (meng-2003 has no n).
    const result = await json<ValueResult>([
      'value',
      'patients',
      '--where',
      'review=vickers-2018',
      '--where',
      'condition=low-back-pain',
    ]);
    expect(result.value).toBe(6060);
    expect(result.coverage).toMatchObject({
      review_id: 'vickers-2018',
      studies: 10,
      studies_reported: 39,
      patients: 6060,
      participants_reported: 20827,
      verified: 0,
    });
    expect((await runCli(['value', 'patients', '--where', 'study_id=haake-2007'])).stdout).toBe('1,162\n');
  });

  it('refuses an unknown metric and a value the data cannot give', async () => {
    const unknown = await runCli(['value', 'patient']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown metric "patient" \(did you mean "patients"\?\)/);
    const none = await runCli(['value', 'reported-patients', '--where', 'review_id=clarkson-2015']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /cannot compute reported-patients: clarkson-2015 does not report participants_reported/,
    );
  });
});

describe('value event-proportion on a file without outcome names', () => {
  it('names the row it leaves out by study alone, not "(null)"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acu-event-'));
    const file = path.join(dir, 'outcomes.csv');
    writeFileSync(file, 'study_id,events_treatment,n_treatment,pct_treatment\na,3,10,\nb,,,40\n');
    const out = await runCli(['value', 'event-proportion', '--data', file, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const { result } = JSON.parse(out.stdout) as { result: { value: number; notes: string[] } };
    expect(result.value).toBe(0.3); // 3 of 10, by hand; b gives no count
    expect(result.notes).toEqual(['b: neither a count nor a percentage of a known n is given']);
  });
});

describe("the seed blog's Vickers low-back-pain figures against the bundled data", () => {
  const where = ['--where', 'review=vickers-2018', '--where', 'condition=low-back-pain'];

  it('counts 10 studies and 6,060 patients, not 13 and 14,621', async () => {
    const result = await json<GroupedResult<{ group: string | null }>>(['patients', ...where]);
    const vickers = result.rows.find((g) => g.group === 'vickers-2018');
    expect(vickers).toEqual({
      group: 'vickers-2018',
      studies: 10,
      patients: 6060,
      studies_without_n: 1,
      reported_studies: 39,
      reported_patients: 20827,
      study_share: 10 / 39,
      patient_share: 6060 / 20827,
    });
    expect(result.total).toMatchObject({ group: null, studies: 10, patients: 6060 });
  });

  it('finds planned sessions of 10 to 15, mean of midpoints 11.08 (not five to 20, nine on average)', async () => {
    // Lows: brinkhaus 12, haake 10, witt 15 (only "up to 15"), cherkin-2001 10 ("up to 10"), cherkin-2009 10, thomas 10,
    // carlsson 10, cho 12 → min 10; highs up to 15. Midpoints of full ranges: 12, 12.5, 10, 10, 10, 12 → mean 66.5/6, median 11.
    const { total } = await json<GroupedResult<{ sessions_mean: number }>>(['treatments', ...where]);
    expect(total).toMatchObject({
      studies: 10,
      studies_reporting: 8,
      sessions_min: 10,
      sessions_max: 15,
      studies_with_range: 6,
      sessions_median: 11,
    });
    expect(total.sessions_mean).toBeCloseTo(66.5 / 6, 12);
  });

  it('finds 8 of 8 positive against any control but 2 of 5 against sham', async () => {
    // Known results: against usual care brinkhaus, haake, witt, cherkin-2009, thomas, molsberger, meng; against sham cho and
    // molsberger favour acupuncture while brinkhaus, haake and cherkin-2009 do not.
    expect((await json<GroupedResult<unknown>>(['outcomes', '--vs', 'any', ...where])).total).toMatchObject({
      positive: 8,
      known: 8,
      ratio: 1,
    });
    const sham = (await json<GroupedResult<unknown>>(['outcomes', '--vs', 'sham', ...where])).total;
    expect(sham).toMatchObject({ positive: 2, known: 5, ratio: 0.4, ci_method: 'wilson' });
  });
});

describe('adverse-events', () => {
  it('keeps serious and non-serious apart, with the exact bound for zero events', async () => {
    const result = await json<GroupedResult<{ group: unknown; ci_ub: number }>>(['adverse-events']);
    const serious = result.rows.find((g) => g.group === true);
    // Elden 2005 0 of 386 (all arms) + Kvorning 2004 0 of 37: 0/423, upper bound 1 − 0.05^(1/423).
    expect(serious).toMatchObject({ events: 0, exposed: 423, rate: 0, ci_lb: 0, ci_method: 'exact-one-sided' });
    expect(serious?.ci_ub).toBeCloseTo(1 - 0.05 ** (1 / 423), 12);
  });

  it('warns when summing rows would count the same patients twice', async () => {
    const { stderr } = await runCli(['adverse-events', '--where', 'study_id=ternov-2001']);
    expect(stderr).toMatch(
      /warning: in the total, the patients exposed of ternov-2001 \(acupuncture\) are counted 2 times/,
    );
  });

  it('shows published ranges as ranges, never as counts', async () => {
    const { stdout } = await runCli([
      'adverse-events',
      '--by-event',
      '--where',
      'review_id=clarkson-2015',
      '--format',
      'csv',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'from,arm,event,serious,events,exposed,rate,ci_lb,ci_ub,ci_method,rate_low,rate_high,rate_unit',
    );
    // Clarkson 2015 abstract: 3%-17% of sessions in the acupuncture groups.
    expect(lines[1]).toBe(
      'clarkson-2015,acupuncture groups,adverse events occurring within a treatment session,,,,,,,,3,17,percent-of-sessions',
    );
  });
});

describe('summary (npm start)', () => {
  it('prints one row per review plus a total, with coverage notes', async () => {
    const { code, stdout, stderr } = await runCli(['summary', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\| review +\| studies\/reported \|/);
    expect(stdout).toMatch(/\| vickers-2018 +\| +10\/39 \| +6,060\/20,827 \| +29\.1% \|/);
    expect(stdout).toMatch(/\| \*\*total\*\* /);
    expect(stderr).toContain(
      'vickers-2018: 10 of the 39 studies it reports are in the selection (25.6%) [0 verified, 4 inferred, 6 candidate]',
    );
  });

  it('works in every format and with --group-by', async () => {
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const { code } = await runCli(['summary', '--group-by', 'condition', '--format', format]);
      expect(code).toBe(0);
    }
    const csv = (await runCli(['summary', '--group-by', 'condition', '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toContain('group,studies,reported_studies,patients,reported_patients,patient_share');
  });
});

describe('every aggregating command, every format', () => {
  const COMMANDS: readonly (readonly string[])[] = [
    ['summary'],
    ['patients'],
    ['treatments'],
    ['outcomes'],
    ['outcomes', '--by-study'],
    ['adverse-events'],
    ['adverse-events', '--by-event'],
    ['studies'],
  ];
  it.each(COMMANDS)('%s works with --where and --group-by in table, markdown, csv and json', async (...command) => {
    const grouped = command.includes('--by-study') || command.includes('--by-event') ? [] : ['--group-by', 'review'];
    const where = command[0] === 'adverse-events' ? ['--where', 'acupuncture_arm=yes'] : ['--where', 'year>=2000'];
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const { code, stdout, stderr } = await runCli([...command, ...where, ...grouped, '--format', format]);
      expect(code, stderr).toBe(0);
      if (format === 'json')
        expect(JSON.parse(stdout)).toMatchObject({ schemaVersion: 1, command: command[0], filters: [where[1]] });
      if (format === 'csv') expect(stdout.split('\n')[0]).toMatch(/^[a-z_]+(,[a-z_]+)*$/);
      if (format === 'markdown') expect(stdout.split('\n')[1]).toMatch(/^\| [-:| ]+\|$/);
    }
  });
});

describe('--sort, --columns and --limit on every tabular command', () => {
  it('sorts, cuts and narrows the group rows, keeping the total', async () => {
    const { stdout } = await runCli([
      'patients',
      '--sort',
      '-patients',
      '--limit',
      '2',
      '--columns',
      'group,patients',
      '--format',
      'csv',
      '--totals',
    ]);
    // vickers-2018 6,060 and vickers-2012 5,930 are the two largest review groups (see the coverage tests above).
    expect(stdout).toBe('group,patients\nvickers-2018,6060\nvickers-2012,5930\ntotal,7140\n');
  });

  it('names a column that does not exist', async () => {
    const { code, stderr } = await runCli(['outcomes', '--vs', 'any', '--sort', 'ratoi']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown column "ratoi" in --sort \(did you mean "ratio"\?\)/);
  });
});
