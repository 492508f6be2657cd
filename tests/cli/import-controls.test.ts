// Review finding 3: `import` never turns a numeric character reference in a .rm5 (&#27;, &#x9b;,
// &#0;, a lone surrogate) or a raw control character in any form into a control character in the
// CSVs it writes or on the terminal: the file is refused at file:line:column and nothing is written,
// as a CSV with control characters is. Tabs and line breaks in names become one space (see
// src/io/import/text.ts). The files are Fleiss1993 (tests/fixtures/cochrane) with one edit each.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const COCHRANE = new URL('../fixtures/cochrane/', import.meta.url).pathname;
const RM5 = readFileSync(path.join(COCHRANE, 'Fleiss1993.rm5'), 'latin1');
const CR = readFileSync(path.join(COCHRANE, 'Fleiss1993_CR.csv'), 'utf8');
const temp = () => mkdtempSync(path.join(tmpdir(), 'acu-import-controls-'));
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const ANY_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** The .rm5 with `insert` put just after NAME="AMIS (line 174), and the column it starts at. */
function amis(insert: string): { text: string; column: number } {
  const at = RM5.indexOf('NAME="AMIS"') + 'NAME="AMIS'.length;
  const lineStart = RM5.lastIndexOf('\n', at) + 1;
  expect(RM5.slice(0, at).split('\n').length).toBe(174);
  return { text: RM5.slice(0, at) + insert + RM5.slice(at), column: at - lineStart + 1 };
}

async function importFile(name: string, content: string | Uint8Array, encoding?: BufferEncoding) {
  const dir = temp();
  const file = path.join(dir, name);
  if (typeof content === 'string') writeFileSync(file, content, encoding ?? 'utf8');
  else writeFileSync(file, content);
  const into = path.join(dir, 'out');
  return { ...(await runCli(['import', file, '--into', into])), into };
}

function expectRefused(out: { code: number; stderr: string; into: string }, where: RegExp): void {
  expect(out.code, out.stderr).toBe(2);
  expect(out.stderr).toMatch(where);
  expect(out.stderr).not.toMatch(ANY_CONTROL);
  expect(out.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
  expect(existsSync(out.into)).toBe(false);
}

describe('import .rm5: character references to control characters are refused at file:line:column', () => {
  const cases: [string, RegExp][] = [
    ['&#27;', /control character U\+001B \(ESC\)/],
    ['&#x1b;', /control character U\+001B \(ESC\)/],
    ['&#X1B;', /control character U\+001B \(ESC\)/],
    ['&#0000027;', /control character U\+001B \(ESC\)/],
    ['&#7;', /control character U\+0007 \(BEL\)/],
    ['&#0;', /control character U\+0000 \(NUL\)/],
    ['&#127;', /control character U\+007F \(DEL\)/],
    ['&#x9b;', /control character U\+009B \(CSI\)/],
    ['&#128;', /control character U\+0080/],
    ['&#x9F;', /control character U\+009F/],
    ['&#xD800;', /lone surrogate \(U\+D800\)/],
    ['&#57343;', /lone surrogate \(U\+DFFF\)/],
    ['&#xFFFF;', /noncharacter/],
    ['&#x110000;', /not a Unicode character/],
    ['&#99999999999999999999;', /not a Unicode character/],
  ];
  it.each(cases)('%s', async (reference, message) => {
    const { text, column } = amis(`${reference}]0;PWNED`);
    const out = await importFile('evil.rm5', text, 'latin1');
    expectRefused(
      out,
      new RegExp(`evil\\.rm5:174:${column}: character reference ${reference.replace(/[#;]/g, '\\$&')} `),
    );
    expect(out.stderr).toMatch(message);
  });

  it('every reference is reported, each at its own line and column', async () => {
    const { text, column } = amis('&#27;&#7;');
    const both = text.replace('<GROUP_LABEL_1>Aspirin', '<GROUP_LABEL_1>&#x9b;Aspirin');
    const out = await importFile('evil.rm5', both, 'latin1');
    expectRefused(out, new RegExp(`evil\\.rm5:174:${column}: .*U\\+001B`));
    expect(out.stderr).toMatch(new RegExp(`evil\\.rm5:174:${column + 5}: .*U\\+0007`));
    expect(out.stderr).toMatch(/evil\.rm5:443:16: .*U\+009B/);
    expect(out.stderr).toMatch(/3 problems found/);
  });

  it('a raw control character (ESC, or byte 0x81, U+0081 in ISO-8859-1) is refused too', async () => {
    const esc = amis('\u001b[2J');
    expectRefused(
      await importFile('raw.rm5', esc.text, 'latin1'),
      new RegExp(`raw\\.rm5:174:${esc.column}: control character U\\+001B`),
    );
    const c1 = amis('\u0081');
    expectRefused(
      await importFile('raw.rm5', c1.text, 'latin1'),
      new RegExp(`raw\\.rm5:174:${c1.column}: control character U\\+0081`),
    );
  });

  it('printable references still decode (&#233; é, &#x4E2D; 中, &amp;)', async () => {
    const { text } = amis('&#233;&#x4E2D;&amp;');
    const out = await importFile('ok.rm5', text, 'latin1');
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(path.join(out.into, 'studies.csv'), 'utf8')).toContain(',AMISé中&,');
  });

  it('tab, line feed and carriage return (as references or raw) in a name become one space', async () => {
    const edited = RM5.replace(
      '<NAME>Aspirin for Preventing Death after Myocardial Infarction</NAME>',
      '<NAME>Aspirin &#10;# Heading&#9;for&#13;&#10;Preventing\n  Death</NAME>',
    );
    expect(edited).not.toBe(RM5);
    const { text } = { text: edited.replace('NAME="AMIS"', 'NAME="AM&#10;IS"') };
    const out = await importFile('lines.rm5', text, 'latin1');
    expect(out.code, out.stderr).toBe(0);
    const analyses = readFileSync(path.join(out.into, 'analyses.csv'), 'utf8');
    expect(analyses).toContain(',Aspirin # Heading for Preventing Death,');
    expect(readFileSync(path.join(out.into, 'studies.csv'), 'utf8')).toContain(',AM IS,');
    for (const file of readdirSync(out.into))
      expect(readFileSync(path.join(out.into, file), 'utf8')).not.toMatch(/\r|\t/);
  });
});

describe('import CSV forms: raw control characters are refused at file:line:column', () => {
  it('a RevMan "Data and analyses" CSV', async () => {
    const out = await importFile('esc.csv', CR.replace('Aspirin for', '\u001b]0;x\u0007Aspirin for'));
    expectRefused(out, /esc\.csv:3:7: control character U\+001B \(ESC\)/);
  });

  it('a RevMan CSV with C1 (U+009B) and NUL', async () => {
    const out = await importFile('c1.csv', CR.replace('Aspirin,Control', '\u009bAspirin,\u0000Control'));
    expectRefused(out, /c1\.csv:3:\d+: control character U\+009B \(CSI\)/);
    expect(out.stderr).toMatch(/c1\.csv:3:\d+: control character U\+0000 \(NUL\)/);
  });

  it('a quoted line break in a RevMan CSV name becomes one space', async () => {
    const out = await importFile(
      'nl.csv',
      CR.replace('Aspirin for Preventing', '"Aspirin\n# for\tPreventing').replace('Infarction,DIC', 'Infarction",DIC'),
    );
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(path.join(out.into, 'analyses.csv'), 'utf8')).toContain(',Aspirin # for Preventing Death');
  });

  it('a data package zip: the member is named in the error', async () => {
    const folder = path.join(COCHRANE, 'Fleiss1993-data-package');
    const files: Record<string, Uint8Array> = {};
    for (const sub of readdirSync(folder))
      for (const name of readdirSync(path.join(folder, sub))) {
        let text = readFileSync(path.join(folder, sub, name), 'utf8');
        if (name.endsWith('-data-rows.csv')) text = text.replace(',AMIS,', ',AMIS\u001b[31m,');
        files[`${sub}/${name}`] = strToU8(text);
      }
    const out = await importFile('evil.zip', zipSync(files));
    expectRefused(out, /evil\.zip\/.*-data-rows\.csv:2:\d+: control character U\+001B \(ESC\)/);
  });
});
