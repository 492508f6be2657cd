import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const BAD = 'tests/fixtures/bad';

/** Each bad-input fixture, the place the error must name, and what it must say. */
const CASES: readonly (readonly [string, string, RegExp])[] = [
  ['wrong-header.csv', 'wrong-header.csv:1:1', /first line \(2 fields\) names no known column, so it matches no table/],
  ['missing-header.csv', 'missing-header.csv:1:1', /is the header row missing\?/],
  ['missing-required-column.csv', 'missing-required-column.csv:1:1', /lacks required column study_id/],
  ['unknown-column.csv', 'unknown-column.csv:1:15', /unknown column "n_randomsied" .*did you mean "n_randomised"/],
  ['duplicate-header-column.csv', 'duplicate-header-column.csv:1:15', /column "year" appears twice/],
  ['unclosed-quote.csv', 'unclosed-quote.csv:3:16', /quoted field is never closed/],
  ['stray-quote.csv', 'stray-quote.csv:2:16', /quote \("\) appears inside an unquoted field/],
  ['text-in-count.csv', 'text-in-count.csv:3:16', /n_randomised: expected a whole number, got "many"/],
  ['thousands-separator.csv', 'thousands-separator.csv:2:12', /without thousands separators/],
  ['negative-count.csv', 'negative-count.csv:2:17', /n_randomised: must not be negative, got -5/],
  ['events-exceed-n.csv', 'events-exceed-n.csv:2:49', /events_treatment: 40 exceeds n_treatment \(34\)/],
  ['percent-out-of-range.csv', 'percent-out-of-range.csv:2:49', /pct_treatment: a percentage must lie in \[0, 100\]/],
  [
    'sessions-min-above-max.csv',
    'sessions-min-above-max.csv:2:12',
    /sessions_min: 12 is greater than sessions_max \(8\)/,
  ],
  [
    'unknown-vocabulary.csv',
    'unknown-vocabulary.csv:2:12',
    /condition: "back-pain" is not one of .*did you mean "low-back-pain"/,
  ],
  ['bad-boolean.csv', 'bad-boolean.csv:2:21', /serious: expected yes\/no/],
  ['duplicate-id.csv', 'duplicate-id.csv:4:1', /duplicate row \(study_id=alpha-2001\); first at .*duplicate-id.csv:2/],
  ['dangling-reference', 'dangling-reference/outcomes.csv:3:1', /study_id: "alpha-2010" is not a study_id of studies/],
  ['ragged-row.csv', 'ragged-row.csv:2:1', /row has 3 fields but the header has 4/],
  ['empty-file.csv', 'empty-file.csv:1', /file is empty; expected a header row/],
  ['empty-source.csv', 'empty-source.csv:2:17', /source: empty; every row must name where its values were seen/],
  [
    'bad-claim-filter.csv',
    'bad-claim-filter.csv:2:24',
    /where: "back" is not a condition in --where 'condition=back' \(did you mean "low-back-pain"\?\)/,
  ],
  ['effect-without-measure.csv', 'effect-without-measure.csv:2:1', /effect_measure: empty, but effect is given/],
];

describe('bad input', () => {
  it.each(CASES)('%s exits 2 naming the place, without a stack trace', async (fixture, place, message) => {
    for (const command of ['validate', 'studies']) {
      const { code, stdout, stderr } = await runCli([command, '--data', `${BAD}/${fixture}`]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const [first] = stderr.split('\n');
      expect(first).toContain(`${BAD}/${place}: `);
      expect(first).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('lists every problem of every file, one per line', async () => {
    const { stderr } = await runCli([
      'validate',
      '--data',
      `${BAD}/text-in-count.csv`,
      `${BAD}/negative-count.csv`,
      `${BAD}/ragged-row.csv`,
    ]);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('3 problems found; nothing was written.');
  });

  it('names a missing path', async () => {
    const { code, stderr } = await runCli(['studies', '--data', 'no/such.csv']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^no\/such.csv: no such file or folder/);
  });

  it('loads a BOM with CRLF line ends and quoted fields', async () => {
    const { code, stdout } = await runCli([
      'studies',
      '--data',
      'tests/fixtures/good/bom-crlf.csv',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const rows = (JSON.parse(stdout) as { result: { rows: { short_name: string }[] } }).result.rows;
    expect(rows.map((r) => r.short_name)).toEqual(['Alpha, the "first"', 'Beta\n2005']);
  });

  it("loads a researcher's files with only the columns a command needs", async () => {
    const { code, stderr } = await runCli([
      'validate',
      '--data',
      'tests/fixtures/good/researcher-binary.csv',
      'tests/fixtures/good/researcher-ae.csv',
    ]);
    expect(code).toBe(0);
    // They load; without a source column their rows cite nothing, which validate reports as a warning.
    expect(stderr).toMatch(/^ok: 2 files, 3 rows load; 2 provenance warnings/);
  });
});
