import { readFileSync } from 'node:fs';
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { clinicRecordProblems } from '../../src/core/clinic/records.js';
import { fellBy, hiddenGroups, isSmall, profileOf, summariseClinic } from '../../src/core/clinic/summary.js';
import { crossCheck, mergeFiles, typeFile } from '../../src/core/evidence/validate.js';
import { parseCsv } from '../../src/io/csv.js';

const HEADER = 'patient_id,visit,date,condition,symptom1,symptom2,activity,wellbeing';
const SMALL = new URL('../fixtures/clinic/small.csv', import.meta.url);

function load(text: string, file = 'records.csv') {
  const { raw } = parseCsv(file, text);
  if (!raw) throw new Error('parse failed');
  const result = typeFile(raw);
  if (!result.typed) throw new Error(JSON.stringify(result.problems));
  const dataset = mergeFiles([result.typed]);
  const table = dataset['clinic-records'];
  if (!table) throw new Error('not recognised as clinic-records');
  return { table, typeProblems: result.problems, crossProblems: crossCheck(dataset) };
}

const OPTIONS = { threshold: 1, method: 'wilson', level: 0.95 } as const;
const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThan(1e-9);
};

describe('MYMOP profile scores', () => {
  it('is the mean of the completed items', () => {
    expect(profileOf({ symptom1: 4, symptom2: 3, activity: 5, wellbeing: 2 })).toEqual({ sum: 14, items: 4 });
    expect(profileOf({ symptom1: 5, symptom2: null, activity: 4, wellbeing: 3 })).toEqual({ sum: 12, items: 3 });
    expect(profileOf({ symptom1: null, symptom2: null, activity: null, wellbeing: null })).toBeNull();
  });

  it('compares a fall of exactly the threshold as a fall of the threshold, also in thirds', () => {
    // 13/3 - 10/3 is 0.9999999999999996 in floating point: a naive comparison would miss it.
    expect(13 / 3 - 10 / 3).toBeLessThan(1);
    expect(fellBy({ sum: 13, items: 3 }, { sum: 10, items: 3 }, 1)).toBe(true);
    expect(fellBy({ sum: 14, items: 4 }, { sum: 10, items: 4 }, 1)).toBe(true);
    expect(fellBy({ sum: 14, items: 4 }, { sum: 11, items: 4 }, 1)).toBe(false);
    expect(fellBy({ sum: 8, items: 4 }, { sum: 7, items: 4 }, 0.25)).toBe(true);
  });

  const form = fc.record({
    items: fc.integer({ min: 1, max: 4 }),
    scores: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
  });
  fcTest.prop([form, form, fc.integer({ min: 1, max: 24 })])(
    'agrees with whole-number arithmetic for thresholds in quarters',
    (a, b, quarters) => {
      const first = { sum: a.scores.slice(0, a.items).reduce((x, y) => x + y, 0), items: a.items };
      const last = { sum: b.scores.slice(0, b.items).reduce((x, y) => x + y, 0), items: b.items };
      // first/a - last/b >= q/4  <=>  4 (first.sum * last.items - last.sum * first.items) >= q * a * b
      const exact = 4 * (first.sum * last.items - last.sum * first.items) >= quarters * first.items * last.items;
      expect(fellBy(first, last, quarters / 4)).toBe(exact);
    },
  );
});

describe('summariseClinic on tests/fixtures/clinic/small.csv (figures by hand)', () => {
  const { table } = load(readFileSync(SMALL, 'utf8'), 'small.csv');
  const s = summariseClinic(table.rows, OPTIONS);

  it('counts the patient seen once in patients, not in the change', () => {
    expect(s.patients).toBe(6);
    expect(s.followed_up).toBe(5);
    expect(s.seen_once).toBe(1);
    expect([s.visits_min, s.visits_max, s.visits_median]).toEqual([1, 3, 2]);
  });

  it('gives the hand-calculated means (P2 and P6 without symptom2 are means of three items)', () => {
    // first: 3.5, 4, 2, 5.25, 13/3; last: 2.5, 2, 1.75, 3.75, 10/3
    close(s.mean_first, (3.5 + 4 + 2 + 5.25 + 13 / 3) / 5); // 229/60
    close(s.mean_first, 229 / 60);
    close(s.mean_last, 8 / 3);
    close(s.mean_change, -1.15); // changes -1, -2, -0.25, -1.5, -1
    close(s.sd_change, Math.sqrt(1.7 / 4)); // squared deviations 0.0225 + 0.7225 + 0.81 + 0.1225 + 0.0225
  });

  it('has the t interval of the mean change (t = qt(0.975, 4) = 2.7764451051977987 in R)', () => {
    const half = 2.7764451051977987 * Math.sqrt(0.425 / 5);
    close(s.change_ci_lb, -1.15 - half);
    close(s.change_ci_ub, -1.15 + half);
  });

  it('counts the two changes of exactly 1.0 as improved: 4 of 5, with the Wilson interval', () => {
    expect(s.improved).toBe(4);
    close(s.ratio, 0.8);
    // Wilson by hand: z = qnorm(0.975), centre (p + z²/2n)/(1 + z²/n), half z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n)
    const z = 1.959963984540054;
    const d = 1 + (z * z) / 5;
    const centre = (0.8 + (z * z) / 10) / d;
    const half = (z * Math.sqrt((0.8 * 0.2) / 5 + (z * z) / 100)) / d;
    close(s.ci_lb, centre - half);
    close(s.ci_ub, centre + half);
  });

  it('moves patients across the threshold as it moves', () => {
    expect(summariseClinic(table.rows, { ...OPTIONS, threshold: 1.5 }).improved).toBe(2); // P2 (2.0), P5 (1.5)
    expect(summariseClinic(table.rows, { ...OPTIONS, threshold: 0.25 }).improved).toBe(5); // P4 falls 0.25
    expect(summariseClinic(table.rows, { ...OPTIONS, threshold: 2.01 }).improved).toBe(0);
  });

  it('has no interval for fewer than two followed-up patients, and no ratio for none', () => {
    const one = summariseClinic(
      table.rows.filter((r) => r['patient_id'] === 'P1' || r['patient_id'] === 'P3'),
      OPTIONS,
    );
    expect([one.followed_up, one.mean_change, one.change_ci_lb, one.change_ci_ub]).toEqual([1, -1, null, null]);
    const none = summariseClinic([], OPTIONS);
    expect([none.patients, none.ratio, none.mean_change, none.visits_median]).toEqual([0, null, null, null]);
    expect(isSmall(s)).toBe(false);
    expect(isSmall(one)).toBe(true);
  });
});

describe('clinic record checks', () => {
  const problems = (lines: string[]) => {
    const { typeProblems, crossProblems } = load([HEADER, ...lines].join('\n'));
    return [...typeProblems, ...crossProblems].map((p) => `${p.line}:${p.field ?? ''}: ${p.message}`);
  };

  it('recognises the table by its header and accepts good records in any order', () => {
    expect(problems(['A,2,2025-01-13,neck-pain,3,,4,2', 'A,1,2025-01-06,neck-pain,4,,5,'])).toEqual([]);
  });

  it('finds scores outside 0-6, repeated visits, a missing visit 1, backwards dates, changing conditions', () => {
    expect(
      problems([
        'A,1,2025-01-06,neck-pain,4,3,7,2',
        'A,2,2025-01-13,neck-pain,3,3,4,2',
        'A,2,2025-01-20,neck-pain,3,3,4,2',
        'B,2,2025-01-06,headache,4,3,5,2',
        'C,1,2025-02-06,headache,4,3,5,2',
        'C,2,2025-02-01,headache,4,3,5,2',
        'D,1,,headache,4,3,5,2',
        'D,2,,low-back-pain,4,3,5,2',
      ]),
    ).toEqual([
      '2:activity: a MYMOP score is a whole number from 0 to 6, got 7',
      '4:visit: visit 2 of this patient is already at records.csv:3; one form per visit',
      '5:visit: this patient has no visit 1 (the first consultation); the earliest form is visit 2',
      '7:date: visit 2 is dated 2025-02-01, before visit 1 (2025-02-06, records.csv:6): dates must not go backwards',
      '9:condition: "low-back-pain" here but "headache" on visit 1 (records.csv:8); one patient, one condition (give a new problem a new patient_id)',
    ]);
  });

  it('rejects half points, negative scores, visit 0, impossible dates and an unknown condition', () => {
    expect(
      problems([
        'A,1,2025-01-06,neck-pain,4,3.5,5,2',
        'B,1,2025-01-06,neck-pain,-1,3,5,2',
        'C,0,2025-02-30,neck-pain,4,3,5,2',
        'E,1,2025-01-06,lower-back-pain,4,3,5,2',
        'F,1,2025-01-06,neck-pain,,3,5,2',
      ]),
    ).toEqual([
      '2:symptom2: expected a whole number, got "3.5"',
      '3:symptom1: must not be negative, got -1',
      '5:condition: "lower-back-pain" is not one of low-back-pain, neck-pain, osteoarthritis, headache, shoulder-pain, sciatica, pelvic-girdle-pain, low-back-and-pelvic-pain, chronic-pain, back-and-neck-pain (did you mean "low-back-pain"?)',
      '6:symptom1: empty; symptom1 is required on every row',
      '4:visit: visits are numbered from 1 (the first consultation), got 0',
      '4:date: expected a date as YYYY-MM-DD (ISO 8601), got "2025-02-30"',
      '4:visit: this patient has no visit 1 (the first consultation); the earliest form is visit 0',
    ]);
  });

  it('never names a patient in its messages', () => {
    const { table } = load([HEADER, 'SECRET-ID,2,2025-01-06,neck-pain,4,3,5,2'].join('\n'));
    const messages = clinicRecordProblems(table).map((p) => p.message);
    expect(messages).toHaveLength(1);
    expect(messages.join('\n')).not.toContain('SECRET-ID');
  });
});

describe('hiddenGroups', () => {
  it('hides groups under 5, and more until the hidden ones hold 5 patients together', () => {
    expect(hiddenGroups([14, 7, 12])).toEqual([false, false, false]);
    expect(hiddenGroups([3, 14, 7, 12, 2])).toEqual([true, false, false, false, true]); // 3 + 2 = 5
    expect(hiddenGroups([3, 14, 7, 12])).toEqual([true, false, true, false]); // 3 alone would be total - shown
    expect(hiddenGroups([1, 1, 1, 9, 8])).toEqual([true, true, true, false, true]);
    expect(hiddenGroups([4])).toEqual([true]);
    expect(hiddenGroups([])).toEqual([]);
  });

  fcTest.prop([fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 12 })])(
    'leaves no hidden remainder of 1 to 4 patients, and shows every group of 5 or more it can',
    (sizes) => {
      const hidden = hiddenGroups(sizes);
      const hiddenSum = sizes.reduce((s, n, i) => s + (hidden[i] ? n : 0), 0);
      const total = sizes.reduce((s, n) => s + n, 0);
      expect(hiddenSum === 0 || hiddenSum >= 5 || hiddenSum === total).toBe(true);
      sizes.forEach((n, i) => {
        if (n < 5) expect(hidden[i]).toBe(true);
      });
    },
  );
});
