import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamCsv } from '../../src/io/csv.js';
import { typeFile } from '../../src/core/evidence/validate.js';

// The fast path (plain-line.ts, offered each line by the reader) must type exactly as the records
// path does: the same rows, origins and problems, for any file. Columns of every kind the outcomes
// table has: text, integers, printed numbers, a vocabulary, a boolean-free list of ids.
const HEADER =
  'study_id,outcome,effect_measure,events_treatment,n_treatment,events_control,n_control,effect,ci_low,ci_high';
// Per column, mostly cells the fast path may take (so that many lines are plain), some that it
// must refuse or type with care (spaces, signs, 16 digits), and now and then one that only the
// records path can read (quotes, control characters, non-ASCII).
const ODD = fc.constantFrom(
  '"q"',
  '"a,b"',
  '"l\nm"',
  'a"b',
  '"open',
  '"x"y',
  '\t4',
  '\u0000',
  '\u001b[2J',
  '\u0085',
  'é',
);
const TRICKY = fc.constantFrom(
  ' ',
  ' s3',
  's4 ',
  'OR ',
  'or',
  '-3',
  '-0',
  '3.0',
  '.5',
  '5.',
  '1e2',
  '+3',
  '5 ',
  '1,000',
);
const cell = (plain: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 30, arbitrary: plain }, { weight: 2, arbitrary: TRICKY }, { weight: 1, arbitrary: ODD });
const TEXT = cell(fc.constantFrom('', 's1', 's 2', 'pain', 'x-y'));
const MEASURE = cell(fc.constantFrom('', 'OR', 'RR', 'MD'));
const COUNT = cell(
  fc.oneof(
    fc.integer({ min: 0, max: 300 }).map(String),
    fc.constantFrom('', '007', '123456789012345', '1234567890123456'),
  ),
);
const NUMBER = cell(
  fc.oneof(
    fc.double({ min: -50, max: 50, noNaN: true }).map((x) => x.toFixed(3)),
    fc.constantFrom('', '0', '-0', '0.25', '-1.75', '1.23456789012345', '9007199254740993'),
  ),
);
const LINE = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(TEXT, TEXT, MEASURE, COUNT, COUNT, COUNT, COUNT, NUMBER, NUMBER, NUMBER)
      .map((cells) => cells.join(',')),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(TEXT, COUNT), { minLength: 0, maxLength: 12 }).map((c) => c.join(',')) },
);

/** As load.ts reads a file: the reader's problems (a broken quote) first, and then no rows. */
function read(text: string, plain: boolean) {
  const stream = streamCsv('f.csv', text);
  // Without the hook, every line is read and typed as a record.
  const result = typeFile({ file: 'f.csv', records: stream.records, ...(plain ? { plain: stream.plain } : {}) });
  if (stream.problems.length > 0) return { problems: stream.problems };
  return {
    problems: result.problems,
    rows: result.typed?.rows,
    origins: result.typed?.origins.map((o) => ({ file: o.file, line: o.line, columns: { ...o.columns } })),
  };
}

describe('plain lines typed from the text (plain-line.ts)', () => {
  it('give the rows, origins and problems of the records path, for any file', () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 25 }), fc.boolean(), (lines, newlineAtEnd) => {
        const text = `${HEADER}\n${lines.join('\n')}${newlineAtEnd ? '\n' : ''}`;
        expect(read(text, true)).toEqual(read(text, false));
      }),
      { numRuns: 400 },
    );
  });

  it('types a plain line without reading it as a record', () => {
    const stream = streamCsv('f.csv', `${HEADER}\ns1,pain,OR,3,10,4,12,1.50,0.5,2.25\ns2,"pain",OR,1,9,2,8,,,\n`);
    let yielded = 0;
    const records = (function* () {
      for (const record of stream.records) {
        yielded++;
        yield record;
      }
    })();
    const result = typeFile({ file: 'f.csv', records, plain: stream.plain });
    expect(result.problems).toEqual([]);
    // The header and the line with a quoted field are records; the plain line is not.
    expect(yielded).toBe(2);
    expect(result.typed?.rows[0]).toMatchObject({ study_id: 's1', events_treatment: 3, effect: 1.5, ci_high: 2.25 });
    expect(result.typed?.rows[1]).toMatchObject({ study_id: 's2', outcome: 'pain', effect: null });
    expect(result.typed?.origins[0]).toMatchObject({ file: 'f.csv', line: 2 });
    // Counted by hand: "s1," is columns 1-3, "pain," 4-8, "OR," 9-11, ... "12," 19-21, then "1.50".
    expect(result.typed?.origins[0]?.columns).toMatchObject({ study_id: 1, outcome: 4, effect_measure: 9, effect: 22 });
  });
});
