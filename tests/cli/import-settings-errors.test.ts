// Review finding 10, the import/settings items: an error that RevMan's settings (analyses.csv) led
// to says they chose the measure/method; the "give --measure or --method" hint is left out once the
// user gave one; analyses.csv checks its measure against its data type at file:line:column.
// Data: Fleiss1993.rm5 (tests/fixtures/cochrane) imported, then analyses.csv edited.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;

/** Fleiss 1993 imported, with `edit` applied to line `line` (1-based) of analyses.csv. */
async function imported(line?: number, edit?: (text: string) => string): Promise<string> {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'acu-settings-errors-')), 'review');
  const out = await runCli(['import', path.join(COCHRANE, 'Fleiss1993.rm5'), '--into', folder]);
  expect(out.code, out.stderr).toBe(0);
  if (line !== undefined && edit) {
    const file = path.join(folder, 'analyses.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const before = lines[line - 1] ?? '';
    lines[line - 1] = edit(before);
    expect(lines[line - 1]).not.toBe(before);
    writeFileSync(file, lines.join('\n'));
  }
  return folder;
}

const meta = (folder: string, extra: string[] = []) =>
  runCli(['meta', '--data', folder, '--where', 'analysis=1.1', ...extra]);

describe('an error RevMan’s settings led to names analyses.csv', () => {
  it('Peto with a risk ratio: the error says analyses.csv chose --measure RR --method Peto', async () => {
    const folder = await imported(2, (l) => l.replace(',dichotomous,OR,MH,', ',dichotomous,RR,Peto,'));
    const out = await meta(folder);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /--method Peto pools odds ratios.*\(--measure RR --method Peto chosen by RevMan's settings of analysis 1\.1 of fleiss1993 \(analyses\.csv\); give --measure and --method to pool otherwise\)/,
    );
  });

  it('with --measure given, only the method is RevMan’s, and the error says so', async () => {
    const folder = await imported(2, (l) => l.replace(',dichotomous,OR,MH,', ',dichotomous,OR,Peto,'));
    const out = await meta(folder, ['--measure', 'RR']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /\(--method Peto chosen by RevMan's settings of analysis 1\.1 .*give --method to pool otherwise\)/,
    );
  });

  it('an error of the user’s own options says nothing of RevMan', async () => {
    const folder = await imported();
    const out = await meta(folder, ['--measure', 'MD', '--method', 'FE']);
    expect(out.code).toBe(2);
    expect(out.stderr).not.toMatch(/RevMan|analyses\.csv/);
  });
});

describe('the hint to pool otherwise', () => {
  it('is given when RevMan chose everything', async () => {
    const out = await meta(await imported());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/give --measure or --method to pool otherwise/);
  });

  it.each([
    ['--measure', 'OR'],
    ['--method', 'FE'],
    ['--level', '90'],
  ])('after %s %s', async (option, value) => {
    const out = await meta(await imported(), [option, value]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/pooled with RevMan's settings/);
    if (option === '--level') expect(out.stderr).toMatch(/give --measure or --method to pool otherwise/);
    else expect(out.stderr).not.toMatch(/to pool otherwise/);
  });
});

describe('analyses.csv: the measure must fit the data type', () => {
  async function validateWith(line: number, from: string, to: string) {
    const folder = await imported(line, (l) => l.replace(from, to));
    const text = readFileSync(path.join(folder, 'analyses.csv'), 'utf8').split('\n')[line - 1] ?? '';
    const column = text.indexOf(to) + to.indexOf(',', 1) + 2;
    return { out: await runCli(['validate', '--data', folder]), column };
  }

  it('dichotomous with MD', async () => {
    const { out, column } = await validateWith(2, ',dichotomous,OR,', ',dichotomous,MD,');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      new RegExp(`analyses\\.csv:2:${column}: measure: "MD" is not a dichotomous measure \\(OR, RR, RD, PETO_OR\\)`),
    );
  });

  it('continuous with OR', async () => {
    const { out, column } = await validateWith(3, ',continuous,SMD,', ',continuous,OR,');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      new RegExp(`analyses\\.csv:3:${column}: measure: "OR" is not a continuous measure \\(MD, SMD\\)`),
    );
  });

  it('a measure in lower case is the same measure; PETO_OR is dichotomous', async () => {
    for (const to of [',dichotomous,or,', ',dichotomous,PETO_OR,']) {
      const { out } = await validateWith(2, ',dichotomous,OR,', to);
      expect(out.code, out.stderr).toBe(0);
    }
  });

  it('meta refuses the table too (no pooling of a dichotomous analysis as MD)', async () => {
    const folder = await imported(2, (l) => l.replace(',dichotomous,OR,', ',dichotomous,MD,'));
    const out = await meta(folder);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/analyses\.csv:2:\d+: measure: "MD" is not a dichotomous measure/);
  });
});

describe('Peto with random effects in analyses.csv', () => {
  it('pools by Peto (common effect) and the note says the random-effects setting is not applied', async () => {
    const folder = await imported(2, (l) =>
      l.replace(',dichotomous,OR,MH,fixed,', ',dichotomous,PETO_OR,Peto,random,'),
    );
    const out = await meta(folder);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/--method Peto .*Peto's method has no random effects here: pooled as common effect/);
  });
});
