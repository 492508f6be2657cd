// Generic inverse-variance (GIV) rows of the three RevMan forms against R: tests/fixtures/cochrane/
// Fleiss1993-giv.rm5 (derived from meta's Fleiss1993.rm5 by giv-reference.R) and giv-reference.json,
// which that script made by reading the file as R meta's read.rm5 + metacr do (TE = log(EFFECT_SIZE)
// when LOG_DATA="YES", else EFFECT_SIZE; seTE = SE) and pooling with metafor (FE; DL for RANDOM="YES").
// The CSV export and data package forms are rewritten here to hold the same GIV rows.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { close } from '../helpers/close.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;
const GIV = path.join(COCHRANE, 'Fleiss1993-giv.rm5');

interface Reference {
  analysis: string;
  model: string;
  k: number;
  yi: number[];
  sei: number[];
  estimate: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  transformed: { estimate: number; ci_lb: number; ci_ub: number };
  zval: number;
  pval: number;
  QE: number;
  I2: number;
  tau2: number;
}
const REFERENCE = (
  JSON.parse(readFileSync(path.join(COCHRANE, 'giv-reference.json'), 'utf8')) as { analyses: Reference[] }
).analyses;
const ref = (analysis: string): Reference => {
  const found = REFERENCE.find((r) => r.analysis === analysis);
  if (!found) throw new Error(`no reference for ${analysis}`);
  return found;
};

interface MetaJson {
  result: {
    measure: string;
    method: string;
    k: number;
    estimate: number;
    se: number;
    ci_lb: number;
    ci_ub: number;
    zval: number;
    pval: number;
    QE: number;
    I2: number;
    tau2: number | null;
    transformed: { estimate: number; ci_lb: number; ci_ub: number };
    studies: { label: string; yi: number; vi: number }[];
  };
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'acu-giv-'));

async function importInto(file: string) {
  const folder = path.join(temp(), 'review');
  const out = await runCli(['import', file, '--into', folder]);
  expect(out.code, out.stderr).toBe(0);
  return { folder, stderr: out.stderr };
}

async function meta(folder: string, analysis: string, extra: string[] = []) {
  const out = await runCli(['meta', '--data', folder, '--where', `analysis=${analysis}`, '--json', ...extra]);
  expect(out.code, out.stderr).toBe(0);
  return { result: (JSON.parse(out.stdout) as MetaJson).result, stderr: out.stderr };
}

function matches(result: MetaJson['result'], expected: Reference): void {
  expect(result.k).toBe(expected.k);
  close(result.estimate, expected.estimate);
  close(result.se, expected.se);
  close(result.ci_lb, expected.ci_lb);
  close(result.ci_ub, expected.ci_ub);
  close(result.transformed.estimate, expected.transformed.estimate);
  close(result.transformed.ci_lb, expected.transformed.ci_lb);
  close(result.transformed.ci_ub, expected.transformed.ci_ub);
  close(result.zval, expected.zval);
  close(result.pval, expected.pval);
  close(result.QE, expected.QE);
  close(result.I2, expected.I2);
  if (expected.model === 'DL') close(result.tau2 ?? Number.NaN, expected.tau2);
  // Study by study, in the file's order (the JSON's): yi and vi = SE² as meta reads them.
  const byYi = [...result.studies].sort((a, b) => a.yi - b.yi);
  const expectedYi = expected.yi
    .map((y, i) => ({ y, v: (expected.sei[i] ?? Number.NaN) ** 2 }))
    .sort((a, b) => a.y - b.y);
  byYi.forEach((s, i) => {
    close(s.yi, expectedYi[i]?.y ?? Number.NaN);
    close(s.vi, expectedYi[i]?.v ?? Number.NaN);
  });
}

describe('GIV analyses of a RevMan 5 file (Fleiss1993-giv.rm5) against R meta’s reading', () => {
  it('analysis 1.3 (OR entered on the log scale, measure named by element): RevMan’s settings pool as metafor FE', async () => {
    const { folder } = await importInto(GIV);
    const { result, stderr } = await meta(folder, '1.3');
    expect([result.measure, result.method]).toEqual(['OR', 'FE']);
    expect(stderr).toContain('OR, inverse variance, fixed effect');
    matches(result, ref('1.3'));
  });

  it('analysis 1.4 (MD on its own scale, random effects): DerSimonian-Laird as metafor', async () => {
    const { folder } = await importInto(GIV);
    const { result } = await meta(folder, '1.4');
    expect([result.measure, result.method]).toEqual(['MD', 'DL']);
    matches(result, ref('1.4'));
  });

  it('writes the rows as an effect with its SE, and the settings in analyses.csv', async () => {
    const { folder } = await importInto(GIV);
    const outcomes = readFileSync(path.join(folder, 'outcomes.csv'), 'utf8');
    expect(outcomes).toContain('OR,0.7197141500975687,,,0.1972198088133556');
    const analyses = readFileSync(path.join(folder, 'analyses.csv'), 'utf8').split('\n');
    expect(analyses.find((l) => l.startsWith('fleiss1993-giv,1.3,'))).toContain(
      ',giv,OR,IV,fixed,95,95,yes,yes,yes,,yes,',
    );
    expect(analyses.find((l) => l.startsWith('fleiss1993-giv,1.4,'))).toContain(
      ',giv,MD,IV,random,95,95,yes,yes,yes,,no,',
    );
  });

  it('LOG_DATA="NO" on a ratio: RevMan pools the values unlogged, so the rows are left out with a note', async () => {
    const dir = temp();
    const file = path.join(dir, 'natural.rm5');
    const text = readFileSync(GIV, 'latin1');
    writeFileSync(file, text.replace('LOG_DATA="YES"', 'LOG_DATA="NO"'), 'latin1');
    const { folder, stderr } = await importInto(file);
    expect(stderr).toContain('analysis 1.3: OR data entered on the natural scale (LOG_DATA="NO")');
    expect(readFileSync(path.join(folder, 'outcomes.csv'), 'utf8')).not.toContain('analysis 1.3"');
  });

  it('no LOG_DATA on a ratio: EFFECT_SIZE is taken as the log OR, as R meta’s metacr assumes, and a note says so', async () => {
    const dir = temp();
    const file = path.join(dir, 'unsaid.rm5');
    const text = readFileSync(GIV, 'latin1');
    writeFileSync(file, text.replace(' LOG_DATA="YES"', ''), 'latin1');
    const { folder, stderr } = await importInto(file);
    expect(stderr).toContain('analysis 1.3: OR data with no LOG_DATA setting: taken as on the log scale');
    const { result } = await meta(folder, '1.3');
    // The values of the file as they stand (0.7197141500975687 for MRC-1, ...), read as log ORs.
    const mrc1 = result.studies.find((s) => s.label === 'mrc-1');
    close(mrc1?.yi ?? Number.NaN, 0.7197141500975687);
  });
});

/** The JSON's analysis 1.3 rows by study name, in the file's order of IV_DATA rows. */
const STUDIES_13 = ['MRC-1', 'CDP', 'MRC-2', 'GASP', 'PARIS', 'AMIS', 'ISIS-2'];

describe('GIV rows of the other two forms, holding analysis 1.3’s log ORs and SEs', () => {
  const { yi, sei } = ref('1.3');
  const value = (name: string, list: number[]) => String(list[STUDIES_13.indexOf(name)]);

  it('a RevMan CSV export (Effect Estimate and SE of an IV analysis) pools to the same FE result', async () => {
    const lines = readFileSync(path.join(COCHRANE, 'Fleiss1993_CR.csv'), 'utf8').split('\n');
    const rewritten = lines.map((line) => {
      const cells = line.split(',');
      if (cells[0] !== '1' || cells[1] !== '1') return line;
      if (cells[4] === 'DIC') {
        // The analysis row: generic inverse variance, IV; RevMan's MH result removed (it is not this analysis's).
        cells.splice(4, 2, 'IV', 'IV');
        for (const i of [16, 18, 19, 21, 22, 23, 25, 26]) cells[i] = '';
        return cells.join(',');
      }
      const name = cells[3] ?? '';
      if (!STUDIES_13.includes(name)) return line;
      for (const i of [8, 12]) cells[i] = '';
      cells[16] = value(name, yi);
      cells[17] = value(name, sei);
      return cells.join(',');
    });
    const file = path.join(temp(), 'Fleiss1993-giv_CR.csv');
    writeFileSync(file, rewritten.join('\n'));
    const { folder, stderr } = await importInto(file);
    expect(stderr).toContain('the Effect Estimate of each study is taken as a log OR, as R meta');
    const { result } = await meta(folder, '1.1');
    expect([result.measure, result.method]).toEqual(['OR', 'FE']);
    matches(result, ref('1.3'));
  });

  it('a data package (GIV Mean and GIV SE, "Log-scale data" true) pools to the same FE result', async () => {
    const folder = path.join(temp(), 'package');
    cpSync(path.join(COCHRANE, 'Fleiss1993-data-package'), folder, { recursive: true });
    const data = path.join(folder, '921923100913455418-analysis-data');
    const settingsFile = path.join(data, '921923100913455418-overall-estimates-and-settings.csv');
    const settings = readFileSync(settingsFile, 'utf8');
    expect(settings).toContain(',Dichotomous,true,');
    writeFileSync(
      settingsFile,
      settings
        .replace(',Dichotomous,true,', ',Generic inverse variance,true,')
        .replace(',MH,Odds Ratio,', ',IV,Odds Ratio,')
        .replace('0.896866,0.840514,0.956995,,9.946056,6,0.126942,39.67458,3.287633,0.00101', '0,0,0,,0,6,0,0,0,0'),
    );
    const rowsFile = path.join(data, '921923100913455418-data-rows.csv');
    const rows = readFileSync(rowsFile, 'utf8')
      .split('\n')
      .map((line) => {
        const cells = line.split(',');
        const name = cells[5] ?? '';
        if (cells[0] !== '1' || cells[1] !== '1' || !STUDIES_13.includes(name)) return line;
        cells[7] = value(name, yi);
        cells[8] = value(name, sei);
        return cells.join(',');
      });
    writeFileSync(rowsFile, rows.join('\n'));
    const imported = await importInto(folder);
    const { result } = await meta(imported.folder, '1.1');
    expect([result.measure, result.method]).toEqual(['OR', 'FE']);
    matches(result, ref('1.3'));
  });
});
