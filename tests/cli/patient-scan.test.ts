// The WebAssembly half of the patient byte reader (src/io/patient-scan.wat) takes the runs of usual
// lines of one study: what it takes must come out bit for bit as the text path reads the file whole
// (tests/helpers/patient-text.ts), and what it does not take must reach the JavaScript reader. Its
// comparisons go 8 bytes at a time, so the ids here are around 8 and 16 bytes long and prefixes of
// each other, the words are one byte off, and runs of a study cross chunk edges and come back later.
// (Expected values: the text path, which types every cell with typeCell and Number().)
import { fc, test as fcTest } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readPatientFile } from '../../src/io/patient-file.js';
import { PatientScan } from '../../src/io/patient-scan.js';
import { quietIo, wholeText } from '../helpers/patient-text.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-patient-scan-'));
const io = quietIo(DIR);

// Same lengths differing in the last byte (7: masked, 8: one word, 15: a word and masked), prefixes.
const ID = fc.constantFrom(
  'abcdefg',
  'abcdefG',
  'abcdefgh',
  'abcdefgH',
  'abcdefghi',
  'abcdefgh1234567',
  'abcdefgh1234568',
  'abcdefgh12345678',
  'a',
  'b',
  'ab',
);
const ARM = fc.constantFrom(
  'treatment',
  'control',
  'treatment',
  'control',
  'treatmenT',
  'treatmen',
  'treatments',
  'contro',
  'controL',
  'controls',
  'Treatment',
);
const NUMBER = fc.oneof(
  { arbitrary: fc.integer({ min: -999, max: 999 }).map((v) => (v / 10).toFixed(1)), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      '',
      '7',
      '-0',
      '0.000000000000001',
      '999999999999999',
      '9999999999999999',
      '1.',
      '.5',
      '1e3',
      ' 1',
    ),
    weight: 2,
  },
);
const EVENT = fc.constantFrom('yes', 'no', '', 'yes', 'no', 'ye', 'yesx', 'n', 'noo', 'Yes');
const PATIENT = fc.constantFrom('1', '', '123456789', 'P\t1', 'P\u00a01');
// (Apart: with a control character anywhere, the text path reports only those, the reader also what
// it typed before reaching them, as it always has.)
const CONTROL = fc.constantFrom('1', '', 'P\u00011', 'P\u007f', 'P\u00851', 'P\u001b[2J');

describe('runs of usual lines typed in WebAssembly', () => {
  let n = 0;
  fcTest.prop(
    [
      fc.boolean(),
      fc.array(
        fc.tuple(
          ID,
          fc.integer({ min: 1, max: 30 }),
          fc.array(fc.tuple(PATIENT, ARM, NUMBER, NUMBER, EVENT), { minLength: 30, maxLength: 30 }),
        ),
        { minLength: 1, maxLength: 12 },
      ),
      fc.boolean(),
      fc.integer({ min: 40, max: 700 }),
      fc.constantFrom('change' as const, 'followup' as const),
    ],
    { numRuns: 150 },
  )('= the text path', async (withId, runs, finalNewline, chunk, outcome) => {
    const name = path.join(DIR, `r${n++}.csv`);
    const header = withId
      ? 'study_id,patient_id,arm,baseline,followup,adverse_event'
      : 'study_id,arm,baseline,followup,adverse_event';
    const lines = runs.flatMap(([id, length, cells]) =>
      cells
        .slice(0, length)
        .map(([p, arm, b, f, e]) => (withId ? [id, p, arm, b, f, e] : [id, arm, b, f, e]).join(',')),
    );
    const text = `${header}\n${lines.join('\n')}${finalNewline ? '\n' : ''}`;
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, { outcome }, { chunkBytes: chunk });
    expect(result).toEqual(wholeText(text, outcome));
  });

  fcTest.prop(
    [
      fc.array(fc.tuple(ID, CONTROL, fc.constantFrom('treatment', 'control')), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 40, max: 400 }),
    ],
    { numRuns: 100 },
  )('control characters in patient_id = the text path', async (rows, chunk) => {
    const name = path.join(DIR, `c${n++}.csv`);
    const lines = rows.map(([id, p, arm], i) => `${id},${p},${arm},${i % 7},${i % 5},no`);
    const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${lines.join('\n')}\n`;
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, {}, { chunkBytes: chunk });
    expect(result).toEqual(wholeText(text, 'change'));
  });

  it("takes every usual line of a plain file (each study's id made current by the JavaScript reader)", async () => {
    const name = path.join(DIR, 'plain.csv');
    const rows = ['s1', 'abcdefgh', 's1', 'abcdefgh12345678x'].flatMap((id, k) =>
      Array.from(
        { length: 50 },
        (_, i) => `${id},${i},${i % 2 ? 'control' : 'treatment'},${k}.5,${i % 9},${['yes', 'no', ''][i % 3]}`,
      ),
    );
    const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${rows.join('\n')}\n`;
    writeFileSync(name, text);
    const run = vi.spyOn(PatientScan.prototype, 'run');
    try {
      const result = await readPatientFile(name, 'n.csv', io, {}, {}, { chunkBytes: 1024 });
      expect(result).toEqual(wholeText(text, 'change'));
      const taken = run.mock.results.reduce((sum, r) => sum + (r.value as number), 0);
      expect(taken).toBe(200);
    } finally {
      run.mockRestore();
    }
  });

  it('ids that differ in their last byte only are two studies, whatever their length', async () => {
    for (const id of ['a', 'abcdefg', 'abcdefgh', 'abcdefgh1234567', 'abcdefgh12345678']) {
      const other = `${id.slice(0, -1)}Z`;
      const name = path.join(DIR, `last-${id.length}.csv`);
      const rows = [id, id, id, other, other, other, id].map(
        (s, i) => `${s},${i},${i % 2 ? 'control' : 'treatment'},1,${i},no`,
      );
      const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${rows.join('\n')}\n`;
      writeFileSync(name, text);
      const result = await readPatientFile(name, 'n.csv', io, {}, {}, {});
      expect(result).toEqual(wholeText(text, 'change'));
      expect([...new Set(result?.files[0]?.rows.map((r) => r['study_id']))]).toEqual([id, other]);
    }
  });

  it('a study of 10,000 patients over many chunks: its mean and SD as the text path sums them', async () => {
    const name = path.join(DIR, 'long.csv');
    const lines = Array.from(
      { length: 10_000 },
      (_, i) =>
        `long-study-id-x,${i},${i % 3 === 0 ? 'control' : 'treatment'},${(i % 97) / 10},${(i % 89) / 7},${i % 5 === 0 ? 'yes' : 'no'}`,
    );
    const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${lines.join('\n')}\n`;
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, {}, { chunkBytes: 4096 });
    expect(result).toEqual(wholeText(text, 'change'));
    expect(result?.patients).toBe(10_000);
  });
});
