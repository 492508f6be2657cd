import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { runCli } from '../helpers/run-cli.js';

const noCrash = (out: { code: number; stderr: string }) => {
  expect([0, 1, 2]).toContain(out.code);
  expect(out.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
};

/** Text made of the characters that matter to a CSV reader, plus any character at all. */
const csvChars = fc.oneof(
  fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', 'a', '1', '-', '.', 'e', ';', '\u0000', '\u001b', '\ufeff', 'é'),
  fc.string({ maxLength: 3, unit: 'binary' }),
);
const header = fc.constantFrom(
  'study_id,short_name,source',
  'study_id,events_treatment,n_treatment,events_control,n_control',
  'study_id,mean_treatment,sd_treatment,n_treatment,mean_control,sd_control,n_control',
  'review_id,study_id',
  '',
);

describe('property: no generated CSV makes the CLI throw, print a stack or hang', () => {
  it('validate and meta on stdin', async () => {
    await fc.assert(
      fc.asyncProperty(header, fc.array(csvChars, { maxLength: 60 }), async (h, body) => {
        const stdin = `${h}\n${body.join('')}`;
        noCrash(await runCli(['validate', '--data', '-'], { stdin }));
        noCrash(await runCli(['meta', '--data', '-', '--measure', 'OR'], { stdin }));
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: the reader gives back what was written', () => {
  // eslint-disable-next-line no-control-regex -- the control characters are what the reader refuses
  const cell = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\r]/g, ''));
  it('any cells, quoted where needed, read back cell for cell with their lines', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const quote = (c: string) => (/[",\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = rows.map((r) => r.map(quote).join(',')).join('\n');
        const { raw, problems } = parseCsv('f.csv', text);
        expect(problems).toEqual([]);
        expect(raw?.records.map((r) => r.cells)).toEqual(rows);
        let line = 1;
        const expected = rows.map((r) => {
          const at = line;
          line += r.join(',').split('\n').length - 1 + 1;
          return at;
        });
        expect(raw?.records.map((r) => r.line)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: no --where string makes the CLI throw or hang', () => {
  const where = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc
      .tuple(
        fc.constantFrom('year', 'condition', 'study_id', 'n_randomised', 'yaer', 'x'.repeat(5000)),
        fc.constantFrom('=', '!=', '>', '>=', '<', '<=', '~', '', '=='),
        fc.string({ maxLength: 20 }),
      )
      .map(([f, op, v]) => `${f}${op}${v}`),
  );
  it('studies --where', async () => {
    await fc.assert(
      fc.asyncProperty(where, async (w) => {
        noCrash(await runCli(['studies', '--where', w, '--json']));
      }),
      { numRuns: 150 },
    );
  });
});

describe('a 100,000-character field name in --where', () => {
  it('is an error of readable length, with no suggestion computed for it', async () => {
    const out = await runCli(['studies', '--where', `${'x'.repeat(100_000)}=1`]);
    expect(out.code).toBe(2);
    expect(out.stderr.length).toBeLessThan(2100);
    expect(out.stderr).toMatch(/more characters\)/);
  });
});
