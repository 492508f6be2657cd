import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const TABLES: readonly (readonly string[])[] = [
  ['summary'],
  ['patients'],
  ['treatments'],
  ['outcomes'],
  ['outcomes', '--vs', 'sham'],
  ['outcomes', '--by-study'],
  ['adverse-events'],
  ['adverse-events', '--by-event'],
  ['claims'],
  ['studies'],
  ['studies', '--group-by', 'review'],
  ['validate'],
  ['schema', 'studies'],
];

/** The header cells of a Markdown table. */
function headers(markdown: string): string[] {
  return (markdown.split('\n')[0] ?? '')
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((h) => h.trim());
}

describe('names a user sees are names a user can type', () => {
  for (const argv of TABLES) {
    it(`${argv.join(' ')}: headers are unique and each one works in --columns and --sort`, async () => {
      const md = await runCli([...argv, '--format', 'markdown']);
      expect(md.code).toBe(0);
      const names = headers(md.stdout);
      expect(names.length).toBeGreaterThan(1);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) {
        const one = await runCli([...argv, '--format', 'markdown', '--columns', name, '--sort', `-${name}`]);
        expect(one.code, one.stderr).toBe(0);
        expect(headers(one.stdout)).toEqual([name]);
      }
    });
  }

  it('sorts by a header as shown: "positive %" descending', async () => {
    const out = await runCli([
      'summary',
      '--columns',
      'review,positive %',
      '--sort',
      '-positive %,review',
      '--format',
      'csv',
    ]);
    expect(out.code).toBe(0);
    // The review groups at 100% (data/studies.csv) come first, then liddle-2015 and pennick-2013 at 3/4.
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('group,ratio');
    expect(lines.slice(1, 5).every((l) => l.endsWith(',1'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^soliday-2018,$/);
  });

  it('names an unknown column with the headers among the choices', async () => {
    const out = await runCli(['patients', '--columns', 'reported']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('reported studies');
  });
});

describe('--level', () => {
  it('takes 90, 90% and 0.9 alike', async () => {
    const runs = await Promise.all(
      ['90', '90%', '0.9'].map((level) => runCli(['outcomes', '--vs', 'sham', '--level', level, '--json'])),
    );
    for (const r of runs) expect(r.code).toBe(0);
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    expect(runs[2]?.stdout).toBe(runs[0]?.stdout);
    expect(runs[0]?.stdout).toContain('"level": 0.9');
  });

  it('explains what it takes when the level is not one', async () => {
    for (const bad of ['abc', '100%', '0', '1', '-5']) {
      const out = await runCli(['outcomes', '--level', bad]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^error: --level takes a confidence level as a percentage \(90, 90%\) or a fraction/);
    }
  });
});

describe('formats from the file name', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'acu-formats-'));
  it.each([
    ['s.md', /^\| review +\| studies\/reported/],
    ['s.csv', /^group,studies,reported_studies,/],
    ['s.json', /^\{\n {2}"schemaVersion": 1,/],
    ['s.txt', /^┌─/],
  ])('summary -o %s', async (file, start) => {
    const target = path.join(dir, file);
    const out = await runCli(['summary', '-o', target]);
    expect(out.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(start);
  });

  it('lets --format and --json override the file name', async () => {
    const target = path.join(dir, 'override.md');
    await runCli(['summary', '-o', target, '--format', 'csv']);
    expect(readFileSync(target, 'utf8')).toMatch(/^group,/);
    await runCli(['summary', '-o', target, '--json']);
    expect(readFileSync(target, 'utf8')).toMatch(/^\{/);
  });
});

describe('tidy CSV', () => {
  it('holds one row per group, and the total only with --totals', async () => {
    const plain = await runCli(['patients', '--format', 'csv']);
    const lines = plain.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('group,'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('total,'))).toBe(false);
    const totals = await runCli(['patients', '--format', 'csv', '--totals']);
    expect(totals.stdout.trim().split('\n').at(-1)).toMatch(/^total,20,/);
  });

  it('keeps the one record of an ungrouped selection', async () => {
    const out = await runCli(['treatments', '--format', 'csv']);
    expect(out.stdout.trim().split('\n')).toHaveLength(2);
    expect(out.stdout.split('\n')[1]).toMatch(/^all,20,/);
  });
});
