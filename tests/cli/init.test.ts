// `init`: templates that load as they are, with a column guide, never replacing files without --force.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableByName } from '../../src/core/evidence/schema/index.js';
import { runCli } from '../helpers/run-cli.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'acu-init-'));

describe('init', () => {
  it('writes header-only tables and a commented column guide beside each; they validate as they are', async () => {
    const folder = path.join(temp(), 'new');
    const out = await runCli(['init', folder]);
    expect(out.code, out.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(
      [
        'adverse-events.columns.txt',
        'adverse-events.csv',
        'outcomes.columns.txt',
        'outcomes.csv',
        'studies.columns.txt',
        'studies.csv',
      ].sort(),
    );
    const header = readFileSync(path.join(folder, 'outcomes.csv'), 'utf8').trim().split(',');
    const schema = tableByName('outcomes')
      .columns.filter((c) => !c.derived)
      .map((c) => c.name);
    expect(header).toEqual(schema);
    const guide = readFileSync(path.join(folder, 'outcomes.columns.txt'), 'utf8');
    expect(guide).toMatch(/^# outcomes\.csv: /);
    expect(guide).toContain(
      '#   comparator_type: Kind of control arm; none for a single-arm result. [one of: sham, usual-care',
    );
    expect(guide).toMatch(/# Codebook: .*data\/README\.md/);
    expect((await runCli(['validate', '--data', folder])).code).toBe(0);
  });

  it('a filled-in template loads and pools', async () => {
    const folder = path.join(temp(), 'new');
    await runCli(['init', folder, '--tables', 'studies,outcomes']);
    const outcomes = path.join(folder, 'outcomes.csv');
    const header = readFileSync(outcomes, 'utf8').trim().split(',');
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? '').join(',');
    writeFileSync(
      outcomes,
      `${header.join(',')}\n${row({ study_id: 'a', events_treatment: '3', n_treatment: '10', events_control: '1', n_control: '10', source: 'invented for this test' })}\n${row({ study_id: 'b', events_treatment: '4', n_treatment: '12', events_control: '2', n_control: '12', source: 'invented for this test' })}\n`,
    );
    writeFileSync(path.join(folder, 'studies.csv'), 'study_id,short_name\na,A\nb,B\n');
    const out = await runCli(['meta', '--data', folder, '--measure', 'RR', '--method', 'FE']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Meta-analysis of 2 studies');
  });

  it('never replaces existing templates without --force; unknown tables are usage errors', async () => {
    const folder = temp();
    writeFileSync(path.join(folder, 'studies.csv'), 'mine\n');
    const out = await runCli(['init', folder]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('already holds studies.csv');
    expect(readFileSync(path.join(folder, 'studies.csv'), 'utf8')).toBe('mine\n');
    expect((await runCli(['init', folder, '--force'])).code).toBe(0);
    const bad = await runCli(['init', temp(), '--tables', 'studies,sudies']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown table sudies');
  });
});
