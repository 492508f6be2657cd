// The chunked patient-file reader (src/io/patient-file.ts) against the same aggregation over the
// whole text read at once: any chunk size, quoted fields with newlines, CRLF, a BOM and multi-byte
// characters give the same rows, notes and located problems. And its progress bar: on a terminal only.
import { fc, test as fcTest } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamCsv } from '../../src/io/csv.js';
import type { Io } from '../../src/io/io.js';
import type { PatientOptions } from '../../src/core/evidence/patient-aggregate.js';
import { aggregatePatientRecords, readPatientFile } from '../../src/io/patient-file.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-ipd-stream-'));

function io(tty: boolean): Io & { err: () => string } {
  let err = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 80 },
    readStdin: () => Promise.resolve(''),
    env: {},
    cwd: DIR,
    err: () => err,
  };
}

function whole(text: string, options: PatientOptions) {
  const stream = streamCsv('p.csv', text);
  const records = stream.records[Symbol.iterator]();
  const header = records.next();
  if (header.done) throw new Error('no header');
  const result = aggregatePatientRecords('p.csv', header.value, { [Symbol.iterator]: () => records }, options);
  return stream.problems.length > 0 ? { ...result, files: [], notes: [], problems: stream.problems } : result;
}

// Mostly plain rows (the byte path), some that need the text path (quotes, newlines, spaces, errors).
const id = fc.oneof(
  { arbitrary: fc.constantFrom('s1', 's2', 'Müller 漢'), weight: 4 },
  { arbitrary: fc.constantFrom('a,b', ' s1', 's1 '), weight: 1 },
  // Whitespace String.trim() removes beyond space and tab, and invisible characters (an error).
  { arbitrary: fc.constantFrom('s1\u2003', '\u3000s1', 's2\u00a0', '\ufeffs2', 's1\u200b', 's\u202e1'), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom('x', ',', '"', '\n', 'é', '𝄞', ' '), maxLength: 6 }), weight: 1 },
);
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const decimal = fc
  .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 4 }))
  .map(([m, k]) => (m / 10 ** k).toFixed(k));
const num = fc.oneof(
  { arbitrary: decimal, weight: 6 },
  { arbitrary: fc.constantFrom('', '1.', ' 2', '-0', '007', '123456789012345678', 'x', '1e400'), weight: 2 },
);
const row = fc.tuple(
  id,
  fc.constantFrom('treatment', 'control', 'placebo', ''),
  num,
  num,
  fc.constantFrom('yes', 'no', ''),
);
const file = fc.record({
  rows: fc.array(row, { maxLength: 25 }),
  crlf: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)),
  bom: fc.boolean(),
  outcome: fc.constantFrom('change' as const, 'followup' as const),
  blank: fc.boolean(),
});

describe('streamed patient file = the whole text aggregated at once', () => {
  let n = 0;
  fcTest.prop([file, fc.integer({ min: 16, max: 90 })], { numRuns: 150 })('rows, notes, problems', async (f, chunk) => {
    const eol = f.crlf ? '\r\n' : '\n';
    const lines = [
      'study_id,patient_id,arm,baseline,followup,adverse_event',
      ...f.rows.map(([s, arm, b, fu, ae], i) => [quote(s), `P${i}`, arm, b, fu, ae].join(',')),
    ];
    const text = (f.bom ? '\uFEFF' : '') + lines.join(eol) + (f.blank ? `${eol}${eol}` : eol);
    const name = path.join(DIR, `p${n++}.csv`);
    writeFileSync(name, text);
    const streamed = await readPatientFile(name, 'p.csv', io(false), {}, { outcome: f.outcome }, { chunkBytes: chunk });
    expect(streamed).toEqual(whole(text, { outcome: f.outcome }));
  });

  it('an unclosed quote is reported where it opened, across chunks', async () => {
    const name = path.join(DIR, 'quote.csv');
    const body = Array.from({ length: 40 }, (_, i) => `s1,P${i},treatment,1,2,no`).join('\n');
    writeFileSync(
      name,
      `study_id,patient_id,arm,baseline,followup,adverse_event\n${body}\ns1,"P41,control,1,2,no\n${body}\n`,
    );
    const r = await readPatientFile(name, 'quote.csv', io(false), {}, {}, { chunkBytes: 64 });
    expect(r?.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '42:4 a quoted field is never closed (a " is missing; the field opens here)',
    ]);
  });

  it('invalid UTF-8 in a later chunk is located by line and column', async () => {
    const name = path.join(DIR, 'latin1.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `s1,P${i},treatment,1,2,no\n`).join('');
    writeFileSync(
      name,
      Buffer.concat([
        Buffer.from(`study_id,patient_id,arm,baseline,followup,adverse_event\n${rows}s1,M`),
        Buffer.from([0xfc]),
        Buffer.from(`ller,control,1,2,no\n`),
      ]),
    );
    const r = await readPatientFile(name, 'latin1.csv', io(false), {}, {}, { chunkBytes: 50 });
    expect(r?.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['32:5']);
    expect(r?.problems[0]?.message).toMatch(/UTF-8/);
  });

  it('a Unicode space after an id past the first MiB: the same studies as the text path (stdin)', async () => {
    // Review finding 4: the byte path trimmed only space and tab, so "s1\u2003" became a study of its own.
    const name = path.join(DIR, 'emsp.csv');
    const lines = ['study_id,patient_id,arm,baseline,followup,adverse_event'];
    for (let i = 0; i < 60_000; i++) {
      const study = `s${1 + Math.floor(i / 20_000)}${i % 7 === 3 ? ['\u2003', '\u00a0', '\u3000'][i % 3] : ''}`;
      lines.push(`${study},P${i},${i % 2 === 0 ? 'treatment' : 'control'},${i % 10},${(i * 7) % 11},no`);
    }
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1 << 20);
    writeFileSync(name, text);
    const streamed = await readPatientFile(name, 'p.csv', io(false), {}, {});
    expect(streamed).toEqual(whole(text, {}));
    expect([...new Set(streamed?.files[0]?.rows.map((r) => r.study_id))]).toEqual(['s1', 's2', 's3']);
  });

  it('a zero-width space in an id is an error at its line and column, from the file and from stdin', async () => {
    const name = path.join(DIR, 'zwsp.csv');
    const plain = Array.from({ length: 40 }, (_, i) => `s1,P${i},treatment,1,2,no`).join('\n');
    const text = `study_id,patient_id,arm,baseline,followup,adverse_event\n${plain}\ns1\u200b,P40,control,1,2,no\n`;
    writeFileSync(name, text);
    const streamed = await readPatientFile(name, 'zwsp.csv', io(false), {}, {}, { chunkBytes: 64 });
    expect(streamed?.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '42:3 invisible character U+200B (ZERO WIDTH SPACE) in "s1\\u200b"; remove it (ids that look the same must be the same id)',
    ]);
    expect(streamed?.problems).toEqual(whole(text, {}).problems.map((p) => ({ ...p, file: 'zwsp.csv' })));
  });

  it('is not taken for a file of another table', async () => {
    const name = path.join(DIR, 'studies.csv');
    writeFileSync(name, 'study_id,events_treatment,n_treatment,events_control,n_control\ns1,1,10,2,10\n');
    expect(await readPatientFile(name, 'studies.csv', io(false), {}, {})).toBeUndefined();
  });
});

describe('progress bar', () => {
  const name = path.join(DIR, 'bar.csv');
  writeFileSync(
    name,
    `study_id,arm,baseline,followup,adverse_event\n${'s1,treatment,1,2,no\ns1,control,1,3,yes\n'.repeat(2000)}`,
  );
  it('is drawn on stderr when it is a terminal and the file is large, then cleared', async () => {
    const term = io(true);
    await readPatientFile(name, 'bar.csv', term, {}, {}, { progressMinBytes: 0, chunkBytes: 1024 });
    expect(term.err()).toMatch(/^\rbar\.csv \[#* *\] \d+% 0\/0 MB/);
    expect(term.err().endsWith('\r\u001b[2K')).toBe(true);
  });
  it('never appears when stderr is not a terminal (piped), however large the file', async () => {
    const piped = io(false);
    await readPatientFile(name, 'bar.csv', piped, {}, {}, { progressMinBytes: 0, chunkBytes: 1024 });
    expect(piped.err()).toBe('');
  });
  it('does not appear on a terminal for a small file', async () => {
    const term = io(true);
    await readPatientFile(name, 'bar.csv', term, {}, {}, { chunkBytes: 1024 });
    expect(term.err()).toBe('');
  });
});
