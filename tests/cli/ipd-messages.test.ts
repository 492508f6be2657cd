/**
 * What a patient-level file that cannot be pooled says (review finding 10): which file, which study,
 * which arm, and why; no message that sends the user looking for another file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamCsv } from '../../src/io/csv.js';
import { aggregatePatientRecords } from '../../src/io/patient-file.js';
import { runCli } from '../helpers/run-cli.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-ipd-messages-'));

function file(name: string, content: string | Buffer): string {
  writeFileSync(path.join(DIR, name), content);
  return name;
}

const meta = (name: string, ...args: string[]) => runCli(['meta', '--data', name, ...args], { cwd: DIR });

describe('patient files that give nothing to pool', () => {
  it('invalid UTF-8 is one problem, not also "file is empty"', async () => {
    const name = file(
      'latin1.csv',
      Buffer.concat([Buffer.from('study_id,arm,baseline,followup\na,treatment,0,1\na'), Buffer.from([0xff, 0x0a])]),
    );
    const out = await meta(name, '--measure', 'MD');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^latin1\.csv:3:2: byte 0xFF is not valid UTF-8/);
    expect(out.stderr).not.toMatch(/empty/);
  });

  it('a header only, and no follow-up at all, say so and name the file', async () => {
    const header = file('header.csv', 'study_id,arm,baseline,followup,adverse_event\n');
    expect((await meta(header, '--measure', 'MD')).stderr).toBe(
      'header.csv: no patient rows (the file has a header only): nothing to pool\n1 problem found; nothing was written.\n',
    );
    const nofu = file(
      'nofu.csv',
      'study_id,arm,baseline,followup,adverse_event\na,treatment,0,,no\na,control,0,,yes\n',
    );
    const out = await meta(nofu, '--measure', 'MD');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^nofu\.csv: no patient of the 2 has a change from baseline \(a followup and a baseline, or a change\): nothing to pool\n/,
    );
    const noae = file('noae.csv', 'study_id,arm,baseline,followup\na,treatment,0,1\na,control,0,2\n');
    expect((await meta(noae, '--measure', 'RR')).stderr).toMatch(
      /^noae\.csv: the file has no adverse_event column: no adverse-event counts to pool\n/,
    );
  });

  it('a file without an adverse_event column gets no note about adverse events', () => {
    const text = 'study_id,arm,baseline,followup\na,treatment,0,1\na,treatment,0,3\na,control,0,1\na,control,0,2\n';
    const records = streamCsv('noae2.csv', text).records[Symbol.iterator]();
    const header = records.next();
    if (header.done) throw new Error('no header');
    // Every row (continuous and adverse events) made, as for outcomes and adverse-events.
    const result = aggregatePatientRecords('noae2.csv', header.value, { [Symbol.iterator]: () => records }, {});
    expect(result.notes).toEqual(['noae2.csv: 4 patient rows aggregated per study and arm (1 study)']);
  });
});

describe('patient arms that cannot be pooled', () => {
  it('an SD beyond what a number holds names the study and the file', async () => {
    // Welford's sum of squares of ±1e300 is 2e600: infinite.
    const name = file(
      'huge.csv',
      'study_id,arm,baseline,followup\na,treatment,0,1e300\na,treatment,0,-1e300\na,control,0,1\na,control,0,2\n',
    );
    const out = await meta(name, '--measure', 'MD');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^huge\.csv:2: study a \(lines 2–5\): the change from baseline overflows \(its mean or SD cannot be held within ±1\.8e308\)/,
    );
  });

  it('SD 0 in both arms names the study and the file, under MD and SMD', async () => {
    const name = file(
      'sd0.csv',
      'study_id,arm,baseline,followup\nx,treatment,0,1\nx,treatment,0,1\nx,control,0,2\nx,control,0,2\n',
    );
    for (const measure of ['MD', 'SMD']) {
      const out = await meta(name, '--measure', measure);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^sd0\.csv:2: study x \(lines 2–5\): the change from baseline has SD 0 in both arms/);
      expect(out.stderr).not.toMatch(/zero cell|study 1/);
    }
  });

  it('a study with one arm says which arm is missing', async () => {
    const name = file(
      'onearm.csv',
      'study_id,arm,baseline,followup\na,treatment,0,1\na,treatment,0,2\nb,treatment,0,1\nb,treatment,0,3\nb,control,0,1\nb,control,0,2\n',
    );
    const out = await meta(name, '--measure', 'MD');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('left out a: control arm: no mean, sd, n, and no reported MD with a CI');
  });
});

describe('means with SD 0 in both arms in an outcomes file', () => {
  const name = file(
    'outcomes.csv',
    'study_id,outcome,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control\nz,pain,1,0,10,2,0,10\ny,pain,1,1,10,2,1,10\n',
  );
  it('are left out with that reason (not "a zero cell", not a "study 1" error)', async () => {
    for (const measure of ['MD', 'SMD']) {
      const out = await meta(name, '--measure', measure);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toContain('left out z: the effect size is not estimable (SD 0 in both arms)');
    }
  });
});

describe('--outcome and the files read', () => {
  it('--outcome on data with no patient-level file is a usage error, not ignored', async () => {
    const bundled = await runCli(['meta', '--measure', 'MD', '--outcome', 'followup']);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toMatch(/^error: --outcome followup chooses the outcome of a patient-level file/);
    const name = file(
      'rows.csv',
      'study_id,outcome,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control\ny,pain,1,1,10,2,1,10\n',
    );
    expect((await meta(name, '--measure', 'MD', '--outcome', 'change')).code).toBe(2);
  });

  it("a researcher's patient file (semicolons, decimal commas) is aggregated too", async () => {
    // Follow-ups: treatment 1.5 and 3 (mean 2.25), control 1 and 2 (mean 1.5): MD 0.75 by hand.
    const name = file(
      'semi.csv',
      'study_id;arm;baseline;followup\na;treatment;0;1,5\na;treatment;0;3\na;control;0;1\na;control;0;2\n',
    );
    const out = await meta(name, '--measure', 'MD', '--outcome', 'followup', '--json');
    expect(out.code, out.stderr).toBe(0);
    // SE: sqrt(var(1.5, 3)/2 + var(1, 2)/2) = sqrt(0.5625 + 0.25).
    const result = (JSON.parse(out.stdout) as { result: { estimate: number; se: number } }).result;
    expect(result.estimate).toBeCloseTo(0.75, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(0.8125), 12);
  });

  it('a missing table is "an outcomes.csv"', async () => {
    const name = file('s.csv', 'study_id,title\nx,t\n');
    expect((await meta(name, '--measure', 'MD')).stderr).toMatch(/add an outcomes\.csv with --data/);
  });
});
