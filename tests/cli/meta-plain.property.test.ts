/**
 * meta's fast lane on a plain study file, 2×2 tables or means (src/commands/meta-plain.ts), against the general pipeline on
 * the same data. The same file with a UTF-8 byte-order mark is refused by the lane (it does not start
 * with the header) and read by the general reader, which drops the mark: so the two runs read the
 * same rows, one each way, and must print the same bytes, on stdout and on stderr, with the same
 * exit code.
 */
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAIN_MEANS_HEADER, PLAIN_TABLES_HEADER, plainStudies } from '../../src/core/meta/plain-studies.js';
import { runCli } from '../helpers/run-cli.js';

const BOM = '\ufeff';
const root = mkdtempSync(path.join(tmpdir(), 'acu-plain-'));
let made = 0;

/** The file twice, in two folders under the same name: as given, and after a byte-order mark. */
function twoWays(text: string): { plain: string; general: string } {
  made++;
  const plain = path.join(root, `p${made}`);
  const general = path.join(root, `g${made}`);
  mkdirSync(plain);
  mkdirSync(general);
  // One byte per character (as the lane reads a file), the mark in UTF-8 before the same bytes.
  const bytes = Buffer.from(text, 'latin1');
  writeFileSync(path.join(plain, 'trials.csv'), bytes);
  writeFileSync(path.join(general, 'trials.csv'), Buffer.concat([Buffer.from(BOM, 'utf8'), bytes]));
  return { plain, general };
}

async function sameBothWays(text: string, options: readonly string[]): Promise<void> {
  const files = twoWays(text);
  // Run from each folder, so that messages name the file the same way.
  const plain = await runCli(['meta', '--data', 'trials.csv', ...options], { cwd: files.plain });
  const general = await runCli(['meta', '--data', 'trials.csv', ...options], { cwd: files.general });
  expect(plain.stdout).toBe(general.stdout);
  expect(plain.stderr).toBe(general.stderr);
  expect(plain.code).toBe(general.code);
}

const id = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.|*<>&[\]()#`\\=+@-]{0,10}[A-Za-z0-9)_.-]$/),
  fc.integer({ min: 1, max: 99999 }).map((n) => `s${n}`),
);
/** A table with no zero cell: 0 < events < n in both arms. */
const table = fc
  .tuple(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 2, max: 5000 }), fc.double(), fc.double())
  .map(([nT, nC, u, v]) => {
    const at = (n: number, x: number) => 1 + Math.floor(Math.abs(Number.isFinite(x) ? x % 1 : 0.5) * (n - 1));
    return [Math.min(nT - 1, at(nT, u)), nT, Math.min(nC - 1, at(nC, v)), nC] as const;
  });
const plainFile = fc
  .tuple(fc.uniqueArray(id, { minLength: 1, maxLength: 12 }), fc.array(table, { minLength: 12, maxLength: 12 }))
  .chain(([ids, tables]) =>
    fc
      .tuple(fc.constant(ids), fc.constant(tables), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([ids, tables, eol, last]) => {
        const lines = ids.map((s, i) => [s, ...(tables[i] ?? [1, 2, 1, 2])].join(','));
        return `${PLAIN_TABLES_HEADER}${eol}${lines.join(eol)}${last ? eol : ''}`;
      }),
  );
/** A decimal as people print means and SDs: up to 4 decimals, a sign for means. */
const decimal = (min: number, max: number) =>
  fc
    .tuple(fc.double({ min, max, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.boolean())
    // Some near zero, so that "-0.00" (Number() reads -0) comes up too.
    .map(([x, d, small]) => (small ? x / 1e5 : x).toFixed(d));
const sd = fc
  .tuple(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.integer({ min: 0, max: 3 }))
  .map(([x, d]) => (x.toFixed(d) === (0).toFixed(d) ? '1' : x.toFixed(d)));
const arm = fc.tuple(decimal(-100, 100), sd, fc.integer({ min: 2, max: 5000 }));
const meansFile = fc
  .tuple(
    fc.uniqueArray(id, { minLength: 1, maxLength: 12 }),
    fc.array(fc.tuple(arm, arm), { minLength: 12, maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([ids, arms, eol, last]) => {
    const lines = ids.map((s, i) => [s, ...(arms[i]?.[0] ?? []), ...(arms[i]?.[1] ?? [])].join(','));
    return `${PLAIN_MEANS_HEADER}${eol}${lines.join(eol)}${last ? eol : ''}`;
  });
const meansModel = fc.constantFrom(
  ['--measure', 'MD'],
  ['--measure', 'SMD', '--format', 'json'],
  ['--measure', 'MD', '--method', 'DL', '--format', 'csv'],
  ['--measure', 'SMD', '--method', 'FE', '--format', 'markdown', '--better', 'higher'],
  ['--measure', 'SMD', '--method', 'PM', '--test', 'knha', '--leave-one-out', '--egger'],
  ['--measure', 'RR'],
);
const model = fc.constantFrom(
  ['--measure', 'OR'],
  ['--measure', 'RR', '--format', 'json'],
  ['--measure', 'RD', '--method', 'DL', '--format', 'csv'],
  ['--measure', 'OR', '--format', 'markdown', '--better', 'lower'],
  ['--measure', 'RR', '--method', 'PM', '--test', 'knha', '--level', '90'],
  ['--measure', 'OR', '--method', 'FE', '--i2', 'q', '--format', 'csv'],
  ['--measure', 'OR', '--leave-one-out', '--egger', '--format', 'json'],
  ['--measure', 'RR', '--trimfill', '--ranktest', '--failsafe'],
  ['--measure', 'OR', '--method', 'SJ', '--pi', 'riley', '--test', 'knha', '--format', 'json'],
  ['--measure', 'OR', '--pi', 'z', '--test', 'knha'],
  ['--measure', 'RD', '--verbose', '--method', 'HS'],
  ['--measure', 'OR', '--method', 'EB', '--wide', '--no-color'],
);

describe('meta on a plain study file: the fast lane prints what the general pipeline prints', () => {
  it('takes plain files, and refuses the same file after a byte-order mark', () => {
    fc.assert(
      fc.property(plainFile, (text) => {
        expect(plainStudies(text)).not.toBeNull();
        expect(plainStudies(`${BOM}${text}`)).toBeNull();
      }),
    );
  });

  it('same stdout, stderr and exit code for any plain file and model', async () => {
    await fc.assert(
      fc.asyncProperty(plainFile, model, (text, options) => sameBothWays(text, options)),
      { numRuns: 60 },
    );
  });

  it('takes plain means files, and the same bytes come out both ways', async () => {
    await fc.assert(
      fc.asyncProperty(meansFile, meansModel, async (text, options) => {
        expect(plainStudies(text)?.kind).toBe('means');
        await sameBothWays(text, options);
      }),
      { numRuns: 40 },
    );
  });

  /** Each of these makes a means line not plain. */
  const unplainMeans: readonly [string, string][] = [
    ['an SD of 0', 's2,1.5,0,20,1.2,2.5,22'],
    ['an SD of 0.00', 's2,1.5,0.00,20,1.2,2.5,22'],
    ['a negative SD', 's2,1.5,-2,20,1.2,2.5,22'],
    ['n of 1', 's2,1.5,2,1,1.2,2.5,22'],
    ['an exponent', 's2,1e1,2,20,1.2,2.5,22'],
    ['a leading zero', 's2,01.5,2,20,1.2,2.5,22'],
    ['a bare point', 's2,1.,2,20,1.2,2.5,22'],
    ['a point first', 's2,.5,2,20,1.2,2.5,22'],
    ['a plus sign', 's2,+1.5,2,20,1.2,2.5,22'],
    ['16 digits', 's2,1.234567890123456,2,20,1.2,2.5,22'],
    ['a decimal n', 's2,1.5,2,20.5,1.2,2.5,22'],
    ['a comma decimal', 's2,"1,5",2,20,1.2,2.5,22'],
    ['an empty mean', 's2,,2,20,1.2,2.5,22'],
  ];

  it.each(unplainMeans)('refuses means with %s, and prints what the general pipeline prints', async (_, line) => {
    const text = `${PLAIN_MEANS_HEADER}\ns1,1.5,2,20,1.2,2.5,22\n${line}\ns3,-0.5,1.25,30,0.5,1.5,31\n`;
    expect(plainStudies(text)).toBeNull();
    for (const measure of ['MD', 'SMD']) await sameBothWays(text, ['--measure', measure, '--format', 'csv']);
  });

  it('reads -0 as Number() does, and prints what the general pipeline prints', async () => {
    const text = `${PLAIN_MEANS_HEADER}\ns1,-0,2,20,0,2.5,22\ns2,-0.00,2,20,-0.0,2.5,22\ns3,0,1.25,30,-0,1.5,31\n`;
    const means = plainStudies(text);
    expect(means?.kind === 'means' && [...means.m1i, ...means.m2i].map((x) => Object.is(x, -0))).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    for (const measure of ['MD', 'SMD']) {
      for (const format of ['csv', 'json', 'table'])
        await sameBothWays(text, ['--measure', measure, '--format', format]);
    }
  });

  it('reads means as Number() reads them', () => {
    const text = `${PLAIN_MEANS_HEADER}\ns1,-12.50,0.1,20,0.3,2,22\ns2,123456789012345,1.00000000000001,2,0,99.99,3\n`;
    expect(plainStudies(text)).toEqual({
      kind: 'means',
      study_id: ['s1', 's2'],
      m1i: Float64Array.from([-12.5, 123456789012345]),
      sd1i: Float64Array.from([0.1, 1.00000000000001]),
      n1i: Float64Array.from([20, 2]),
      m2i: Float64Array.from([0.3, 0]),
      sd2i: Float64Array.from([2, 99.99]),
      n2i: Float64Array.from([22, 3]),
    });
  });

  /** Each of these makes a line not plain: the lane must leave the file to the general reader. */
  const unplain: readonly [string, (line: string) => string][] = [
    ['a zero cell', (l) => l.replace(/,\d+,/, ',0,')],
    [
      'events above n',
      (l) => l.replace(/^([^,]+),\d+,(\d+),/, (_, s: string, n: string) => `${s},${Number(n) + 1},${n},`),
    ],
    ['events equal to n', (l) => l.replace(/^([^,]+),\d+,(\d+),/, '$1,$2,$2,')],
    ['a leading zero', (l) => l.replace(/,(\d+)$/, ',0$1')],
    ['a quoted id', (l) => l.replace(/^([^,]+),/, '"$1",')],
    ['a space before a count', (l) => l.replace(/,(\d+)$/, ', $1')],
    ['a decimal count', (l) => l.replace(/,(\d+)$/, ',$1.0')],
    ['a sixth field', (l) => `${l},x`],
    ['a missing field', (l) => l.replace(/,\d+$/, '')],
    ['an empty count', (l) => l.replace(/,\d+$/, ',')],
    ['a negative count', (l) => l.replace(/,(\d+)$/, ',-$1')],
    ['ten digits', (l) => l.replace(/,(\d+)$/, ',1000000000')],
    ['an id ending in a space', (l) => l.replace(/^([^,]+),/, '$1 ,')],
    ['an id starting with a space', (l) => l.replace(/^([^,]+),/, ' $1,')],
    ['a Latin-1 id', (l) => l.replace(/^([^,]+),/, 'M\u00fcller,')],
    ['a tab in the id', (l) => l.replace(/^([^,]+),/, '$1\tx,')],
    ['a NUL in the id', (l) => l.replace(/^([^,]+),/, '$1\u0000,')],
    ['a line ending in CR alone', (l) => `${l}\r`],
    ['an empty line', (l) => `${l}\n`],
  ];

  it.each(unplain)('refuses %s, and prints what the general pipeline prints', async (_, spoil) => {
    const lines = ['s1,4,20,6,22', 's2,10,50,14,48', 's3,7,30,5,31'];
    const text = `${PLAIN_TABLES_HEADER}\n${lines[0]}\n${spoil(lines[1] ?? '')}\n${lines[2]}\n`;
    expect(plainStudies(text)).toBeNull();
    await sameBothWays(text, ['--measure', 'OR', '--format', 'csv']);
  });

  it('refuses a repeated study id and another header', () => {
    expect(plainStudies(`${PLAIN_TABLES_HEADER}\ns1,4,20,6,22\ns1,10,50,14,48\n`)).toBeNull();
    expect(plainStudies('study_id,n_treatment,events_treatment,events_control,n_control\ns1,20,4,6,22\n')).toBeNull();
    expect(plainStudies(`${PLAIN_TABLES_HEADER}\n`)).toBeNull();
  });

  it('reads the cells as escalc names them', () => {
    expect(plainStudies(`${PLAIN_TABLES_HEADER}\r\nSmith 2019,4,20,6,22\r\ns2,10,50,14,48`)).toEqual({
      kind: 'tables',
      study_id: ['Smith 2019', 's2'],
      ai: Float64Array.from([4, 10]),
      bi: Float64Array.from([16, 40]),
      ci: Float64Array.from([6, 14]),
      di: Float64Array.from([16, 34]),
    });
  });
});
