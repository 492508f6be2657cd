import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  byGroup,
  countPatients,
  positiveRatio,
  proportionInterval,
  studyResult,
  summariseTreatments,
} from '../../src/core/evidence/aggregate.js';
import { clopperPearson, wilson } from '../../src/core/stats/intervals.js';
import type { Row } from '../../src/core/evidence/table.js';

// Synthetic studies; expected values are hand-calculated in the comments.
const studies: Row[] = [
  {
    study_id: 'a',
    n_randomised: 100,
    sessions_min: 8,
    sessions_max: 10,
    treatment_weeks: 8,
    follow_up_weeks: 52,
    follow_up_months: null,
    result_vs_sham: 'no-difference',
    result_vs_usual_care: 'favours-acupuncture',
    review: ['r1'],
  },
  {
    study_id: 'b',
    n_randomised: 250,
    sessions_min: 12,
    sessions_max: 12,
    treatment_weeks: 12,
    follow_up_weeks: null,
    follow_up_months: 6,
    result_vs_sham: null,
    result_vs_usual_care: 'favours-acupuncture',
    review: ['r1', 'r2'],
  },
  {
    study_id: 'c',
    n_randomised: null,
    sessions_min: null,
    sessions_max: 15,
    treatment_weeks: null,
    follow_up_weeks: null,
    follow_up_months: 24,
    result_vs_sham: 'favours-control',
    result_vs_usual_care: null,
    review: ['r2'],
  },
  {
    study_id: 'd',
    n_randomised: 40,
    sessions_min: null,
    sessions_max: null,
    treatment_weeks: null,
    follow_up_weeks: null,
    follow_up_months: null,
    result_vs_sham: null,
    result_vs_usual_care: null,
    review: [],
  },
];

describe('countPatients', () => {
  it('counts each study once and says how many lack n', () => {
    // a 100 + b 250 + d 40 = 390; c has no n_randomised. The duplicate row of b is ignored.
    expect(countPatients([...studies, studies[1] as Row], { studies: 39, patients: 20827 })).toEqual({
      studies: 4,
      patients: 390,
      studies_without_n: 1,
      reported_studies: 39,
      reported_patients: 20827,
      study_share: 4 / 39,
      patient_share: 390 / 20827,
    });
  });
});

describe('summariseTreatments', () => {
  it('ranges over the known ends and averages the midpoints of full ranges', () => {
    // lows: a 8, b 12, c 15 (only max known) → min 8; highs 10, 12, 15 → max 15.
    // midpoints (both ends known): a 9, b 12 → mean 10.5, median 10.5.
    // follow-up: a 52 weeks = 12 months, b 6, c 24 → 24 months, given in months.
    expect(summariseTreatments(studies)).toEqual({
      studies: 4,
      studies_reporting: 3,
      sessions_min: 8,
      sessions_max: 15,
      sessions_mean: 10.5,
      sessions_median: 10.5,
      studies_with_range: 2,
      weeks_min: 8,
      weeks_max: 12,
      follow_up_months_max: 24,
      follow_up_from_weeks: false,
    });
    // Only a: 52 weeks → 12 months, derived from weeks.
    expect(summariseTreatments([studies[0] as Row])).toMatchObject({
      follow_up_months_max: 12,
      follow_up_from_weeks: true,
    });
  });
});

describe('positive-outcome ratio', () => {
  it('reads the result against the chosen comparator', () => {
    expect(studies.map((s) => studyResult(s, 'sham'))).toEqual([false, null, false, null]);
    expect(studies.map((s) => studyResult(s, 'usual-care'))).toEqual([true, true, null, null]);
    expect(studies.map((s) => studyResult(s, 'any'))).toEqual([true, true, false, null]);
  });

  it('divides positive by known studies, with the interval of the chosen method', () => {
    const any = positiveRatio(studies, 'any', 'wilson', 0.95);
    const w = wilson(2, 3, 0.95);
    expect(any).toEqual({
      studies: 4,
      positive: 2,
      known: 3,
      ratio: 2 / 3,
      ci_lb: w.lower,
      ci_ub: w.upper,
      ci_method: 'wilson',
      level: 0.95,
    });
    const exact = positiveRatio(studies, 'usual-care', 'exact', 0.9);
    expect(exact).toMatchObject({ positive: 2, known: 2, ratio: 1, ci_method: 'exact', ci_ub: 1 });
    expect(exact.ci_lb).toBe(clopperPearson(2, 2, 0.9).lower);
  });

  it('gives zero positives the exact one-sided bound and no known results no interval', () => {
    const none = positiveRatio(studies, 'sham', 'wilson', 0.95);
    // 0 of 2: upper bound 1 − 0.05^(1/2).
    expect(none).toMatchObject({ positive: 0, known: 2, ratio: 0, ci_lb: 0, ci_method: 'exact-one-sided' });
    expect(none.ci_ub).toBeCloseTo(1 - Math.sqrt(0.05), 12);
    expect(positiveRatio([studies[3] as Row], 'any', 'wilson', 0.95)).toMatchObject({
      known: 0,
      ratio: null,
      ci_lb: null,
      ci_ub: null,
    });
  });
});

describe('byGroup', () => {
  it('aggregates per group and over all rows', () => {
    const grouped = byGroup(studies, 'review', (rows) => countPatients(rows).patients);
    expect(grouped.rows.map((g) => g.group)).toEqual(['r1', 'r2', null]);
  });
});

const count = fc.record({ n: fc.integer({ min: 1, max: 5000 }), f: fc.double({ min: 0, max: 1, noNaN: true }) });

describe('properties', () => {
  test.prop([count, fc.constantFrom('wilson', 'exact' as const), fc.constantFrom(0.8, 0.9, 0.95, 0.99)])(
    'every interval contains its estimate and lies in [0, 1]',
    ({ n, f }, method, level) => {
      const x = Math.round(f * n);
      const ci = proportionInterval(x, n, method, level);
      expect(ci.ci_lb).not.toBeNull();
      const [lo, hi] = [ci.ci_lb ?? NaN, ci.ci_ub ?? NaN];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(x / n + 1e-15);
      expect(hi).toBeGreaterThanOrEqual(x / n - 1e-15);
    },
  );

  const study = fc.record({
    study_id: fc.string({ minLength: 1, maxLength: 3 }),
    n_randomised: fc.option(fc.nat(3000), { nil: null }),
    condition: fc.constantFrom('low-back-pain', 'sciatica', 'neck-pain'),
  });
  test.prop([fc.uniqueArray(study, { selector: (s) => s.study_id })])(
    'the total row equals the sum of the group rows for counts',
    (rows) => {
      const grouped = byGroup(rows, 'condition', (r) => countPatients(r));
      const sum = (key: 'studies' | 'patients' | 'studies_without_n') =>
        grouped.rows.reduce((a, g) => a + (g[key] ?? 0), 0);
      expect(sum('studies')).toBe(grouped.total.studies);
      // A group whose studies all lack n has patients null (unknown), which adds nothing.
      expect(sum('patients')).toBe(grouped.total.patients ?? 0);
      expect(sum('studies_without_n')).toBe(grouped.total.studies_without_n);
    },
  );
});
