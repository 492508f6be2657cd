// RevMan's own analysis settings (analyses.csv) from the three forms of the Fleiss 1993 review in
// tests/fixtures/cochrane (R package meta, inst/extdata; see its README), and `meta` on an imported
// analysis pooling with them when the user gives no --measure/--method. Expected numbers: RevMan's
// stored results in those files (analysis 1.1: OR 0.8968655609130709 [0.8405144008917793,
// 0.9569947088336491], Chi² 9.946055983220074, I² 39.67458045558399, in Fleiss1993.rm5).
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { close, readCsv } from '../helpers/close.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;
const FORMS = ['Fleiss1993.rm5', 'Fleiss1993_CR.csv', 'Fleiss1993-data-package.zip', 'Fleiss1993-data-package'];
const STORED = { estimate: 0.8968655609130709, low: 0.8405144008917793, high: 0.9569947088336491 };
const Q = 9.946055983220074;
const I2 = 39.67458045558399;

interface MetaJson {
  result: {
    measure: string;
    method: string;
    level: number;
    k: number;
    QE: number;
    I2: number;
    transformed: { estimate: number; ci_lb: number; ci_ub: number };
  };
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'acu-settings-'));

async function importInto(file: string): Promise<string> {
  const folder = path.join(temp(), 'review');
  const out = await runCli(['import', file, '--into', folder]);
  expect(out.code, out.stderr).toBe(0);
  return folder;
}

async function meta(folder: string, extra: string[] = []) {
  const out = await runCli(['meta', '--data', folder, '--where', 'analysis=1.1', '--json', ...extra]);
  expect(out.code, out.stderr).toBe(0);
  return { result: (JSON.parse(out.stdout) as MetaJson).result, stderr: out.stderr };
}

/**
 * A copy of a form with RevMan's stored result of analysis 1.1 removed, the settings left: each edit
 * writes "not estimated" the way the same file writes it for its own analysis 1.2 (empty attributes
 * in the .rm5, zeros in the data package) or leaves the CSV cells empty.
 */
function withoutResults(form: string): string {
  const dir = temp();
  if (form === 'Fleiss1993.rm5') {
    const text = readFileSync(path.join(COCHRANE, form), 'latin1');
    const outcome = /<DICH_OUTCOME [^>]*>/.exec(text)?.[0] ?? '';
    const blank = outcome.replace(
      / (CHI2|CI_END|CI_START|EFFECT_SIZE|I2|LOG_CI_END|LOG_CI_START|LOG_EFFECT_SIZE|P_CHI2|P_Z|TAU2|Z)="[^"]*"/g,
      ' $1=""',
    );
    expect(blank).not.toBe(outcome);
    const file = path.join(dir, 'Fleiss1993-no-results.rm5');
    writeFileSync(file, text.replace(outcome, blank), 'latin1');
    return file;
  }
  if (form === 'Fleiss1993_CR.csv') {
    const text = readFileSync(path.join(COCHRANE, form), 'utf8');
    const stored = '0.89686556,,0.8405144,0.95699471,100,9.94605598,0.12694225,39.67458046,0,3.28763306,0.00101033';
    expect(text).toContain(stored);
    const file = path.join(dir, 'Fleiss1993-no-results_CR.csv');
    writeFileSync(file, text.replace(stored, ',,,,100,,,,,,'));
    return file;
  }
  const folder = path.join(dir, 'Fleiss1993-no-results-package');
  cpSync(path.join(COCHRANE, 'Fleiss1993-data-package'), folder, { recursive: true });
  const settings = path.join(
    folder,
    '921923100913455418-analysis-data',
    '921923100913455418-overall-estimates-and-settings.csv',
  );
  const text = readFileSync(settings, 'utf8');
  const stored = '0.896866,0.840514,0.956995,,9.946056,6,0.126942,39.67458,3.287633,0.00101';
  expect(text).toContain(stored);
  writeFileSync(settings, text.replace(stored, '0,0,0,,0,6,0,0,0,0'));
  return folder;
}

describe.each(FORMS)('%s: analyses.csv', (form) => {
  it('holds each analysis with RevMan’s settings and its stored result; validate reads it', async () => {
    const folder = await importInto(path.join(COCHRANE, form));
    const analyses = readCsv(path.join(folder, 'analyses.csv'));
    expect(analyses.map((a) => a['analysis'])).toEqual(['1.1', '1.2']);
    const [first, second] = analyses;
    expect(first).toMatchObject({
      comparison_no: '1',
      comparison: 'Examples from Fleiss (1993)',
      outcome_no: '1',
      outcome: 'Aspirin for Preventing Death after Myocardial Infarction',
      data_type: 'dichotomous',
      measure: 'OR',
      method: 'MH',
      model: 'fixed',
      studies: '7',
      participants: '28003',
      df: '6',
    });
    close(Number(first?.['estimate']), STORED.estimate);
    close(Number(first?.['ci_low']), STORED.low);
    close(Number(first?.['ci_high']), STORED.high);
    close(Number(first?.['chi2']), Q);
    close(Number(first?.['i2']), I2);
    // The CSV export carries no confidence levels nor display settings; the other forms do.
    if (form !== 'Fleiss1993_CR.csv')
      expect(first).toMatchObject({
        ci_study: '95',
        ci_total: '95',
        totals: 'yes',
        subtotals: 'yes',
        subgroup_test: 'yes',
        swap_events: 'no',
      });
    else expect(first).toMatchObject({ ci_total: '', totals: '', graph_label_left: 'Favours experimental' });
    // Analysis 1.2: the CSV export is an MD analysis with RevMan's result; the other two an SMD one without.
    if (form === 'Fleiss1993_CR.csv') {
      expect(second).toMatchObject({ data_type: 'continuous', measure: 'MD', method: 'IV', model: 'fixed' });
      close(Number(second?.['estimate']), -0.70938839);
    } else {
      expect(second).toMatchObject({
        data_type: 'continuous',
        measure: 'SMD',
        method: 'IV',
        model: 'fixed',
        estimate: '',
        chi2: '',
      });
      expect(second?.['note']).toContain('stored no pooled result');
    }
    const validate = await runCli(['validate', '--data', folder]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toMatch(/ok: 6 files/);
  });

  it('meta --where "analysis=1.1" with no --measure/--method pools as RevMan stored it, and says so', async () => {
    const folder = await importInto(path.join(COCHRANE, form));
    const { result, stderr } = await meta(folder);
    expect(result.measure).toBe('OR');
    expect(result.method).toBe('MH');
    expect(result.k).toBe(7);
    close(result.transformed.estimate, STORED.estimate);
    close(result.transformed.ci_lb, STORED.low);
    close(result.transformed.ci_ub, STORED.high);
    close(result.QE, Q);
    close(result.I2, I2);
    expect(stderr).toContain("pooled with RevMan's settings (OR, Mantel-Haenszel, fixed effect");
    expect(stderr).toContain('--measure OR --method MH');
  });

  it('with RevMan’s result removed from the file, the settings alone still reproduce it', async () => {
    const copy = withoutResults(form);
    const imported = await runCli(['import', copy, '--into', path.join(path.dirname(copy), 'out')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(
      'analysis 1.1 (Aspirin for Preventing Death after Myocardial Infarction): RevMan stored no pooled result',
    );
    const folder = path.join(path.dirname(copy), 'out');
    const first = readCsv(path.join(folder, 'analyses.csv'))[0];
    expect(first).toMatchObject({
      analysis: '1.1',
      measure: 'OR',
      method: 'MH',
      model: 'fixed',
      estimate: '',
      ci_low: '',
      chi2: '',
    });
    // No analysis of the copy has a stored result left (the CSV's 1.2 still has its own).
    const pooled = readdirSync(folder).includes('pooled.csv') ? readCsv(path.join(folder, 'pooled.csv')) : [];
    expect(pooled.filter((p) => p['analysis'] === '1.1')).toEqual([]);
    const { result, stderr } = await meta(folder);
    expect([result.measure, result.method]).toEqual(['OR', 'MH']);
    close(result.transformed.estimate, STORED.estimate);
    close(result.transformed.ci_lb, STORED.low);
    close(result.transformed.ci_ub, STORED.high);
    close(result.QE, Q);
    close(result.I2, I2);
    expect(stderr).toContain("pooled with RevMan's settings");
  });
});

describe('meta on an imported analysis: explicit options win', () => {
  it('--measure and --method given: RevMan’s settings play no part and no note says they did', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    const { result, stderr } = await meta(folder, ['--measure', 'RR', '--method', 'REML']);
    expect([result.measure, result.method]).toEqual(['RR', 'REML']);
    expect(stderr).not.toContain('RevMan');
  });

  it('--measure alone: RevMan’s method fills the rest, and the note says the measure is the user’s', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    const { result, stderr } = await meta(folder, ['--measure', 'RR']);
    expect([result.measure, result.method]).toEqual(['RR', 'MH']);
    expect(stderr).toContain('your --measure kept');
    // The same as asking for it in full.
    const full = await meta(folder, ['--measure', 'RR', '--method', 'MH', '--i2', 'q']);
    close(result.transformed.estimate, full.result.transformed.estimate);
  });

  it('--method alone: RevMan’s measure, the user’s model, metafor’s I² (not RevMan’s)', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993_CR.csv'));
    const { result } = await meta(folder, ['--method', 'DL']);
    expect([result.measure, result.method]).toEqual(['OR', 'DL']);
    const full = await meta(folder, ['--measure', 'OR', '--method', 'DL']);
    close(result.I2, full.result.I2);
    close(result.transformed.estimate, full.result.transformed.estimate);
  });

  it('rows of several analyses: no settings are guessed, a note says why', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    const out = await runCli(['meta', '--data', folder, '--measure', 'OR', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('several analyses (fleiss1993 1.1, fleiss1993 1.2)');
    expect((JSON.parse(out.stdout) as MetaJson).result.method).toBe('REML');
  });

  it('plot forest and funnel on the analysis use RevMan’s settings too, and say so', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    for (const kind of ['forest', 'funnel']) {
      const svg = path.join(path.dirname(folder), `${kind}.svg`);
      const out = await runCli(['plot', kind, '--data', folder, '--where', 'analysis=1.1', '-o', svg]);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toContain("analysis 1.1 of fleiss1993 pooled with RevMan's settings");
      if (kind === 'forest') expect(readFileSync(svg, 'utf8')).toContain('Mantel-Haenszel');
    }
  });

  it('a proportion measure with a filter only adverse events know is not held up by the analyses table', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    // Invented rows, only to reach the code path (no number of them is checked).
    writeFileSync(
      path.join(folder, 'adverse-events.csv'),
      'study_id,event,serious,patients_with_event,patients_exposed,source\namis,bleeding,yes,3,100,invented\nisis-2,bleeding,yes,5,120,invented\n',
    );
    const out = await runCli(['meta', '--data', folder, '--measure', 'PLO', '--where', 'serious=yes', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).not.toContain('RevMan');
  });

  it('the bundled data (no analyses table) keeps the usual defaults', async () => {
    const out = await runCli(['meta', '--where', 'comparison=acupuncture vs sham', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as MetaJson).result).toMatchObject({ measure: 'RR', method: 'REML' });
    expect(out.stderr).not.toContain('RevMan');
  });
});

describe('analyses.csv is validated like the other tables', () => {
  const header = 'review_id,analysis,data_type,measure,method,model,ci_total,estimate,ci_low,ci_high,i2,source';
  async function check(rows: string[]) {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    writeFileSync(path.join(folder, 'analyses.csv'), `${[header, ...rows].join('\n')}\n`);
    return runCli(['validate', '--data', folder]);
  }

  it('a method, model or data type outside the vocabulary is an error at file:line:column', async () => {
    const out = await check([
      'fleiss1993,1.1,dichotomous,OR,Cochran,fixed,95,,,,,x',
      'fleiss1993,1.2,binary,SMD,IV,mixed,95,,,,,x',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/analyses\.csv:2:\d+: .*method.*Cochran/);
    expect(out.stderr).toMatch(/analyses\.csv:3:\d+: .*data_type.*binary/);
    expect(out.stderr).toMatch(/analyses\.csv:3:\d+: .*model.*mixed/);
  });

  it('an interval the wrong way round and an I² over 100 are errors, with no stack trace', async () => {
    const out = await check(['fleiss1993,1.1,dichotomous,OR,MH,fixed,95,0.9,0.95,0.84,140,x']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/analyses\.csv:2:\d+: ci_low: 0\.95 is greater than ci_high/);
    expect(out.stderr).toMatch(/analyses\.csv:2:\d+: i2: a percentage must lie in \[0, 100\]/);
    expect(out.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a duplicate analysis and an unknown review are errors', async () => {
    const out = await check([
      'fleiss1993,1.1,dichotomous,OR,MH,fixed,95,,,,,x',
      'fleiss1993,1.1,dichotomous,OR,MH,fixed,95,,,,,x',
      'no-such-review,1.2,continuous,SMD,IV,fixed,95,,,,,x',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/analyses\.csv:3:\d+: duplicate row/);
    expect(out.stderr).toMatch(/analyses\.csv:4:\d+: .*"no-such-review" is not a review_id of reviews/);
  });
});

describe('an imported review is not called acupuncture', () => {
  it('meta and plot forest name the arm as the review does (Fleiss 1993: aspirin)', async () => {
    const folder = await importInto(path.join(COCHRANE, 'Fleiss1993.rm5'));
    const where = ['--data', folder, '--where', 'analysis=1.1'];
    const printed = await runCli(['meta', ...where, '--better', 'lower']);
    expect(printed.stdout).toContain('Direction: a ratio below 1 favours Aspirin (higher values are worse).');
    expect(printed.stdout).not.toMatch(/acupuncture/i);
    const plot = await runCli(['plot', 'forest', ...where, '--better', 'lower']);
    expect(plot.code, plot.stderr).toBe(0);
    expect(plot.stdout).toContain('>Aspirin<');
    expect(plot.stdout).toContain('Favours aspirin');
    expect(plot.stdout).not.toMatch(/acupuncture/i);
  });
});
