// Regressions found in review: each test names the behaviour it pins.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

type Json = Record<string, unknown>;
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/metafor/reference.json', import.meta.url), 'utf8'),
) as Record<string, Json>;

function csv(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'acu-fix-')), name);
  writeFileSync(file, text);
  return file;
}

describe('Mantel-Haenszel keeps every table, whatever the zero-cell options', () => {
  // metafor rma.mh on dat.bcg rows 1-5 with a zero cell in trial 1 (reference.json bcg5_zero_RR_MH).
  const ref = reference['bcg5_zero_RR_MH'] as { input: Record<string, number[]>; estimate: number; k: number };
  const col = (c: string, i: number) => (ref.input[c] ?? [])[i] ?? NaN;
  const rows = (ref.input['trial'] ?? []).map(
    (t, i) =>
      `t${t},${col('tpos', i)},${col('tpos', i) + col('tneg', i)},${col('cpos', i)},${col('cpos', i) + col('cneg', i)}`,
  );
  const file = csv('mh.csv', `study_id,events_treatment,n_treatment,events_control,n_control\n${rows.join('\n')}\n`);

  it.each([[[]], [['--to', 'none']], [['--add', '0']]])('with %j', async (extra) => {
    const out = await runCli(['meta', '--data', file, '--measure', 'RR', '--method', 'MH', '--json', ...extra]);
    expect(out.code, out.stderr).toBe(0);
    const r = (JSON.parse(out.stdout) as { result: Json }).result;
    expect(r['k']).toBe(ref.k);
    expect(Math.abs((r['estimate'] as number) - ref.estimate)).toBeLessThan(1e-9);
  });

  it('refuses analyses it cannot do instead of ignoring them', async () => {
    const out = await runCli([
      'meta',
      '--data',
      file,
      '--measure',
      'RR',
      '--method',
      'MH',
      '--egger',
      '--group-by',
      'study_id',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--group-by, --egger are not available with --method MH/);
  });
});

describe('filters that would silently select nothing', () => {
  it('names an id that is not in the data', async () => {
    const out = await runCli(['value', 'patients', '--where', 'review=vickers2018']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'error: no review "vickers2018" in the data read, in --where \'review=vickers2018\' (did you mean "vickers-2018"?)\n',
    );
  });

  it('counts a study in no review as "not in" any review', async () => {
    const { stdout } = await runCli([
      'studies',
      '--where',
      'review!=vickers-2018',
      '--columns',
      'study_id',
      '--format',
      'csv',
    ]);
    expect(stdout).toContain('guerreiro-da-silva-2004');
  });

  it("accepts 'a','b' as well as 'a,b'", async () => {
    const both = await runCli(['studies', '--where', "condition='sciatica','pelvic-girdle-pain'", '--json']);
    const one = await runCli(['studies', '--where', "condition='sciatica,pelvic-girdle-pain'", '--json']);
    expect(both.code).toBe(0);
    expect((JSON.parse(both.stdout) as { result: Json }).result).toEqual(
      (JSON.parse(one.stdout) as { result: Json }).result,
    );
  });
});

describe('input that used to crash or mislead', () => {
  it('reports an unreadable entry of a data folder as a problem (exit 2)', async () => {
    const out = await runCli(['validate', '--data', 'tests/fixtures/bad/folder-named-csv']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^tests\/fixtures\/bad\/folder-named-csv\/inner\.csv: cannot read: it is a folder/);
  });

  it('refuses stdin named twice', async () => {
    const out = await runCli(['studies', '--data', '-', '-'], { stdin: 'study_id\nx\n' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/names stdin \("-"\) more than once/);
  });

  it('puts a stray quote on the line that has it', async () => {
    const out = await runCli(['validate', '--data', 'tests/fixtures/bad/stray-quote-line-3.csv']);
    expect(out.stderr).toMatch(/^tests\/fixtures\/bad\/stray-quote-line-3\.csv:3:15: a quote/);
  });

  it('refuses an evidence block that would write a file, even under --check', async () => {
    const file = csv('post.md', '<!-- acu-evidence studies --output side.csv -->\n<!-- /acu-evidence -->\n');
    const out = await runCli(['render', '--check', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}:1: an evidence block cannot write a file (output)`);
  });

  it('refuses two formats at once', async () => {
    const out = await runCli(['studies', '--json', '--format', 'csv']);
    expect(out.code).toBe(2);
  });
});

describe('numbers as people and machines read them', () => {
  it('rounds a mean of sessions for a sentence but not in CSV', async () => {
    // Midpoints 12, 12.5, 10, 10, 10, 12 (see aggregates.test.ts): 66.5 / 6 = 11.083...
    const where = ['--where', 'review=vickers-2018', '--where', 'condition=low-back-pain'];
    expect((await runCli(['value', 'sessions-mean', ...where])).stdout).toBe('11.1\n');
    const csvOut = (await runCli(['treatments', ...where, '--format', 'csv'])).stdout.split('\n')[1] ?? '';
    expect(csvOut).toContain(String(66.5 / 6));
  });

  it('shows unknown patient counts as unknown, not 0%', async () => {
    const result = (
      JSON.parse((await runCli(['patients', '--where', 'study_id=soliday-2018', '--json'])).stdout) as {
        result: { rows: Json[] };
      }
    ).result;
    expect(result.rows[0]).toMatchObject({
      group: 'soliday-2018',
      patients: null,
      patient_share: null,
      reported_patients: 81,
    });
  });

  it('warns when an adverse-event total mixes in control arms', async () => {
    const { stderr } = await runCli(['adverse-events', '--where', 'study_id=elden-2005']);
    expect(stderr).toMatch(/warning: the selection holds 2 rows of control arms \(acupuncture_arm=no\)/);
  });
});
