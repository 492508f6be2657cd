import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const SMALL = 'tests/fixtures/clinic/small.csv';
const EXAMPLE = 'examples/invented-clinic-records.csv';
/** Made by tests/fixtures/clinic/clinic.R (base R) from small.csv. */
const R = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/clinic/clinic.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

interface Entry {
  group: string | null;
  suppressed: boolean;
  [key: string]: unknown;
}
interface ClinicJson {
  result: {
    rows: Entry[];
    total: Entry;
    published: { study_id: string; improved: number; n: number; ratio: number; ci_lb: number; ci_ub: number }[];
  };
}

async function json(argv: string[]): Promise<ClinicJson['result']> {
  const { code, stdout, stderr } = await runCli(['clinic', ...argv, '--json']);
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout) as ClinicJson).result;
}

const KEYS = [
  'patients',
  'followed_up',
  'seen_once',
  'visits_min',
  'visits_max',
  'visits_median',
  'mean_first',
  'mean_last',
  'mean_change',
  'sd_change',
  'change_ci_lb',
  'change_ci_ub',
  'improved',
  'ratio',
  'ci_lb',
  'ci_ub',
];

function matchesR(entry: Entry, reference: Record<string, unknown> | undefined): void {
  expect(reference).toBeDefined();
  for (const key of KEYS) {
    const expected = reference?.[key];
    const actual = entry[key];
    if (typeof expected !== 'number') continue;
    expect(typeof actual, key).toBe('number');
    expect(Math.abs((actual as number) - expected), key).toBeLessThan(1e-9);
  }
}

describe('clinic --json on the hand-calculated test file', () => {
  it('matches the figures by hand and base R to 1e-9', async () => {
    const result = await json(['--data', SMALL]);
    const t = result.total;
    expect(t.suppressed).toBe(false);
    expect([t['patients'], t['followed_up'], t['seen_once'], t['improved']]).toEqual([6, 5, 1, 4]);
    expect(Math.abs((t['mean_change'] as number) + 1.15)).toBeLessThan(1e-9);
    expect(Math.abs((t['ratio'] as number) - 0.8)).toBeLessThan(1e-9);
    matchesR(t, R['total']);
  });

  it('groups by condition, hiding groups under 5 patients unless --show-small', async () => {
    const hidden = await json(['--data', SMALL, '--group-by', 'condition']);
    expect(hidden.rows.map((r) => [r.group, r.suppressed, r['patients'], r['ratio']])).toEqual([
      ['low-back-pain', true, null, null],
      ['neck-pain', true, null, null],
    ]);
    const shown = await json(['--data', SMALL, '--group-by', 'condition', '--show-small']);
    const groups = R['groups'] as Record<string, Record<string, unknown>>;
    expect(shown.rows.map((r) => r.group)).toEqual(['low-back-pain', 'neck-pain']);
    for (const row of shown.rows) matchesR(row, groups[String(row.group)]);
    matchesR(shown.total, R['total']);
  });

  it('moves the threshold', async () => {
    matchesR((await json(['--data', SMALL, '--threshold', '1.5'])).total, R['threshold_1.5']);
    matchesR((await json(['--data', SMALL, '--threshold', '0.25'])).total, R['threshold_0.25']);
  });

  it('takes --level and --method exact for both intervals', async () => {
    matchesR((await json(['--data', SMALL, '--level', '90', '--method', 'exact'])).total, R['level_90_exact']);
  });

  it('sets the bundled Soliday & Betts 2018 figures beside them: 72/81 with its Wilson interval', async () => {
    const { published } = await json(['--data', SMALL]);
    expect(published).toHaveLength(1);
    const soliday = published[0];
    expect([soliday?.study_id, soliday?.improved, soliday?.n]).toEqual(['soliday-2018', 72, 81]);
    // R: prop.test(72, 81, correct = FALSE)$conf.int
    const r = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/clinic/soliday.json'), 'utf8')) as number[];
    expect(Math.abs((soliday?.ci_lb ?? NaN) - (r[0] ?? NaN))).toBeLessThan(1e-9);
    expect(Math.abs((soliday?.ci_ub ?? NaN) - (r[1] ?? NaN))).toBeLessThan(1e-9);
  });

  it('filters with --where on the records', async () => {
    const result = await json(['--data', SMALL, '--where', 'condition=low-back-pain', '--show-small']);
    matchesR(result.total, (R['groups'] as Record<string, Record<string, unknown>>)['low-back-pain']);
  });
});

describe('clinic for people', () => {
  it('prints a table of 80 columns at most, with the small group as "< 5" and the published row', async () => {
    const { code, stdout, stderr } = await runCli(['clinic', '--data', EXAMPLE, '--group-by', 'condition']);
    expect(code, stderr).toBe(0);
    for (const line of stdout.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/│ headache +│ patients +│ < 5 +│/);
    expect(stdout).toMatch(/│ Soliday & Betts 2018 │ published +│ 72\/81 \(88\.9%\) +│ \[80\.2%, 94\.0%\] +│/);
    expect(stderr).toMatch(/seen once: counted in patients, not in the change/);
    expect(stderr).toMatch(/"< 5" \(--show-small shows them\)/);
  });

  it('hides a larger group too when the total would give a small one back', async () => {
    const argv = ['clinic', '--data', EXAMPLE, '--group-by', 'condition', '--where', 'condition!=shoulder-pain'];
    const { stdout, stderr } = await runCli(argv);
    expect(stdout).toMatch(/│ headache +│ patients +│ < 5 +│/);
    expect(stdout).toMatch(/│ neck-pain +│ patients +│ hidden +│/);
    expect(stderr).toContain('cannot give a small group back by subtraction');
    const rows = (await json(argv.slice(1))).rows;
    expect(rows.map((r) => [r.group, r.suppressed, r['suppressed_because']])).toEqual([
      ['headache', true, 'fewer than 5 patients'],
      ['low-back-pain', false, undefined],
      ['neck-pain', true, 'hidden with a smaller group'],
      ['pelvic-girdle-pain', false, undefined],
    ]);
  });

  it('shows a total under 5 patients as "< 5" too', async () => {
    const { stdout } = await runCli(['clinic', '--data', SMALL, '--where', 'condition=neck-pain', '-f', 'markdown']);
    // Markdown escapes the "<" (it renders as "< 5").
    expect(stdout).toContain('| all                  | patients  | &lt; 5');
    expect(stdout).not.toMatch(/followed up/);
  });

  it('never prints a patient id or a date, in any format', async () => {
    const text = readFileSync(path.join(REPO, EXAMPLE), 'utf8');
    const lines = text.trim().split('\n').slice(1);
    const ids = new Set(lines.map((l) => l.split(',')[0] ?? ''));
    const dates = new Set(lines.map((l) => l.split(',')[2] ?? ''));
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const { code, stdout, stderr } = await runCli([
        'clinic',
        '--data',
        EXAMPLE,
        '--group-by',
        'condition',
        '--show-small',
        '-f',
        format,
      ]);
      expect(code).toBe(0);
      for (const id of ids) expect(stdout + stderr).not.toContain(id);
      for (const date of dates) expect(stdout + stderr).not.toContain(date);
    }
  });

  it('only reads the records', async () => {
    const file = path.join(REPO, EXAMPLE);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    await runCli(['clinic', '--data', EXAMPLE, '--group-by', 'condition']);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('gives the same share to value clinic-improved, and refuses it for fewer than 5 patients', async () => {
    const total = (await json(['--data', EXAMPLE])).total;
    const { code, stdout } = await runCli(['value', 'clinic-improved', '--data', EXAMPLE, '--json']);
    expect(code).toBe(0);
    const value = (JSON.parse(stdout) as { result: { value: number; ci_lb: number; ci_ub: number } }).result;
    expect([value.value, value.ci_lb, value.ci_ub]).toEqual([total['ratio'], total['ci_lb'], total['ci_ub']]);
    const small = await runCli(['value', 'clinic-improved', '--data', SMALL, '--where', 'condition=neck-pain']);
    expect(small.code).toBe(2);
    expect(small.stderr).toContain('fewer than 5 patients');
  });

  const cmark = spawnSync('cmark-gfm', ['--version']).status === 0;
  it.skipIf(!cmark)('reads as a table in a real Markdown renderer (cmark-gfm)', async () => {
    const { stdout } = await runCli(['clinic', '--data', EXAMPLE, '--group-by', 'condition', '-f', 'markdown']);
    const html = spawnSync('cmark-gfm', ['-e', 'table'], { input: stdout, encoding: 'utf8' }).stdout;
    expect(html.match(/<table>/g)).toHaveLength(1);
    // header + 2 small groups (one row each) + 3 groups and the total (8 rows each) + Soliday
    expect(html.match(/<tr>/g)).toHaveLength(1 + 2 + 4 * 8 + 1);
    expect(html).toContain('<td>headache</td>\n<td>patients</td>\n<td>&lt; 5</td>');
    expect(html).toContain('<td>Soliday &amp; Betts 2018</td>\n<td>published</td>\n<td>72/81 (88.9%)</td>');
  });

  it('renders in an evidence block', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-clinic-'));
    const file = path.join(dir, 'post.md');
    // The records sit beside the post: a block reads only inside its document's folder tree.
    const data = path.join(dir, 'records.csv');
    await writeFile(data, readFileSync(path.join(REPO, EXAMPLE)));
    await writeFile(
      file,
      [
        `In my clinic <!-- acu-evidence value clinic-improved --data ${data} --><!-- /acu-evidence --> improved.`,
        '',
        `<!-- acu-evidence clinic --data ${data} --group-by condition -->`,
        '<!-- /acu-evidence -->',
        '',
      ].join('\n'),
    );
    const { code, stderr } = await runCli(['render', file]);
    expect(code, stderr).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(
      /In my clinic <!-- acu-evidence value clinic-improved [^>]*-->\d+\.\d%<!-- \/acu-evidence -->/,
    );
    expect(text).toContain('| condition            | measure          | value          | 95% CI          |');
    expect(text).toContain('| headache             | patients         | &lt; 5         |                 |');
    expect((await runCli(['render', '--check', file])).code).toBe(0);
  });
});

describe('hostile clinic records', () => {
  it('never lets an id or a stray cell reach the output or break a block', async () => {
    const ids = ['<!-- /acu-evidence -->', '| x | y |', '<script>alert(1)</script>', '"quoted, id"', 'ünï', '-1'];
    const lines = ids.flatMap((id, i) => {
      const quoted = `"${id.replace(/"/g, '""')}"`;
      // 17/4 to 9/3: a fall of 1.25 for everyone.
      return [`${quoted},1,2025-01-0${i + 1},headache,5,4,5,3`, `${quoted},2,2025-02-0${i + 1},headache,2,,4,3`];
    });
    const csv = `\uFEFF${['patient_id,visit,date,condition,symptom1,symptom2,activity,wellbeing', ...lines].join('\r\n')}\r\n`;
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-clinic-'));
    const records = path.join(dir, 'records.csv');
    await writeFile(records, csv);
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const { code, stdout, stderr } = await runCli(['clinic', '--data', records, '-f', format]);
      expect(code, stderr).toBe(0);
      for (const id of ids.slice(0, 5)) expect(stdout + stderr).not.toContain(id);
    }
    const json = await runCli(['clinic', '--data', records, '--json']);
    const total = (JSON.parse(json.stdout) as ClinicJson).result.total;
    expect([total['patients'], total['followed_up'], total['improved']]).toEqual([6, 6, 6]);
    const post = path.join(dir, 'post.md');
    await writeFile(post, `<!-- acu-evidence clinic --data ${records} -->\n<!-- /acu-evidence -->\n`);
    expect((await runCli(['render', post])).code).toBe(0);
    expect((await runCli(['render', '--check', post])).code).toBe(0);
  });

  it('reads records from stdin', async () => {
    const text = readFileSync(path.join(REPO, SMALL), 'utf8');
    const { code, stdout } = await runCli(['clinic', '--data', '-', '--json'], { stdin: text });
    expect(code).toBe(0);
    matchesR((JSON.parse(stdout) as ClinicJson).result.total, R['total']);
  });
});

describe('clinic errors', () => {
  const bad: [string, string][] = [
    ['bad-score.csv', 'bad-score.csv:3:35: activity: a MYMOP score is a whole number from 0 to 6, got 7'],
    ['bad-half-score.csv', 'bad-half-score.csv:2:33: symptom2: expected a whole number, got "3.5"'],
    ['bad-repeated-visit.csv', 'bad-repeated-visit.csv:4:4: visit: visit 2 of this patient is already at'],
    ['bad-no-visit-1.csv', 'bad-no-visit-1.csv:3:4: visit: this patient has no visit 1'],
    ['bad-dates-backwards.csv', 'bad-dates-backwards.csv:4:6: date: visit 3 is dated 2025-01-13, before visit 2'],
    ['bad-date.csv', 'bad-date.csv:2:6: date: expected a date as YYYY-MM-DD (ISO 8601), got "06/01/2025"'],
    ['bad-unknown-condition.csv', 'bad-unknown-condition.csv:2:17: condition: "lower-back-pain" is not one of'],
    ['bad-condition-changes.csv', 'bad-condition-changes.csv:3:17: condition: "neck-pain" here but "low-back-pain"'],
    ['bad-no-symptom1.csv', 'bad-no-symptom1.csv:2:31: symptom1: empty; symptom1 is required on every row'],
  ];
  it.each(bad)('%s: file:line:column, exit 2, nothing written', async (name, message) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-clinic-'));
    const out = path.join(dir, 'out.md');
    const { code, stdout, stderr } = await runCli(['clinic', '--data', `tests/fixtures/clinic/${name}`, '-o', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`tests/fixtures/clinic/${message}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad cell on visit 1 is one error, not also "no visit 1" for the row it refused', async () => {
    const { code, stderr } = await runCli(['clinic', '--data', 'tests/fixtures/clinic/bad-visit-1-cell.csv']);
    expect(code).toBe(2);
    expect(stderr).toContain('bad-visit-1-cell.csv:2:31: symptom1: expected a whole number, got "four"');
    expect(stderr).not.toContain('no visit 1');
    expect(stderr).toContain('1 problem found');
  });

  it.each([
    [['--threshold', 'one'], '--threshold must be a number'],
    [['--threshold', '0'], '--threshold must be a number'],
    [['--group-by', 'date'], 'clinic groups patients by condition only'],
    [['--where', 'patient~P', '--group-by', 'visit'], 'clinic groups patients by condition only'],
    [['--where', 'colour=red'], 'colour'],
  ])('refuses %j', async (args, message) => {
    const { code, stderr } = await runCli(['clinic', '--data', SMALL, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('asks for the records when none are given', async () => {
    const { code, stderr } = await runCli(['clinic']);
    expect(code).toBe(2);
    expect(stderr).toContain('give them with --data');
    const bundled = await runCli(['clinic', '--data', 'data/']);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toContain('no clinic-records table');
  });
});
