import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const MINI = path.join(REPO, 'tests/fixtures/mini');

async function doc(content: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acu-render-'));
  const file = path.join(dir, 'post.md');
  await writeFile(file, content);
  return { dir, file };
}

const POST = [
  '# Post',
  '',
  `<!-- acu-evidence studies --data ${MINI} --columns study_id,year --where "condition=low-back-pain" -->`,
  '<!-- /acu-evidence -->',
  '',
  '```md',
  '<!-- acu-evidence not a block -->',
  '```',
  '',
].join('\r\n');

describe('render', () => {
  it('fills blocks, keeps CRLF, and changes nothing the second time', async () => {
    const { file } = await doc(POST);
    const first = await runCli(['render', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(`updated ${file} (1 block)\n`);
    const rendered = await readFile(file, 'utf8');
    expect(rendered).toContain(
      '-->\r\n| study_id   | year |\r\n| ---------- | ---: |\r\n| alpha-2001 | 2001 |\r\n| beta-2005  | 2005 |\r\n<!-- /acu-evidence -->',
    );
    expect(rendered).toContain('<!-- acu-evidence not a block -->');
    const before = await stat(file);
    const second = await runCli(['render', file]);
    expect(second.stderr).toBe('1 file up to date.\n');
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file, 'utf8')).toBe(rendered);
  });

  it('--check exits 0 when fresh and 1 with file:line when stale, writing nothing', async () => {
    const { file } = await doc(POST);
    const stale = await runCli(['render', '--check', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(new RegExp(`^${file}:3: stale evidence block`));
    expect(await readFile(file, 'utf8')).toBe(POST);
    await runCli(['render', file]);
    expect((await runCli(['render', '--check', file])).code).toBe(0);
  });

  it('--check exits 1 after the data changes', async () => {
    const { dir, file } = await doc('');
    const data = path.join(dir, 'studies.csv');
    await writeFile(data, 'study_id,n_randomised\na,100\nb,50\n');
    await writeFile(
      file,
      `Total: <!-- acu-evidence value patients --data ${data} --><!-- /acu-evidence --> patients.\n`,
    );
    expect((await runCli(['render', file])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('-->150<!--');
    expect((await runCli(['render', '--check', file])).code).toBe(0);
    await writeFile(data, 'study_id,n_randomised\na,100\nb,60\n');
    const stale = await runCli(['render', '--check', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${file}:1: stale evidence block`);
  });

  it('leaves a file with a failing block byte for byte as it was', async () => {
    const broken = POST.replace('-->\r\n<!-- /acu-evidence -->', '-->\r\nold\r\n<!-- /acu-evidence -->').concat(
      '<!-- acu-evidence studies --where "yera>=2000" -->\r\nkeep me\r\n<!-- /acu-evidence -->\r\n',
    );
    const { dir, file } = await doc(broken);
    const { code, stderr } = await runCli(['render', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^${file}:10: block "acu-evidence studies --where \\"yera>=2000\\"" failed: error: unknown field "yera"`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(await readdir(dir)).toEqual(['post.md']);
  });

  it('reports unclosed and nested markers with their line', async () => {
    const { file } = await doc(
      'a\n<!-- acu-evidence studies -->\n<!-- acu-evidence studies -->\n<!-- /acu-evidence -->\n',
    );
    const { code, stderr } = await runCli(['render', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:3: evidence block opened inside the block opened at line 2`);
  });

  it('keeps the codebook in data/README.md in step with the schema', async () => {
    const { code, stderr } = await runCli(['render', '--check', 'data/README.md']);
    expect(stderr).toBe('1 file up to date.\n');
    expect(code).toBe(0);
  });
});
