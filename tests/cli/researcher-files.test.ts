// A researcher's own files: metafor's and meta's column names, capitalised headers, semicolon and tab
// delimiters with decimal commas. Expected numbers: metafor's REML fit of dat.bcg
// (tests/fixtures/researcher/bcg-metafor-names.R wrote the CSVs and bcg-metafor-names.json).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { close } from '../helpers/close.js';

const FIXTURES = new URL('../fixtures/researcher/', import.meta.url).pathname;
const fixture = (name: string) => path.join(FIXTURES, name);
const reml = JSON.parse(readFileSync(fixture('bcg-metafor-names.json'), 'utf8')) as Record<string, number>;

interface MetaJson {
  result: { k: number; estimate: number; ci_lb: number; ci_ub: number; tau2: number; I2: number; QE: number };
}

async function pooled(args: string[]): Promise<{ json: MetaJson; stderr: string }> {
  const out = await runCli(['meta', '--measure', 'RR', '--json', ...args]);
  expect(out.stderr.includes('problem'), out.stderr).toBe(false);
  expect(out.code).toBe(0);
  return { json: JSON.parse(out.stdout) as MetaJson, stderr: out.stderr };
}

function expectMetaforReml(json: MetaJson): void {
  expect(json.result.k).toBe(13);
  close(json.result.estimate, reml['estimate'] as number);
  close(json.result.ci_lb, reml['ci_lb'] as number);
  close(json.result.ci_ub, reml['ci_ub'] as number);
  close(json.result.tau2, reml['tau2'] as number);
  close(json.result.I2, reml['I2'] as number);
  close(json.result.QE, reml['QE'] as number);
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'acu-researcher-')), name);
  writeFileSync(file, text);
  return file;
}

describe("metafor's and meta's column names", () => {
  it('dat.bcg as Study,year,ai,bi,ci,di pools to metafor REML, and the note says how columns were read', async () => {
    const { json, stderr } = await pooled(['--data', fixture('bcg-metafor.csv')]);
    expectMetaforReml(json);
    expect(stderr).toContain('Study → study_id');
    expect(stderr).toContain('events_treatment + bi → n_treatment');
    expect(stderr).toContain('year → studies table');
  });

  it('the year column becomes a studies table: --cumulative year works on it', async () => {
    const out = await runCli(['meta', '--data', fixture('bcg-metafor.csv'), '--cumulative', '--json']);
    expect(out.code, out.stderr).toBe(0);
  });

  it('study names shared by studies of different years get their year (Rosenthal et al 1960, 1961)', async () => {
    const out = await runCli(['meta', '--data', fixture('bcg-metafor.csv'), '--json']);
    const labels = (JSON.parse(out.stdout) as { result: { studies: { label: string }[] } }).result.studies.map(
      (s) => s.label,
    );
    expect(labels).toContain('Rosenthal et al 1960');
    expect(labels).toContain('Rosenthal et al 1961');
    expect(labels).toContain('Aronson');
  });

  it("yi,vi with a measure column pools like the 2x2 tables (metafor's escalc output)", async () => {
    expectMetaforReml((await pooled(['--data', fixture('bcg-yi-vi.csv')])).json);
  });

  it("meta's names (studlab, event.e, n.e, event.c, n.c), capitalised, pool the same", async () => {
    const lines = readFileSync(fixture('bcg-metafor.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((line) => {
      const cells = line.match(/("[^"]*"|[^,]+)/g) ?? [];
      const [name, year, ai, bi, ci, di] = cells.map((c) => c.replace(/"/g, ''));
      return `"${name} ${year}",${ai},${Number(ai) + Number(bi)},${ci},${Number(ci) + Number(di)}`;
    });
    const file = tempFile('meta-names.csv', `STUDLAB,Event.e,N.E,event.c,n.c\n${rows.join('\n')}\n`);
    const { json, stderr } = await pooled(['--data', file]);
    expectMetaforReml(json);
    expect(stderr).toContain('Event.e → events_treatment');
  });

  it('sei instead of vi gives the same pooled result', async () => {
    const lines = readFileSync(fixture('bcg-yi-vi.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((line) => {
      const cells = line.split(',');
      return [...cells.slice(0, 3), String(Math.sqrt(Number(cells[3])))].join(',');
    });
    const file = tempFile('sei.csv', `study,measure,yi,sei\n${rows.join('\n')}\n`);
    expectMetaforReml((await pooled(['--data', file])).json);
  });

  it('xi,ni are single proportions (adverse-events), read like patients_with_event,patients_exposed', async () => {
    const aliased = tempFile('p.csv', 'study,xi,ni\na,3,40\nb,5,52\nc,1,30\n');
    const plain = tempFile('q.csv', 'study_id,patients_with_event,patients_exposed\na,3,40\nb,5,52\nc,1,30\n');
    const run = async (file: string) =>
      JSON.parse((await runCli(['meta', '--measure', 'PLO', '--data', file, '--json'])).stdout) as MetaJson;
    expect((await run(aliased)).result).toEqual((await run(plain)).result);
  });

  it('yi without a measure column is an error that says what to add', async () => {
    const file = tempFile('nomeasure.csv', 'study,yi,vi\na,0.1,0.01\n');
    const out = await runCli(['meta', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/nomeasure\.csv:1:\d+: yi is on the analysis scale of a measure: add a column measure/);
  });

  it('a study given two countries is an error naming both lines', async () => {
    const file = tempFile('years.csv', 'study,year,country,ai,n1i,ci,n2i\na,2001,DE,1,10,2,10\na,2001,FR,1,10,2,10\n');
    const out = await runCli(['meta', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('years.csv:3:');
    expect(out.stderr).toContain('study a has country "FR" here but "DE" on line 2');
  });

  it('bi disagreeing with n1i is an error at the cell', async () => {
    const file = tempFile('bi.csv', 'study,ai,bi,n1i,ci,n2i\na,1,9,11,2,10\n');
    const out = await runCli(['meta', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('bi.csv:2:');
    expect(out.stderr).toContain('is not events_treatment + bi (10)');
  });

  it('year in an outcomes file with the data model’s own names is read as a study-level column', async () => {
    const file = tempFile(
      'own.csv',
      'study_id,year,events_treatment,n_treatment,events_control,n_control\na,2001,1,10,2,10\nb,2003,2,10,3,10\n',
    );
    const out = await runCli(['meta', '--data', file, '--measure', 'RR', '--cumulative', 'year']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('year → studies table');
  });

  it('an empty study_id is an error, not a study named "?"', async () => {
    const file = tempFile('empty-id.csv', 'study,ai,n1i,ci,n2i\n,1,10,2,10\nb,1,10,2,10\n');
    const out = await runCli(['validate', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('empty-id.csv:2:1: study_id: empty; study_id is required on every row');
  });

  it('a header that matches no table names the closest table and what it lacks', async () => {
    const file = tempFile('near.csv', 'trial,event_treatmnt,n_treatmnt\na,1,2\n');
    const out = await runCli(['validate', '--data', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('The closest table is outcomes (event_treatmnt → events_treatment?');
    expect(out.stderr).toContain('it lacks study_id');
  });
});

describe('delimiters and decimal commas', () => {
  it('a semicolon CSV with decimal commas (R write.csv2) pools the same as its comma version', async () => {
    const comma = await pooled(['--data', fixture('bcg-yi-vi.csv')]);
    const semicolon = await pooled(['--data', fixture('bcg-yi-vi-semicolon.csv')]);
    expect(semicolon.json.result).toEqual(comma.json.result);
    expect(semicolon.stderr).toContain('read as semicolon-separated (detected); decimal commas');
  });

  it('a tab-separated file is detected', async () => {
    const text = readFileSync(fixture('bcg-yi-vi.csv'), 'utf8').replace(/,/g, '\t');
    const { json, stderr } = await pooled(['--data', tempFile('tab.tsv.csv', text)]);
    expectMetaforReml(json);
    expect(stderr).toContain('tab-separated (detected)');
  });

  it('--delimiter and --decimal override detection', async () => {
    const text = readFileSync(fixture('bcg-yi-vi-semicolon.csv'), 'utf8').replace(/"/g, '');
    const file = tempFile('forced.csv', text);
    expectMetaforReml((await pooled(['--data', file, '--delimiter', 'semicolon', '--decimal', ','])).json);
    const wrong = await runCli(['meta', '--data', file, '--delimiter', 'comma']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('give --delimiter semicolon');
    const clash = await runCli(['meta', '--data', file, '--delimiter', 'comma', '--decimal', ',']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--decimal , needs another delimiter');
  });

  it('decimal commas are read only in numeric columns; a text cell keeps its comma', async () => {
    const file = tempFile(
      'text.csv',
      'study;outcome;mean.e;sd.e;n.e;mean.c;sd.c;n.c\na;0,5;1,5;0,5;10;2;1;10\nb;1,5;1,5;0,5;10;2;1;10\n',
    );
    const md = await runCli(['meta', '--data', file, '--measure', 'MD', '--json']);
    expect(md.code, md.stderr).toBe(0);
    const r = (JSON.parse(md.stdout) as MetaJson).result;
    // MD = 1.5 - 2 = -0.5 in both studies (hand calculation).
    close(r.estimate, -0.5);
    expect(md.stderr).toContain('2 different outcomes (0,5; 1,5)');
  });
});
