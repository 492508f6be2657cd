// `import` of the three forms of a Cochrane review (RevMan 5 file, RevMan "Data and analyses" CSV,
// data package zip and folder) from /work/shared/fixtures/cochrane (copied from the R package meta,
// inst/extdata) into tests/fixtures/cochrane. Expected numbers: RevMan's own stored results (in each
// file, and in the fixtures' README: OR 0.89686556 [0.8405144, 0.95699471], Chi² 9.94605598, I² 39.67%).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { close, readCsv } from '../helpers/close.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;
const FORMS = ['Fleiss1993.rm5', 'Fleiss1993_CR.csv', 'Fleiss1993-data-package.zip', 'Fleiss1993-data-package'];

interface MetaJson {
  result: {
    k: number;
    QE: number;
    QE_df: number;
    I2: number;
    transformed: { estimate: number; ci_lb: number; ci_ub: number };
  };
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'acu-import-'));

async function importInto(form: string, folder: string, extra: string[] = []) {
  return runCli(['import', path.join(COCHRANE, form), '--into', folder, ...extra]);
}

describe.each(FORMS)('import %s', (form) => {
  it('then meta --where "analysis=1.1" --measure OR --method MH reproduces RevMan’s stored result', async () => {
    const folder = path.join(temp(), 'review');
    const imported = await importInto(form, folder);
    expect(imported.code, imported.stderr).toBe(0);
    const out = await runCli([
      'meta',
      '--data',
      folder,
      '--where',
      'analysis=1.1',
      '--measure',
      'OR',
      '--method',
      'MH',
      '--json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const r = (JSON.parse(out.stdout) as MetaJson).result;
    expect(r.k).toBe(7);
    expect(r.QE_df).toBe(6);
    // Against the values RevMan stored (fixtures' README, from the .rm5 file at full precision).
    close(r.transformed.estimate, 0.8968655609130709);
    close(r.transformed.ci_lb, 0.8405144008917793);
    close(r.transformed.ci_ub, 0.9569947088336491);
    close(r.QE, 9.946055983220074);
    close(r.I2, 39.67458045558399);
    // Against what the import wrote in pooled.csv from this very file (rounded to 6 decimals in a package).
    const stored = readCsv(path.join(folder, 'pooled.csv')).find(
      (p) => p['analysis'] === '1.1' && p['subgroup'] === '',
    );
    expect(stored?.['measure']).toBe('OR');
    expect(stored?.['method']).toBe('MH');
    expect(stored?.['model']).toBe('fixed');
    close(r.transformed.estimate, Number(stored?.['estimate']));
    close(r.transformed.ci_lb, Number(stored?.['ci_low']));
    close(r.transformed.ci_ub, Number(stored?.['ci_high']));
    close(r.QE, Number(stored?.['chi2']));
    close(r.I2, Number(stored?.['i2']));
  });

  it('keeps study names and years, analysis numbers and names, per-arm data and provenance; validate passes', async () => {
    const folder = path.join(temp(), 'review');
    expect((await importInto(form, folder)).code).toBe(0);
    const studies = readCsv(path.join(folder, 'studies.csv'));
    expect(studies.find((s) => s['short_name'] === 'ISIS-2')).toMatchObject({ study_id: 'isis-2', year: '1988' });
    expect(studies.find((s) => s['short_name'] === 'MRC-1')?.['year']).toBe('1974');
    const outcomes = readCsv(path.join(folder, 'outcomes.csv'));
    const isis = outcomes.find((o) => o['study_id'] === 'isis-2');
    expect(isis).toMatchObject({
      analysis: '1.1',
      outcome: 'Aspirin for Preventing Death after Myocardial Infarction',
      events_treatment: '1570',
      n_treatment: '8587',
      events_control: '1720',
      n_control: '8600',
    });
    expect(isis?.['source']).toBe(`${form}, analysis 1.1`);
    const davis = outcomes.find((o) => o['study_id'] === 'davis');
    expect(davis).toMatchObject({ analysis: '1.2', mean_treatment: '5', sd_treatment: '4.7', n_treatment: '13' });
    const validate = await runCli(['validate', '--data', folder]);
    expect(validate.code, validate.stderr).toBe(0);
    // The CSV export lists no included studies, so only the other forms give the review's study count.
    expect(validate.stdout).toContain(form === 'Fleiss1993_CR.csv' ? 'fleiss1993-cr' : '100.0%');
  });
});

describe('import: the CSV export’s continuous analysis', () => {
  it('analysis 1.2 (MD, IV, fixed) reproduces RevMan’s stored MD, CI and Chi²', async () => {
    const folder = path.join(temp(), 'review');
    expect((await importInto('Fleiss1993_CR.csv', folder)).code).toBe(0);
    const out = await runCli([
      'meta',
      '--data',
      folder,
      '--where',
      'analysis=1.2',
      '--measure',
      'MD',
      '--method',
      'FE',
      '--json',
    ]);
    const r = (JSON.parse(out.stdout) as MetaJson).result;
    // Fleiss1993_CR.csv, row "1,2,0,Mental Health Treatment versus Control".
    close(r.transformed.estimate, -0.70938839);
    close(r.transformed.ci_lb, -1.25848502);
    close(r.transformed.ci_ub, -0.16029176);
    close(r.QE, 5.66012379);
    close(r.I2, 29.33016758);
  });
});

describe('import: the folder', () => {
  it('never replaces a non-empty folder without --force', async () => {
    const folder = temp();
    writeFileSync(path.join(folder, 'mine.txt'), 'keep me');
    const out = await importInto('Fleiss1993.rm5', folder);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('the folder is not empty');
    expect(readdirSync(folder)).toEqual(['mine.txt']);
    const forced = await importInto('Fleiss1993.rm5', folder, ['--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(
      [
        'analyses.csv',
        'mine.txt',
        'outcomes.csv',
        'pooled.csv',
        'review-studies.csv',
        'reviews.csv',
        'studies.csv',
      ].sort(),
    );
  });

  it('a new folder appears whole: no temporary folder is left beside it', async () => {
    const parent = temp();
    expect((await importInto('Fleiss1993.rm5', path.join(parent, 'nested', 'review'))).code).toBe(0);
    expect(readdirSync(path.join(parent, 'nested'))).toEqual(['review']);
  });

  it('--review-id names the review', async () => {
    const folder = path.join(temp(), 'r');
    expect((await importInto('Fleiss1993_CR.csv', folder, ['--review-id', 'fleiss-1993'])).code).toBe(0);
    expect(readCsv(path.join(folder, 'reviews.csv'))[0]?.['review_id']).toBe('fleiss-1993');
    const bad = await importInto('Fleiss1993_CR.csv', path.join(temp(), 'r'), ['--review-id', 'Fleiss 1993']);
    expect(bad.code).toBe(2);
  });
});

/** A zip whose central directory and local header declare `size` bytes for its one member. */
function zipDeclaring(size: number): Uint8Array {
  const zip = zipSync({ 'x-data-rows.csv': [strToU8('a,b\n1,2\n'), { level: 0 }] });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return zip;
}

describe('import: hostile files are input errors and write nothing', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<COCHRANE_REVIEW><COVER_SHEET><TITLE>&lol2;</TITLE></COVER_SHEET></COCHRANE_REVIEW>
`;
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['entities.rm5', billionLaughs, /entities\.rm5:2: the file declares a DOCTYPE or entities/],
    [
      'broken.rm5',
      '<?xml version="1.0"?>\n<COCHRANE_REVIEW>\n<COMPARISON NO="1">\n</COCHRANE_REVIEW>\n',
      /broken\.rm5:\d+:\d+: not well-formed XML/,
    ],
    ['not-revman.rm5', '<?xml version="1.0"?>\n<html/>\n', /not a RevMan 5 review file/],
    [
      'escape.zip',
      zipSync({ '../evil-data-rows.csv': strToU8('a\n1\n') }),
      /zip entry "\.\.\/evil-data-rows\.csv" points outside the package/,
    ],
    ['absolute.zip', zipSync({ '/etc/x-data-rows.csv': strToU8('a\n1\n') }), /points outside the package/],
    ['huge.zip', zipDeclaring(1024 * 1024 * 1024), /declares 1073741824 bytes, more than the \d+ read; refused/],
    ['garbage.zip', strToU8('PK this is not a zip'), /not a readable zip file/],
    ['other.csv', 'study_id,events\na,1\n', /not a RevMan "Data and analyses" CSV/],
    ['empty.zip', zipSync({ 'readme.txt': strToU8('hello') }), /not a Cochrane data package/],
  ];
  it.each(cases)('%s', async (name, content, message) => {
    const dir = temp();
    const file = path.join(dir, name);
    writeFileSync(file, content);
    const into = path.join(dir, 'out');
    const out = await runCli(['import', file, '--into', into]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(existsSync(into)).toBe(false);
  });

  it('a folder that is not a data package', async () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'pkg'));
    writeFileSync(path.join(dir, 'pkg', 'notes.csv'), 'a\n1\n');
    const out = await runCli(['import', path.join(dir, 'pkg'), '--into', path.join(dir, 'out')]);
    expect(out.code).toBe(2);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('import: subgroups and generic inverse-variance rows of a RevMan 5 file', () => {
  // Fleiss1993.rm5 rewritten: analysis 1.1's seven trials in two subgroups (before and after 1979),
  // and a generic inverse-variance analysis 1.3 holding each trial's OR and SE as RevMan computed them.
  const original = readFileSync(path.join(COCHRANE, 'Fleiss1993.rm5'), 'latin1');
  const dich = [...original.matchAll(/<DICH_DATA [^>]*\/>/g)].map((m) => m[0]);
  const early = dich.filter((d) => /STUDY_ID="STD-(MRC_x002d_1|CDP)"/.test(d));
  const late = dich.filter((d) => !early.includes(d));
  const iv = dich.map((d) => d.replace('<DICH_DATA', '<IV_DATA').replace(/ EVENTS_[12]="\d+"/g, '')).join('\n');
  const rewritten = original
    .replace(
      dich.join('\n'),
      `<DICH_SUBGROUP NO="1" STUDIES="2"><NAME>before 1979</NAME>\n${early.join('\n')}\n</DICH_SUBGROUP>\n<DICH_SUBGROUP NO="2" STUDIES="5"><NAME>1979 and later</NAME>\n${late.join('\n')}\n</DICH_SUBGROUP>`,
    )
    .replace(
      '</COMPARISON>',
      `<IV_OUTCOME CI_STUDY="95" EFFECT_MEASURE="OR" ID="CMP-001.03" LOG_DATA="YES" METHOD="IV" NO="3" RANDOM="NO"><NAME>Death (generic inverse variance)</NAME>\n${iv}\n</IV_OUTCOME>\n</COMPARISON>`,
    );

  async function imported(): Promise<string> {
    const dir = temp();
    const file = path.join(dir, 'Fleiss1993-subgroups.rm5');
    writeFileSync(file, rewritten, 'latin1');
    const out = await runCli(['import', file, '--into', path.join(dir, 'out')]);
    expect(out.code, out.stderr).toBe(0);
    return path.join(dir, 'out');
  }

  it('keeps subgroup numbers and names; the whole analysis still pools to RevMan’s stored OR', async () => {
    const folder = await imported();
    const outcomes = readCsv(path.join(folder, 'outcomes.csv'));
    expect(outcomes.find((o) => o['study_id'] === 'cdp')?.['subgroup']).toBe('1.1.1 before 1979');
    expect(outcomes.find((o) => o['study_id'] === 'isis-2')?.['subgroup']).toBe('1.1.2 1979 and later');
    const all = await runCli([
      'meta',
      '--data',
      folder,
      '--where',
      'analysis=1.1',
      '--measure',
      'OR',
      '--method',
      'MH',
      '--json',
    ]);
    close((JSON.parse(all.stdout) as MetaJson).result.transformed.estimate, 0.8968655609130709);
    const grouped = await runCli([
      'meta',
      '--data',
      folder,
      '--where',
      'analysis=1.1',
      '--measure',
      'OR',
      '--method',
      'FE',
      '--group-by',
      'subgroup',
    ]);
    expect(grouped.code, grouped.stderr).toBe(0);
    expect(grouped.stdout).toContain('1.1.1 before 1979');
  });

  it('GIV rows enter as the reported effect with its SE and pool like the same trials’ arms (FE)', async () => {
    const folder = await imported();
    const giv = readCsv(path.join(folder, 'outcomes.csv')).filter((o) => o['analysis'] === '1.3');
    expect(giv).toHaveLength(7);
    expect(giv[0]?.['effect_measure']).toBe('OR');
    const pool = async (analysis: string) => {
      const out = await runCli([
        'meta',
        '--data',
        folder,
        '--where',
        `analysis=${analysis}`,
        '--measure',
        'OR',
        '--method',
        'FE',
        '--json',
      ]);
      expect(out.code, out.stderr).toBe(0);
      return (JSON.parse(out.stdout) as MetaJson).result;
    };
    const [fromArms, fromGiv] = [await pool('1.1'), await pool('1.3')];
    close(fromGiv.transformed.estimate, fromArms.transformed.estimate);
    close(fromGiv.transformed.ci_lb, fromArms.transformed.ci_lb);
    close(fromGiv.QE, fromArms.QE);
  });
});

describe('import: the encoding a RevMan 5 file declares', () => {
  it('reads ISO-8859-1 names (RevMan 5 writes Latin-1) and writes them as UTF-8', async () => {
    const original = readFileSync(path.join(COCHRANE, 'Fleiss1993.rm5'), 'latin1');
    const dir = temp();
    const file = path.join(dir, 'latin1.rm5');
    writeFileSync(file, original.replace(/NAME="GASP"/, 'NAME="Görtz &amp; Müller"'), 'latin1');
    const out = await runCli(['import', file, '--into', path.join(dir, 'out')]);
    expect(out.code, out.stderr).toBe(0);
    const studies = readCsv(path.join(dir, 'out', 'studies.csv'));
    expect(studies.find((s) => s['short_name'] === 'Görtz & Müller')?.['study_id']).toBe('gortz-muller');
  });
});

describe('import: subgroups of a RevMan CSV export', () => {
  it('the first row of each subgroup names it; its studies carry the number and name', async () => {
    // Fleiss1993_CR.csv with analysis 1.1 split into subgroup 1 (MRC-1, CDP) and 2 (the rest).
    const lines = readFileSync(path.join(COCHRANE, 'Fleiss1993_CR.csv'), 'utf8').trimEnd().split('\n');
    const blank = ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,';
    const out: string[] = [];
    for (const line of lines) {
      const study = /^1,1,0,([^,]+),,/.exec(line)?.[1];
      if (study === 'MRC-1') out.push(`1,1,1,before 1979,${blank}`);
      if (study === 'MRC-2') out.push(`1,1,2,1979 and later,${blank}`);
      const subgroup = study === 'MRC-1' || study === 'CDP' ? 1 : 2;
      out.push(study === undefined ? line : line.replace(/^1,1,0,/, `1,1,${subgroup},`));
    }
    const dir = temp();
    const file = path.join(dir, 'subgroups.csv');
    writeFileSync(file, `${out.join('\n')}\n`);
    const imported = await runCli(['import', file, '--into', path.join(dir, 'out')]);
    expect(imported.code, imported.stderr).toBe(0);
    const outcomes = readCsv(path.join(dir, 'out', 'outcomes.csv')).filter((o) => o['analysis'] === '1.1');
    expect(outcomes).toHaveLength(7);
    expect(outcomes.find((o) => o['study_id'] === 'cdp')?.['subgroup']).toBe('1.1.1 before 1979');
    expect(outcomes.find((o) => o['study_id'] === 'amis')?.['subgroup']).toBe('1.1.2 1979 and later');
    const meta = await runCli([
      'meta',
      '--data',
      path.join(dir, 'out'),
      '--where',
      'analysis=1.1',
      '--measure',
      'OR',
      '--method',
      'MH',
      '--json',
    ]);
    close((JSON.parse(meta.stdout) as MetaJson).result.transformed.estimate, 0.8968655609130709);
  });
});
