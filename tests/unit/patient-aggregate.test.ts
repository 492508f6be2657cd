// Two-stage IPD, stage 1: the per-study-arm n, mean and SD (and events/n) of the invented
// tests/fixtures/ipd/patients.csv against R (tests/fixtures/ipd/ipd.R: mean(), sd(), sum()), to 1e-12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatientAggregator } from '../../src/core/evidence/patient-aggregate.js';
import { RunningMoments } from '../../src/core/stats/running-moments.js';
import type { Row } from '../../src/core/evidence/table.js';
import { csvRecords } from '../../src/io/csv-reader.js';

const CSV = readFileSync(new URL('../fixtures/ipd/patients.csv', import.meta.url), 'utf8');
const R = JSON.parse(readFileSync(new URL('../fixtures/ipd/ipd.json', import.meta.url), 'utf8')) as {
  studies: string[];
  change: Record<string, number[]>;
  followup: Record<string, number[]>;
  adverse_event: Record<string, number[]>;
};

function aggregate(text: string, outcome: 'change' | 'followup') {
  const [header, ...records] = [...csvRecords(text)];
  if (!header) throw new Error('no header');
  const aggregator = new PatientAggregator('patients.csv', header, { outcome });
  for (const r of records) aggregator.add(r);
  return aggregator.finish();
}

function outcomeRows(text: string, outcome: 'change' | 'followup', name: string): Row[] {
  const result = aggregate(text, outcome);
  expect(result.problems).toEqual([]);
  const outcomes = result.files.find((f) => f.table.name === 'outcomes');
  return (outcomes?.rows ?? []).filter((r) => r['outcome'] === name);
}

function close(actual: unknown, expected: number | undefined): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - (expected ?? NaN))).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected ?? 0)),
  );
}

describe('patient rows aggregated per study and arm (against R)', () => {
  it.each([
    ['change', 'change from baseline'],
    ['followup', 'follow-up score'],
  ] as const)('%s: n, mean and SD of each arm', (outcome, name) => {
    const rows = outcomeRows(CSV, outcome, name);
    expect(rows.map((r) => r['study_id'])).toEqual(R.studies);
    const ref = R[outcome];
    rows.forEach((row, i) => {
      for (const field of ['mean_treatment', 'sd_treatment', 'mean_control', 'sd_control'])
        close(row[field], ref[field]?.[i]);
      expect(row['n_treatment']).toBe(ref['n_treatment']?.[i]);
      expect(row['n_control']).toBe(ref['n_control']?.[i]);
    });
  });

  it('adverse events: events of the patients whose adverse_event is recorded, in outcomes and adverse-events rows', () => {
    const result = aggregate(CSV, 'change');
    const rows = (result.files.find((f) => f.table.name === 'outcomes')?.rows ?? []).filter(
      (r) => r['outcome'] === 'adverse event (any)',
    );
    const ref = R.adverse_event;
    expect(rows.map((r) => [r['events_treatment'], r['n_treatment'], r['events_control'], r['n_control']])).toEqual(
      R.studies.map((_, i) => [
        ref['events_treatment']?.[i],
        ref['n_treatment']?.[i],
        ref['events_control']?.[i],
        ref['n_control']?.[i],
      ]),
    );
    const arms = result.files.find((f) => f.table.name === 'adverse-events')?.rows ?? [];
    expect(arms.filter((r) => r['arm'] === 'treatment').map((r) => r['patients_with_event'])).toEqual(
      ref['events_treatment'],
    );
    expect(arms.filter((r) => r['arm'] === 'control').map((r) => r['patients_exposed'])).toEqual(ref['n_control']);
  });

  it('says in a note how many patients were left out for a missing value (counted by hand in the fixture: 7 and 6)', () => {
    // awk -F, 'NR>1 && $5==""' patients.csv | wc -l gives 7; $6=="" gives 6.
    const result = aggregate(CSV, 'change');
    expect(result.notes).toEqual([
      'patients.csv: 83 patient rows aggregated per study and arm (5 studies); 7 without a change from baseline left out of it; 6 without adverse_event left out of its counts',
    ]);
    const first = result.files[0]?.rows[0];
    expect(first?.['note']).toMatch(/^aggregated from 14 patient rows \(lines 2–15\)/);
  });

  it('keeps one row per study, time point and arm when timepoint_weeks is given', () => {
    const text =
      'study_id,arm,timepoint_weeks,baseline,followup,adverse_event\ns1,treatment,4,1,2,no\ns1,control,4,1,3,no\ns1,treatment,8,1,5,yes\ns1,control,8,1,1,\n';
    const rows = aggregate(text, 'change').files[0]?.rows ?? [];
    expect(rows.map((r) => [r['timepoint'], r['outcome'], r['mean_treatment'], r['mean_control']])).toEqual([
      ['4 weeks', 'change from baseline', 1, 2],
      ['4 weeks', 'adverse event (any)', null, null],
      ['8 weeks', 'change from baseline', 4, 0],
      ['8 weeks', 'adverse event (any)', null, null],
    ]);
  });

  it('locates bad cells at file:line:column and keeps no rows', () => {
    const text =
      'study_id,arm,baseline,followup,adverse_event\ns1,treatment,1,x,yes\ns1,placebo,1,2,no\n,control,1,2,no\ns1,control,1\n';
    const result = aggregate(text, 'change');
    expect(result.files).toEqual([]);
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:16 expected a number, got "x"',
      '3:4 "placebo" is not one of treatment, control',
      '4:1 empty; study_id is required on every row',
      '5:1 row has 3 fields but the header has 5',
    ]);
  });
});

describe('Welford running moments', () => {
  it('keeps the SD of values around 1e9 that summing x and x² would lose (R: sd(1e9 + c(4, 7, 13, 16)) = 5.477225575051661)', () => {
    const m = new RunningMoments();
    for (const x of [4, 7, 13, 16]) m.add(1e9 + x);
    expect(m.mean).toBe(1e9 + 10);
    expect(Math.abs((m.sd() ?? 0) - 5.477225575051661)).toBeLessThan(1e-6);
  });
  it('has no SD below two values', () => {
    const m = new RunningMoments();
    m.add(3);
    expect(m.sd()).toBeNull();
  });
});
