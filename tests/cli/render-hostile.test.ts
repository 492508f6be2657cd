/**
 * Hostile documents: `render`, `render --check` and `render --diff` run on documents written by
 * anyone (CI on pull requests). Nothing may be written, nothing may hang, no file content echoed.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const MINI = path.join(REPO, 'tests/fixtures/mini');
const SECRET = 'hunter2-secret';

/** A folder holding the document's folder (with the mini data) and a sibling outside it. */
async function setup(): Promise<{ root: string; dir: string; outside: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'acu-hostile-'));
  const dir = path.join(root, 'doc');
  const outside = path.join(root, 'outside');
  await mkdir(outside);
  await cp(MINI, path.join(dir, 'data'), { recursive: true });
  await writeFile(path.join(outside, 'studies.csv'), await readFile(path.join(MINI, 'studies.csv')));
  await writeFile(path.join(outside, 'secret.csv'), `${SECRET},x\n`);
  return { root, dir, outside };
}

async function listing(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}

/** Runs the block under render, --check and --diff: each exits 2 with file:line, nothing changes. */
async function refused(marker: string, expected: RegExp | string): Promise<void> {
  const { root, dir } = await setup();
  const file = path.join(dir, 'post.md');
  const text = `# Post\n\n${marker}\nold\n<!-- /acu-evidence -->\n`;
  await writeFile(file, text);
  const before = await listing(root);
  for (const mode of [[], ['--check'], ['--diff'], ['--check', '--diff'], ['--upgrade']]) {
    const out = await runCli(['render', ...mode, file], { cwd: dir });
    expect(out.code, `${marker} ${mode.join(' ')}: ${out.stderr}`).toBe(2);
    expect(out.stderr).toContain(`${file}:3: `);
    if (typeof expected === 'string') expect(out.stderr).toContain(expected);
    else expect(out.stderr).toMatch(expected);
    expect(out.stderr).not.toContain(SECRET);
    expect(out.stderr).not.toContain('root:x:');
    expect(out.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await listing(root)).toEqual(before);
  }
}

const OUTPUT_SPELLINGS = [
  '-o side.csv',
  '-oside.csv',
  '-qo side.csv',
  '-qoside.csv',
  '--output side.csv',
  '--output=side.csv',
  '--outp side.csv',
  '--out=side.csv',
  '-fmarkdown -o side.csv',
  '-d data -o side.csv',
];

describe('a block cannot write a file, however the option is spelled', () => {
  for (const spelling of OUTPUT_SPELLINGS)
    it(`studies ${spelling}`, async () => {
      await refused(`<!-- acu-evidence studies ${spelling} -->`, /cannot write a file|takes no option/);
    });
  for (const spelling of ['output=side.csv', 'o=side.csv', 'outp=side.csv', 'output'])
    it(`studies ${spelling} (this form)`, async () => {
      await refused(
        `<!-- acu-evidence studies ${spelling} -->`,
        /cannot write a file|takes no option|takes no argument/,
      );
    });
  it('value with a flag in the place of its metric', async () => {
    await refused('<!-- acu-evidence value -oside.csv -->', /cannot write a file/);
    await refused('<!-- acu-evidence value patients -- --output=side.csv -->', 'cannot use "--"');
  });
});

describe('a block runs only the commands that print', () => {
  for (const command of ['render post.md', 'render --check post.md', 'validate', 'nonsense', 'schema -o x'])
    it(command, async () => {
      await refused(`<!-- acu-evidence ${command} -->`, /cannot run render|unknown block command|cannot write a file/);
    });
  it('refuses options of other commands and output switches', async () => {
    await refused('<!-- acu-evidence studies by-study -->', 'takes no argument');
    await refused('<!-- acu-evidence studies quiet -->', 'takes no argument');
    await refused('<!-- acu-evidence studies --no-color -->', 'takes no option "no-color"');
    await refused('<!-- acu-evidence studies data=- -->', 'cannot read stdin');
  });
});

describe('a commands block takes nothing that could reach a path or run a command', () => {
  for (const options of [
    'data=../outside',
    'data=/etc',
    'data=-',
    '--data ../outside',
    '-d ../outside',
    'image=../outside/x.svg',
    'image=x.svg',
    'output=side.csv',
    '-o side.csv',
    'format=json',
    'where="study_id=x"',
    '../outside/secret.csv',
    'render post.md',
  ])
    it(`commands ${options}`, async () => {
      await refused(
        `<!-- acu-evidence commands ${options} -->`,
        /takes no option|takes no argument|cannot write a file|cannot read stdin|cannot use "--"/,
      );
    });
  it('an inline commands block is refused (its table would leave the sentence)', async () => {
    const { root, dir } = await setup();
    const file = path.join(dir, 'post.md');
    const text = 'We have <!-- acu-evidence commands -->old<!-- /acu-evidence --> commands.\n';
    await writeFile(file, text);
    const before = await listing(root);
    const out = await runCli(['render', file], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}:1: a "commands" block is a table`);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await listing(root)).toEqual(before);
  });
});

describe("a block reads only inside its document's folder tree", () => {
  it('refuses .., absolute paths and links that lead outside', async () => {
    await refused('<!-- acu-evidence studies data=../outside -->', "outside the document's folder");
    await refused('<!-- acu-evidence studies data=../outside/studies.csv -->', "outside the document's folder");
    await refused('<!-- acu-evidence studies data=data/../../outside -->', "outside the document's folder");
    await refused('<!-- acu-evidence studies data=/etc/passwd -->', "outside the document's folder");
    await refused('<!-- acu-evidence studies data=/proc/self/environ -->', /outside the document.s folder|no such/);
    await refused('<!-- acu-evidence studies --data /etc/passwd -->', "outside the document's folder");
  });

  it('follows symbolic links before deciding', async () => {
    const { root, dir, outside } = await setup();
    await symlink(path.join(outside, 'secret.csv'), path.join(dir, 'linked.csv'));
    await mkdir(path.join(dir, 'folder'));
    await symlink(path.join(outside, 'secret.csv'), path.join(dir, 'folder', 'x.csv'));
    for (const data of ['linked.csv', 'folder']) {
      const file = path.join(dir, 'post.md');
      await writeFile(file, `Hi <!-- acu-evidence studies data=${data} --><!-- /acu-evidence -->\n`);
      const out = await runCli(['render', '--check', file]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/outside the document.s folder|links outside/);
      expect(out.stderr).not.toContain(SECRET);
    }
    expect(existsSync(path.join(root, 'doc', 'side.csv'))).toBe(false);
  });

  it('reads .csv files only, and never echoes a file that is not a data file', async () => {
    const { dir } = await setup();
    await writeFile(path.join(dir, '.env'), `TOKEN=${SECRET}\n`);
    await writeFile(path.join(dir, 'notes.csv'), `TOKEN=${SECRET},x\n`);
    const file = path.join(dir, 'post.md');
    for (const data of ['.env', 'notes.csv']) {
      await writeFile(file, `Hi <!-- acu-evidence studies data=${data} --><!-- /acu-evidence -->\n`);
      const out = await runCli(['render', '--check', file]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/\.csv files only|matches no table/);
      expect(out.stderr).not.toContain(SECRET);
    }
  });

  it('refuses a FIFO before opening it (no hang), as data or as the document', async () => {
    const { dir } = await setup();
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
      await mkdir(path.join(dir, 'piped'));
      execFileSync('mkfifo', [path.join(dir, 'piped', 'studies.csv')]);
      execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    } catch {
      return; // no mkfifo on this system
    }
    const file = path.join(dir, 'post.md');
    for (const data of ['pipe.csv', 'piped']) {
      await writeFile(file, `Hi <!-- acu-evidence studies data=${data} --><!-- /acu-evidence -->\n`);
      const out = await runCli(['render', '--check', file]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('not a regular file');
    }
    const doc = await runCli(['render', '--check', path.join(dir, 'pipe.md')]);
    expect(doc.code).toBe(2);
    expect(doc.stderr).toContain('not a regular file');
  });
});

describe('data cannot inject markup or blocks', () => {
  it('escapes HTML and markers in cells, drops unsafe links, and the next --check runs no new block', async () => {
    const { dir } = await setup();
    const hostile = [
      'study_id,short_name,year,condition,design,n_randomised,source,note',
      `evil-2020,"<!-- /acu-evidence --><!-- acu-evidence studies data=/etc -->",2020,low-back-pain,rct,10,"<script>alert(1)</script>","[click](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://example.org) ![t](https://example.org/t.png)"`,
    ].join('\n');
    await writeFile(path.join(dir, 'data', 'studies.csv'), `${hostile}\n`);
    await writeFile(path.join(dir, 'data', 'review-studies.csv'), 'review_id,study_id,inclusion,source\n');
    const file = path.join(dir, 'post.md');
    await writeFile(
      file,
      '<!-- acu-evidence studies data=data columns=study_id,short_name,source,note -->\n<!-- /acu-evidence -->\n',
    );
    const out = await runCli(['render', file]);
    expect(out.stderr).toContain('updated');
    expect(out.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text.match(/<!--/g)).toHaveLength(2);
    expect(text).not.toMatch(/<script|<img|javascript:/);
    expect(text).toContain('&lt;!-- /acu-evidence --&gt;');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('click');
    expect(text).toContain('[ok](https://example.org)');
    expect(text).not.toContain('![t]');
    const again = await runCli(['render', '--check', file]);
    expect(again.stderr).toBe('1 file up to date.\n');
    expect(again.code).toBe(0);
  });

  it('refuses csv or json output that would hold a marker', async () => {
    const { dir } = await setup();
    await writeFile(
      path.join(dir, 'data', 'studies.csv'),
      'study_id,short_name,year,condition,design,n_randomised,source\nevil-2020,<!-- /acu-evidence -->,2020,low-back-pain,rct,10,x\n',
    );
    await writeFile(path.join(dir, 'data', 'review-studies.csv'), 'review_id,study_id,inclusion,source\n');
    const file = path.join(dir, 'post.md');
    const text = '<!-- acu-evidence studies data=data format=csv -->\n<!-- /acu-evidence -->\n';
    await writeFile(file, text);
    const out = await runCli(['render', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('holds an evidence marker');
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
