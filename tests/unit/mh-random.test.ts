// RevMan 5's random-effects Mantel-Haenszel analysis (review finding 5): DL with the heterogeneity Q
// about the MH estimate (R meta's Q.Cochrane). Expected numbers: tests/fixtures/revman-random/
// mh-random.json, computed by hand in R from that rule with metafor's escalc and rma.mh (mh-random.R);
// each also holds the inverse-variance Q and tau² that --method DL gives, which must differ.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectInputs } from '../../src/core/meta/input.js';
import { metaAnalysis, type MetaOptions } from '../../src/core/meta/analysis.js';
import type { Row } from '../../src/core/evidence/table.js';

interface Reference {
  measure: 'OR' | 'RR' | 'RD';
  k: number;
  Q: number;
  tau2: number;
  estimate: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  I2: number;
  weights: number[];
  Q_iv: number;
  tau2_iv: number;
}

const REF = JSON.parse(
  readFileSync(new URL('../fixtures/revman-random/mh-random.json', import.meta.url), 'utf8'),
) as Record<string, Reference>;

// Fleiss 1993 analysis 1.1 (tests/fixtures/cochrane/Fleiss1993.rm5) and metadat's dat.bcg (Colditz et al. 1994).
const FLEISS: [string, number, number, number, number][] = [
  ['mrc-1', 49, 615, 67, 624],
  ['cdp', 44, 758, 64, 771],
  ['mrc-2', 102, 832, 126, 850],
  ['gasp', 32, 317, 38, 309],
  ['paris', 85, 810, 52, 406],
  ['amis', 246, 2267, 219, 2257],
  ['isis-2', 1570, 8587, 1720, 8600],
];
// dat.bcg: tpos, tneg, cpos, cneg per trial.
const BCG: [number, number, number, number][] = [
  [4, 119, 11, 128],
  [6, 300, 29, 274],
  [3, 228, 11, 209],
  [62, 13536, 248, 12619],
  [33, 5036, 47, 5761],
  [180, 1361, 372, 1079],
  [8, 2537, 10, 619],
  [505, 87886, 499, 87892],
  [29, 7470, 45, 7232],
  [17, 1699, 65, 1600],
  [186, 50448, 141, 27197],
  [5, 2493, 3, 2338],
  [27, 16886, 29, 17825],
];

const rowsOf = (data: [string, number, number, number, number][]): Row[] =>
  data.map(([study_id, et, nt, ec, nc]) => ({
    study_id,
    events_treatment: et,
    n_treatment: nt,
    events_control: ec,
    n_control: nc,
  }));
const DATA: Record<string, Row[]> = {
  fleiss: rowsOf(FLEISS),
  bcg: rowsOf(BCG.map(([tp, tn, cp, cn], i) => [`bcg-${i + 1}`, tp, tp + tn, cp, cp + cn])),
};

function close(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(1e-6);
}

describe('RevMan 5 random-effects Mantel-Haenszel (Q about the MH estimate)', () => {
  it.each(Object.keys(REF))('%s matches the R reference to 1e-6', (name) => {
    const ref = REF[name] as Reference;
    const rows = DATA[name.split('_')[0] ?? ''] ?? [];
    const inputs = effectInputs(rows, ref.measure, 'outcomes', {});
    const options: MetaOptions = { measure: ref.measure, method: 'DL', test: 'z', level: 0.95, pi: 'default', i2: 'q' };
    const result = metaAnalysis(inputs, { ...options, qAbout: 'MH' });
    expect(result.k).toBe(ref.k);
    close(result.QE, ref.Q);
    close(result.tau2, ref.tau2);
    close(result.estimate, ref.estimate);
    close(result.se, ref.se);
    close(result.ci_lb, ref.ci_lb);
    close(result.ci_ub, ref.ci_ub);
    close(result.I2, ref.I2);
    result.studies.forEach((s, i) => close(s.weight, ref.weights[i] ?? Number.NaN));
    // --method DL alone: the inverse-variance Q, metafor's rma(method = "DL").
    const iv = metaAnalysis(inputs, options);
    close(iv.QE, ref.Q_iv);
    close(iv.tau2, ref.tau2_iv);
  });

  it('the inverse-variance and MH-centred tau² are told apart (dat.bcg, RD: 1.87e-5 vs 2.65e-5)', () => {
    const ref = REF['bcg_rd'] as Reference;
    expect(Math.abs(ref.tau2 - ref.tau2_iv) / ref.tau2).toBeGreaterThan(0.1);
  });

  it('options it has no rule for are an error, not a silent inverse-variance answer', () => {
    const inputs = effectInputs(DATA['fleiss'] ?? [], 'OR', 'outcomes', {});
    const options: MetaOptions = {
      measure: 'OR',
      method: 'DL',
      test: 'knha',
      level: 0.95,
      pi: 'default',
      i2: 'q',
      qAbout: 'MH',
      leaveOneOut: true,
    };
    expect(() => metaAnalysis(inputs, options)).toThrow(/--leave-one-out, --test knha are not available with RevMan/);
  });
});
