import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeInvisible, renderJson } from '../../src/render/json.js';
import { renderTable } from '../../src/render/table.js';
import { defuse } from '../../src/render/csv.js';
import { PLAIN } from '../../src/render/report.js';
import { visible } from '../../src/core/text/controls.js';
import { runCli } from '../helpers/run-cli.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'acu-output-'));
const FORMULAS = ['=HYPERLINK("http://x","y")', '+cmd|calc!A0', '-2+3', '@SUM(A1:A9)', '\tlead', '=1+1'];

describe('CSV output neutralises formula injection (OWASP: a leading apostrophe)', () => {
  const file = path.join(DIR, 'studies.csv');
  const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
  writeFileSync(
    file,
    `study_id,short_name,year,source\n${FORMULAS.map((f, i) => `s${i},${quote(f)},${2000 + i},invented`).join('\n')}\n`,
  );

  it('text cells starting with = + - @ or tab get a leading quote; numbers do not', async () => {
    const out = await runCli(['studies', '--data', file, '--format', 'csv', '--columns', 'study_id,short_name,year']);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n').slice(1);
    expect(lines).toEqual([
      `s0,"'=HYPERLINK(""http://x"",""y"")",2000`,
      `s1,'+cmd|calc!A0,2001`,
      `s2,'-2+3,2002`,
      `s3,'@SUM(A1:A9),2003`,
      `s4,lead,2004`, // the loader trims cells: the tab is gone before output
      `s5,'=1+1,2005`,
    ]);
  });

  it('defuse: a leading tab or CR too; numbers and ordinary text untouched', () => {
    expect(defuse('\tx', '\tx')).toBe("'\tx");
    expect(defuse('\rx', '\rx')).toBe("'\rx");
    expect(defuse(-2, '-2')).toBe('-2');
    expect(defuse('alpha', 'alpha')).toBe('alpha');
  });

  it('meta --format csv defuses labels too, and keeps negative numbers', async () => {
    const arms = path.join(DIR, 'arms.csv');
    writeFileSync(arms, 'study_id,events_treatment,n_treatment,events_control,n_control\n=a,1,20,9,20\n@b,3,30,8,30\n');
    const out = await runCli(['meta', '--data', arms, '--measure', 'OR', '--format', 'csv']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^'=a,'=a,-\d/m);
    expect(out.stdout).toMatch(/^'@b,'@b,-\d/m);
  });
});

describe('terminal text shows control characters as escapes', () => {
  it('visible() escapes ESC, BEL, BS, CR and C1 but keeps tab and line feed', () => {
    expect(visible('a\u001b[2Jb\u0007\b\r\u009b\tc\nd')).toBe('a\\x1b[2Jb\\x07\\x08\\r\\x9b\tc\nd');
  });

  it('a table cell cannot clear the screen', () => {
    const text = renderTable(
      {
        command: 'x',
        filters: [],
        columns: [{ key: 'name', kind: 'text' }],
        rows: [{ name: 'evil\u001b[2J\u001b[H\u009b31m' }],
        notes: [],
        json: null,
      },
      PLAIN,
    );
    // eslint-disable-next-line no-control-regex -- no escape character may reach the terminal
    expect(text).not.toMatch(/[\u001b\u009b]/);
    expect(text).toContain('evil\\x1b[2J\\x1b[H\\x9b31m');
  });

  it('an error message naming a file with ESC in its name shows the escape', async () => {
    const out = await runCli(['validate', '--data', 'no\u001b[2Jfile.csv']);
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('\u001b');
    expect(out.stderr).toContain('no\\x1b[2Jfile.csv: no such file or folder');
  });
});

describe('JSON escapes DEL, C1 and line separators and stays equal', () => {
  it('escapeInvisible', () => {
    const value = { s: 'a\u0085b\u009bc\u007fd\u2028e' };
    const json = renderJson({ command: 'x', filters: [], columns: [], rows: [], notes: [], json: value });
    expect(json).not.toMatch(/[\u007f-\u009f\u2028]/);
    expect(json).toContain('a\\u0085b\\u009bc\\u007fd\\u2028e');
    expect((JSON.parse(json) as { result: unknown }).result).toEqual(value);
    expect(escapeInvisible('"\u0080"')).toBe('"\\u0080"');
  });
});

describe('meta as Markdown keeps study labels as text', () => {
  const file = path.join(DIR, 'markup.csv');
  writeFileSync(
    file,
    'study_id,outcome,n_treatment,mean_treatment,sd_treatment,n_control,mean_control,sd_control\n' +
      '<img src=x onerror=alert(1)>,pain,10,1,1,10,2,1\n' +
      '[l](javascript:x),pain,10,1,1,10,2,1\n' +
      'a|b,pain,12,1,1,10,2.5,1\n',
  );

  it('HTML is escaped, a javascript: link keeps only its text, a pipe cannot split the row', async () => {
    const out = await runCli(['meta', '--data', file, '--measure', 'MD', '--format', 'markdown']);
    expect(out.code, out.stderr).toBe(0);
    const rows = out.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows.slice(1, 4).map((r) => r.split(' | ')[0])).toEqual([
      '| &lt;img src=x onerror=alert(1)&gt;',
      '| l',
      '| a\\|b',
    ]);
    expect(out.stdout).not.toMatch(/<img|javascript:/);
  });
});
