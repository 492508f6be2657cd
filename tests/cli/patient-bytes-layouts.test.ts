// The byte reader of patient files (src/io/patient-bytes.ts) against the text path that reads the
// whole file (aggregatePatientRecords, main's reading): any header layout (columns in any order,
// with or without patient_id, change, note, a column of one's own), study ids that share
// prefixes or come back later in the file, a quoted line or CRLF in some chunk (that chunk goes
// to the text path, the next back to the bytes), and chunk edges anywhere.
import { fc, test as fcTest } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { readPatientFile } from '../../src/io/patient-file.js';
import { quietIo, wholeText } from '../helpers/patient-text.js';

const whole = wholeText;

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-patient-layouts-'));
const io = quietIo(DIR);

const VALUES: Record<string, fc.Arbitrary<string>> = {
  study_id: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('s1', 's2') },
    { weight: 1, arbitrary: fc.constantFrom('s', 's10', 's1x', 'st', 'ü1', 's1ü', '"s1"', 's1 ') },
  ),
  patient_id: fc.constantFrom('P1', '', 'P2', 'Pü'),
  arm: fc.constantFrom('treatment', 'control', 'treatment', 'control', 'Treatment', 'CONTROL', ''),
  baseline: fc.constantFrom('5', '5.5', '-1', '', '05', '1e1', '+2', '0.25', '2', '3.5'),
  followup: fc.constantFrom('3', '3.25', '-0', '', '7', '1.', '.5', '12.5'),
  change: fc.constantFrom('1', '-2.5', '', '0'),
  adverse_event: fc.constantFrom('yes', 'no', '', 'yes', 'no', 'Yes', 'true', '0'),
  note: fc.constantFrom('', 'n', 'a b'),
  x_age: fc.constantFrom('', '40', 'x'),
};
const OPTIONAL = ['patient_id', 'change', 'note', 'x_age'];

describe('patient lines read from the bytes = the text path', () => {
  let n = 0;
  fcTest.prop(
    [
      // Often the usual header (its own path in the reader), else any columns in any order.
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<string[]>([], ['patient_id']) },
        { weight: 2, arbitrary: fc.subarray(OPTIONAL) },
      ),
      fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
      fc.array(fc.record(VALUES), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 16, max: 300 }),
      fc.constantFrom('change' as const, 'followup' as const),
      fc.constantFrom('\n', '\n', '\r\n'),
    ],
    { numRuns: 150 },
  )('any layout, ids, chunk edges', async (optional, shuffled, order, rows, chunk, outcome, eol) => {
    const names = ['study_id', 'arm', 'baseline', 'followup', 'adverse_event', ...optional];
    const header = shuffled
      ? [...names].sort((a, b) => (order[names.indexOf(a)] ?? 0) - (order[names.indexOf(b)] ?? 0))
      : names;
    const lines = rows.map((row) => header.map((name) => row[name] ?? '').join(','));
    const text = `${header.join(',')}${eol}${lines.join(eol)}${eol}`;
    const name = path.join(DIR, `l${n++}.csv`);
    writeFileSync(name, text);
    const result = await readPatientFile(name, 'n.csv', io, {}, { outcome }, { chunkBytes: chunk });
    expect(result).toEqual(whole(text.replace(/\r\n/g, '\n'), outcome));
  });
});
