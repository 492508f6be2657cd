import { cp, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const MINI = path.join(REPO, 'tests/fixtures/mini');

/** A document in a fresh folder, with the mini fixtures copied to its data/ subfolder. */
async function doc(content: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acu-render-'));
  await cp(MINI, path.join(dir, 'data'), { recursive: true });
  const file = path.join(dir, 'post.md');
  await writeFile(file, content);
  return { dir, file };
}

const POST = [
  '# Post',
  '',
  '<!-- acu-evidence studies data=data columns=study_id,year where="condition=low-back-pain" -->',
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
    expect(first.stderr).toBe(`updated ${file} (1 block)\n`);
    expect(first.code).toBe(0);
    const rendered = await readFile(file, 'utf8');
    expect(rendered).toContain(
      '-->\r\n| study_id   | year |\r\n| ---------- | ---: |\r\n| alpha-2001 | 2001 |\r\n| beta-2005  | 2005 |\r\n\r\n- Note: 2 of 4 studies match.\r\n<!-- /acu-evidence -->',
    );
    expect(rendered).toContain('<!-- acu-evidence not a block -->');
    const before = await stat(file);
    const second = await runCli(['render', file]);
    expect(second.stderr).toBe('1 file up to date.\n');
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file, 'utf8')).toBe(rendered);
  });

  it('resolves data= from the document, whatever the working directory', async () => {
    const { dir, file } = await doc(POST);
    for (const cwd of ['/', dir, path.join(dir, 'data')]) {
      const out = await runCli(['render', '--check', file], { cwd });
      expect(out.stderr).toContain(`${file}:3: stale block`);
      expect(out.code).toBe(1);
    }
    await mkdir(path.join(dir, 'sub'));
    const other = await runCli(['render', path.relative(REPO, file)]);
    expect(other.code).toBe(0);
  });

  it('--check exits 0 when fresh and 1 with file:line and old → new when stale, writing nothing', async () => {
    const { file } = await doc(POST);
    const stale = await runCli(['render', '--check', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      new RegExp(
        `^${file}:3: stale block "acu-evidence studies .*": line 4: \\(empty\\) → \\| study_id   \\| year \\|`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe(POST);
    await runCli(['render', file]);
    expect((await runCli(['render', '--check', file])).code).toBe(0);
  });

  it('--check names the old and the new value after the data changes', async () => {
    const { dir, file } = await doc('');
    await writeFile(path.join(dir, 'studies.csv'), 'study_id,n_randomised\na,100\nb,50\n');
    await writeFile(
      file,
      `Total: <!-- acu-evidence value patients data=studies.csv --><!-- /acu-evidence --> patients.\n`,
    );
    expect((await runCli(['render', file])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('-->150<!--');
    expect((await runCli(['render', '--check', file])).code).toBe(0);
    await writeFile(path.join(dir, 'studies.csv'), 'study_id,n_randomised\na,100\nb,60\n');
    const stale = await runCli(['render', '--check', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      `${file}:1: stale block "acu-evidence value patients data=studies.csv": 150 → 160\n`,
    );
  });

  it('--diff writes nothing and exits 0; with --check it exits 1 on a stale file', async () => {
    const { file } = await doc(POST);
    const diff = await runCli(['render', '--diff', file]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('+| alpha-2001 | 2001 |');
    const both = await runCli(['render', '--check', '--diff', file]);
    expect(both.code).toBe(1);
    expect(both.stdout).toBe(diff.stdout);
    expect(await readFile(file, 'utf8')).toBe(POST);
    await runCli(['render', file]);
    expect((await runCli(['render', '--check', '--diff', file])).code).toBe(0);
  });

  it('leaves a file with a failing block byte for byte as it was', async () => {
    const broken = POST.replace('-->\r\n<!-- /acu-evidence -->', '-->\r\nold\r\n<!-- /acu-evidence -->').concat(
      '<!-- acu-evidence studies where="yera>=2000" -->\r\nkeep me\r\n<!-- /acu-evidence -->\r\n',
    );
    const { dir, file } = await doc(broken);
    const { code, stderr } = await runCli(['render', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^${file}:10: block "acu-evidence studies where=\\"yera>=2000\\"" failed: error: unknown field "yera"`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect((await readdir(dir)).sort()).toEqual(['data', 'post.md']);
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

describe('render: the old marker form', () => {
  const OLD = [
    'We counted',
    '<!-- acu-evidence value patients --data data -w "review=rev-a" --><!-- /acu-evidence -->',
    'patients.',
    '',
    '<!-- acu-evidence studies -d data --columns=study_id,year --where "condition=low-back-pain" -->',
    '<!-- /acu-evidence -->',
    '',
  ].join('\n');

  it('is still read, with a warning naming the line', async () => {
    const { file } = await doc(OLD);
    const out = await runCli(['render', file]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`${file}:2: warning: old marker form`);
    expect(out.stderr).toContain(`${file}:5: warning: old marker form`);
    expect(out.stderr).toContain(`${file}:2: warning: an inline block that starts a line`);
    expect(await readFile(file, 'utf8')).toContain('| alpha-2001 | 2001 |');
    expect((await runCli(['render', '--strict', '--check', file])).code).toBe(1);
  });

  it('render --upgrade rewrites it to key=value and moves an inline block into its line', async () => {
    const { file } = await doc(OLD);
    const out = await runCli(['render', '--upgrade', file]);
    expect(out.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'We counted <!-- acu-evidence value patients data=data where="review=rev-a" -->350<!-- /acu-evidence -->',
      'patients.',
      '',
      '<!-- acu-evidence studies data=data columns=study_id,year where="condition=low-back-pain" -->',
    ]);
    const again = await runCli(['render', '--strict', '--check', file]);
    expect(again.stderr).toBe('1 file up to date.\n');
    expect(again.code).toBe(0);
  });
});

describe('render: caveats travel with the number', () => {
  it('writes a meta block’s warnings under its table, prints them as file:line: warning, and --strict fails', async () => {
    const { file } = await doc(
      'Pooled:\n\n<!-- acu-evidence meta where="comparison=acupuncture vs sham" measure=RR -->\n<!-- /acu-evidence -->\n',
    );
    const out = await runCli(['render', file]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(new RegExp(`^${file}:3: warning: the rows measure \\d+ different outcomes`, 'm'));
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/\n\n(- Warning: [^\n]*\n)*- Warning: the rows measure \d+ different outcomes[^\n]*\n/);
    expect(text).toMatch(/\n- Note: left out \d+ rows that cannot enter[^\n]*\n<!-- \/acu-evidence -->/);
    const strict = await runCli(['render', '--strict', file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/warnings? \(render --strict\)\n$/);
  });

  it('says in a meta block what it compares and pools, which side favours acupuncture only when told, no jargon', async () => {
    const block = (extra: string, where: string, measure: string): string =>
      `Pooled:\n\n<!-- acu-evidence meta ${where} measure=${measure}${extra} -->\n<!-- /acu-evidence -->\n`;
    // data/outcomes.csv: haake-2007 (response at 6 months) and elden-2008 (in regular work), both vs sham.
    const sham = 'where="comparison=acupuncture vs sham" where="timepoint=6 months,after treatment (8 weeks)"';
    const { file } = await doc(block(' better=higher', sham, 'RD'));
    expect((await runCli(['render', file])).code).toBe(0);
    let text = await readFile(file, 'utf8');
    expect(text).toContain('\nComparison: acupuncture vs sham.  \n');
    expect(text).toMatch(
      /\nOutcome: 2 different outcomes mixed \(response \(&gt;=33% improvement[^\n]*; in regular work\)\. {2}\n/,
    );
    expect(text).toContain('\nDirection: a difference above 0 favours acupuncture (higher values are better).  \n');
    expect(text).not.toMatch(/analysis scale|Q-profile|Wald/);
    await writeFile(file, block('', sham, 'RD'));
    expect((await runCli(['render', file])).code).toBe(0);
    text = await readFile(file, 'utf8');
    expect(text).toContain('Direction: the data does not say whether a higher value is better');
    // data/adverse-events.csv: serious events are single proportions, with no control arm.
    await writeFile(file, block('', 'where="serious=yes"', 'PLO'));
    expect((await runCli(['render', file])).code).toBe(0);
    text = await readFile(file, 'utf8');
    expect(text).toMatch(/\nEvent: [^\n]*serious adverse events/);
    expect(text).toContain('Direction: one proportion per study');
    expect(text).not.toContain('Comparison:');
  });

  it('puts an inline value’s warning after it in brackets, unless note=none', async () => {
    const line = (extra: string): string =>
      `Rate: <!-- acu-evidence value ae-rate${extra} --><!-- /acu-evidence -->.\n`;
    const { file } = await doc(line(''));
    expect((await runCli(['render', file])).code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/-->\d+(\.\d)?% \(.*control arms.*\)<!-- \/acu-evidence -->/);
    await writeFile(file, line(' note=none'));
    expect((await runCli(['render', file])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/-->\d+(\.\d)?%<!-- \/acu-evidence -->/);
  });
});
