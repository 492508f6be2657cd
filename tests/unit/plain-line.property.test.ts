// The fast path of typeFile (plain-line.ts, offered each line by the CSV reader through
// `plain.take`) must type every line as the record path does: the same rows (values and printed
// decimals), the same origins (line and columns) and the same problems, in the same order. The
// record path (typeFile without `plain`) is main's reading, so it is the expected value here.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamCsv } from '../../src/io/csv.js';
import { typeFile } from '../../src/core/evidence/validate.js';

const HEADER = [
  'study_id',
  'comparison',
  'comparator_type',
  'outcome',
  'events_treatment',
  'n_treatment',
  'events_control',
  'n_control',
  'mean_treatment',
  'sd_treatment',
  'pct_treatment',
  'effect_measure',
  'effect',
  'source',
  'x_dose',
];

// Cells at the edges of what the fast path takes: spellings only Number() reads, signs, spaces,
// leading zeros, 15 and 16 digits, vocabulary words in other cases, formula characters, non-ASCII.
const TOKENS = [
  '',
  ' ',
  '0',
  '5',
  '05',
  '-0',
  '-5',
  '+5',
  ' 5',
  '5 ',
  '5.',
  '.5',
  '-.5',
  '5.50',
  '-5.50',
  '1e3',
  '1E-3',
  '1_000',
  '0x10',
  'Infinity',
  'NaN',
  '1e400',
  '123456789012345',
  '1234567890123456',
  '999999999999999.9',
  '0.00000000000001',
  '0.000000000000001',
  '9007199254740993',
  '12.345678901234',
  'sham',
  'Sham',
  ' sham',
  'placebo',
  'RR',
  'rr',
  'OR',
  'abc',
  'a b',
  '=1+1',
  '@x',
  'Müller',
  's1',
  's2',
  '-',
  '.',
  '60',
  '120',
];

// Each column mostly a plain value of its type (so that most lines take the fast path), sometimes a token above.
const num = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, m, d]) => `${neg ? '-' : ''}${(m / 10 ** d).toFixed(d)}`);
const count = fc.integer({ min: 0, max: 120 }).map(String);
const PLAIN: Record<string, fc.Arbitrary<string>> = {
  study_id: fc.constantFrom('s1', 's2', 's3', 'Müller', 'a-b'),
  comparison: fc.constantFrom('acupuncture vs sham', 'acupuncture vs usual care'),
  comparator_type: fc.constantFrom('sham', 'placebo', ''),
  outcome: fc.constantFrom('pain', 'function'),
  events_treatment: count,
  n_treatment: count,
  events_control: count,
  n_control: count,
  mean_treatment: num,
  sd_treatment: num,
  pct_treatment: num,
  effect_measure: fc.constantFrom('', 'RR', 'MD'),
  effect: num,
  source: fc.constantFrom('PMID 1 table 2', ''),
  x_dose: fc.constantFrom('', '4'),
};
const cells = fc.tuple(
  ...HEADER.map((name) =>
    fc.oneof(
      { weight: 12, arbitrary: PLAIN[name] ?? fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom(...TOKENS) },
    ),
  ),
);
const line = fc.oneof(
  { weight: 12, arbitrary: cells.map((c) => [...c]) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: HEADER.length - 2, maxLength: HEADER.length + 2 }),
  },
);

function typed(text: string, plain: boolean) {
  const stream = streamCsv('f.csv', text);
  const result = typeFile({ file: 'f.csv', records: stream.records, ...(plain ? { plain: stream.plain } : {}) });
  const t = result.typed;
  return {
    problems: [...stream.problems, ...result.problems],
    rows: t?.rows.map((r) => ({ ...r })),
    origins: t?.origins.map((o) => ({ file: o.file, line: o.line, columns: { ...o.columns } })),
  };
}

describe('plain lines are typed as records are', () => {
  fcTest.prop([fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean()], {
    numRuns: 1500,
  })('rows, origins and problems', (lines, eol, blank) => {
    const body = lines.map((cells) => cells.join(','));
    if (blank) body.splice(1, 0, '');
    const text = `${[HEADER.join(','), ...body].join(eol)}${eol}`;
    expect(typed(text, true)).toStrictEqual(typed(text, false));
  });
});
