import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const MINI = 'tests/fixtures/mini';

describe('studies', () => {
  it('prints a GitHub-flavoured Markdown table of the selected studies', async () => {
    const { code, stdout, stderr } = await runCli([
      'studies',
      '--data',
      MINI,
      '--where',
      'condition=low-back-pain',
      '--format',
      'markdown',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| study_id +\| +year \| condition +\|/);
    expect(lines[1]).toMatch(/^\| -+ \| -+: \| -+ \|/);
    // Every line has the same number of cells.
    const cells = lines.map((l) => l.split(/(?<!\\)\|/).length);
    expect(new Set(cells).size).toBe(1);
    expect(lines[3]).toContain('rev-a; rev-b');
    expect(stderr).toBe('2 of 4 studies match.\n');
  });

  it('wraps JSON in the documented envelope', async () => {
    const { code, stdout } = await runCli(['studies', '--data', MINI, '--json', '--where', 'year<2006']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { result: { count: number; rows: unknown[] } };
    expect(json).toMatchObject({ schemaVersion: 1, command: 'studies', filters: ['year<2006'] });
    expect(json.result.count).toBe(2);
    expect(json.result.rows[1]).toMatchObject({
      study_id: 'beta-2005',
      n_randomised: 250,
      review: ['rev-a', 'rev-b'],
      n_acupuncture: null,
    });
  });

  it('writes CSV that loads back unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-'));
    const first = await runCli(['studies', '--data', MINI, '--format', 'csv']);
    await writeFile(path.join(dir, 'studies.csv'), first.stdout);
    const second = await runCli(['studies', '--data', path.join(dir, 'studies.csv'), '--format', 'csv']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes CSV of the bundled studies (quotes, commas, lists) that loads back unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-'));
    const first = await runCli(['studies', '--where', 'condition=low-back-pain', '--format', 'csv']);
    expect(first.code).toBe(0);
    await writeFile(path.join(dir, 'studies.csv'), first.stdout);
    const second = await runCli(['studies', '--data', path.join(dir, 'studies.csv'), '--format', 'csv']);
    expect(second.stdout).toBe(first.stdout);
    const json = await runCli(['studies', '--data', path.join(dir, 'studies.csv'), '--json']);
    const bundled = await runCli(['studies', '--where', 'condition=low-back-pain', '--json']);
    expect((JSON.parse(json.stdout) as { result: unknown }).result).toEqual(
      (JSON.parse(bundled.stdout) as { result: unknown }).result,
    );
  });

  it('counts studies and patients per group, with a de-duplicated total', async () => {
    const { stdout } = await runCli(['studies', '--data', MINI, '--group-by', 'review', '--json']);
    const result = (JSON.parse(stdout) as { result: { rows: unknown[]; total: unknown } }).result;
    // rev-a: alpha (100) + beta (250); rev-b: beta (250) + gamma (40); delta has no review.
    expect(result.rows).toEqual([
      { group: 'rev-a', studies: 2, patients: 350, studies_without_n: 0 },
      { group: 'rev-b', studies: 2, patients: 290, studies_without_n: 0 },
      // delta-2015 is in no review (and gives no n): the group is named, patients unknown.
      { group: '(none)', studies: 1, patients: null, studies_without_n: 1 },
    ]);
    expect(result.total).toEqual({ group: null, studies: 4, patients: 390, studies_without_n: 1 });
  });

  it('sorts, selects columns and limits', async () => {
    const { stdout, stderr } = await runCli([
      'studies',
      '--data',
      MINI,
      '--sort',
      '-n_randomised',
      '--columns',
      'study_id,n_randomised',
      '--limit',
      '2',
      '--format',
      'csv',
    ]);
    expect(stdout).toBe('study_id,n_randomised\nbeta-2005,250\nalpha-2001,100\n');
    expect(stderr).toBe('4 of 4 studies match; showing 2.\n');
  });

  it('reads stdin with --data -', async () => {
    const csv = 'study_id,year\nx-2020,2020\n';
    const { code, stdout } = await runCli(['studies', '--data', '-', '--format', 'csv', '--columns', 'study_id,year'], {
      stdin: csv,
    });
    expect(code).toBe(0);
    expect(stdout).toBe('study_id,year\nx-2020,2020\n');
  });

  it('writes --output atomically and leaves no temporary file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acu-'));
    const out = path.join(dir, 'out.md');
    const { code, stdout } = await runCli(['studies', '--data', MINI, '--format', 'markdown', '--output', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(await readFile(out, 'utf8')).toMatch(/^\| study_id/);
    expect(await readdir(dir)).toEqual(['out.md']);
  });

  it('explains a bad --where, --columns or --format and exits 2', async () => {
    const bad = await runCli(['studies', '--data', MINI, '--where', 'yera>=2015']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: unknown field "yera" in --where 'yera>=2015' \(did you mean "year"\?\); fields are study_id, /,
    );
    expect(bad.stdout).toBe('');
    const op = await runCli(['studies', '--data', MINI, '--where', 'year is 2001']);
    expect(op.stderr).toMatch(/OP one of <= >= != !~ = < > ~/);
    const format = await runCli(['studies', '--data', MINI, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are table, markdown, csv, json/);
  });

  it('colours the table only when asked or on a terminal without NO_COLOR', async () => {
    const args = ['studies', '--data', MINI, '--limit', '1'];
    expect((await runCli(args)).stdout).not.toContain('\u001b[');
    expect((await runCli(args, { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[1m');
    expect((await runCli(args, { tty: true })).stdout).toContain('\u001b[1m');
    expect((await runCli(args, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli([...args, '--no-color'], { tty: true })).stdout).not.toContain('\u001b[');
  });
});
