// The byte reader of patient files (src/io/patient-bytes.ts) reads plain decimals itself, as an
// integer over a power of ten: each value it keeps must be Number(text) bit for bit, and every
// spelling it does not take (too many digits, "1.", ".5", "+1", "1e3") must reach the text path and
// come out as there. One patient per study, so each study's mean is its one value.
// (Expected values: Number() itself, JavaScript's correctly rounded reading of decimal text.)
import { fc, test as fcTest } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { readPatientFile } from '../../src/io/patient-file.js';
import { quietIo, wholeText } from '../helpers/patient-text.js';

const whole = (text: string, outcome: 'change' | 'followup' = 'followup') => wholeText(text, outcome);

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-patient-bytes-'));

const io = quietIo(DIR);

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
// Mostly what the byte reader takes (up to 15 digits in all), and its edges: 16 and more digits,
// leading zeros, negative zero, the largest integers below 2^53 and spellings only Number() reads.
const spelled = (intDigits: number, fracDigits: number) =>
  fc
    .tuple(fc.boolean(), digits(1, intDigits), fc.option(digits(1, fracDigits)))
    .map(([minus, int, frac]) => `${minus ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
const decimal = fc.oneof(
  { arbitrary: spelled(8, 8), weight: 6 },
  { arbitrary: spelled(17, 17), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '-0',
      '-0.0',
      '0.1',
      '999999999999999',
      '99999999999999.9',
      '0.000000000000001',
      '9007199254740993',
      '1.',
      '.5',
      '+1',
      '1e3',
      '0x10',
    ),
    weight: 1,
  },
);

describe('plain decimals read from the bytes', () => {
  let n = 0;
  fcTest.prop([fc.array(decimal, { minLength: 1, maxLength: 60 }), fc.integer({ min: 64, max: 4096 })], {
    numRuns: 200,
  })('each study mean is Number(text), bit for bit', async (values, chunk) => {
    const name = path.join(DIR, `n${n++}.csv`);
    const lines = values.map((v, i) => `s${i},P${i},treatment,,${v},no`);
    const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${lines.join('\n')}\n`;
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, { outcome: 'followup' }, { chunkBytes: chunk });
    // As the text path reads the whole file (spellings only Number() or typeCell take, and errors too).
    expect(result).toEqual(whole(text));
    if (!values.every((v) => /^-?\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v)))) return;
    expect(result?.problems).toEqual([]);
    const means = (result?.files[0]?.rows ?? [])
      .filter((r) => r['outcome'] === 'follow-up score')
      .map((r) => r['mean_treatment']);
    expect(means.length).toBe(values.length);
    // (Welford's first step, 0 + (x - 0) / 1, is x itself, bar -0 becoming 0.)
    means.forEach((m, i) => expect(Object.is(m, 0 + Number(values[i]))).toBe(true));
  });

  // The usual header, with and without patient_id, is typed by a path of its own for lines of the
  // previous line's study: any line, however it ends (chunk edges, a last line without a newline),
  // comes out as the text path reads it.
  fcTest.prop(
    [
      fc.boolean(),
      fc.array(
        fc.tuple(
          fc.constantFrom('s1', 's1', 's1', 's2', 's1 ', 's1\t', ''),
          fc.constantFrom('P1', '', 'P\t1', 'P\u00a01', 'P\u20031'),
          fc.constantFrom('treatment', 'control', 'treatment', 'control', 'treat', 'controls', 'Treatment', ''),
          decimal,
          fc.oneof(decimal, fc.constantFrom('', ' 1', '1 ', '--1', '1.2.3')),
          fc.constantFrom('yes', 'no', '', 'yes', 'no', 'n', 'yess', 'no,x'),
        ),
        { maxLength: 40 },
      ),
      fc.boolean(),
      fc.integer({ min: 64, max: 512 }),
      fc.constantFrom('change' as const, 'followup' as const),
    ],
    { numRuns: 200 },
  )('the usual header = the text path', async (withId, rows, finalNewline, chunk, outcome) => {
    const name = path.join(DIR, `u${n++}.csv`);
    const header = withId
      ? 'study_id,patient_id,arm,baseline,followup,adverse_event'
      : 'study_id,arm,baseline,followup,adverse_event';
    const lines = rows.map(([s, id, arm, b, f, e]) => (withId ? [s, id, arm, b, f, e] : [s, arm, b, f, e]).join(','));
    const text = `${header}\n${lines.join('\n')}${finalNewline ? '\n' : ''}`;
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, { outcome }, { chunkBytes: chunk });
    expect(result).toEqual(whole(text, outcome));
  });
});
