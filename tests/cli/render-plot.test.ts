// Plots inside evidence blocks: render writes the picture beside the document and links it with alt
// text that states the pooled result; --check and --diff compare bytes and never write; a hostile
// image= path is refused (exit 2, file:line) with nothing written. Pooled numbers: metafor
// (tests/fixtures/metafor/reference.json, bcg_RR_REML).
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bcgFolder } from '../helpers/bcg.js';
import { runCli } from '../helpers/run-cli.js';
import { groups } from '../helpers/svg.js';

const reml = (
  JSON.parse(readFileSync(new URL('../fixtures/metafor/reference.json', import.meta.url), 'utf8')) as Record<
    string,
    Record<string, number>
  >
)['bcg_RR_REML'] as Record<string, number>;

// Each picture subsets the font (HarfBuzz in wasm): seconds on a loaded 2-core machine.
const SLOW = 120_000;
const BCG = bcgFolder();

const BLOCK = (image: string, data = 'data=data') =>
  `<!-- acu-evidence plot forest ${data} measure=RR method=REML better=lower image=${image} -->\n<!-- /acu-evidence -->\n`;

/** A document's folder with dat.bcg in data/, inside a root that also holds a folder outside it. */
async function setup(block: string): Promise<{ root: string; dir: string; file: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'acu-render-plot-'));
  const dir = path.join(root, 'doc');
  await mkdir(path.join(root, 'outside'), { recursive: true });
  await cp(BCG, path.join(dir, 'data'), { recursive: true });
  const file = path.join(dir, 'post.md');
  await writeFile(file, `# BCG\n\nThe trials:\n\n${block}`);
  return { root, dir, file };
}

async function listing(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}

describe('render: a forest plot in a block', { timeout: SLOW }, () => {
  it('writes the SVG and the image link; --check passes, then fails on a deleted image or changed data', async () => {
    const { root, dir, file } = await setup(BLOCK('img/bcg-forest.svg'));
    const out = await runCli(['render', file], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    const svg = await readFile(path.join(dir, 'img/bcg-forest.svg'), 'utf8');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(groups(svg, 'study')).toHaveLength(reml['k'] ?? NaN);
    const text = await readFile(file, 'utf8');
    const link = /!\[([^\n]*)\]\(img\/bcg-forest\.svg\)\n/.exec(text);
    expect(link, text).not.toBeNull();
    // The alt text states the pooled result: metafor's exp(estimate) and its CI, to 2 decimals.
    const alt = link?.[1] ?? '';
    for (const v of [reml['pred_bt'], reml['ci_lb_bt'], reml['ci_ub_bt']]) expect(alt).toContain((v ?? NaN).toFixed(2));
    expect(alt).toMatch(/pooled risk ratio/);
    expect(alt).not.toMatch(/(?<!\\)[[\]]|</);

    const check = await runCli(['render', '--check', file], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
    const before = await listing(root);

    await rm(path.join(dir, 'img/bcg-forest.svg'));
    for (const mode of [['--check'], ['--diff'], ['--check', '--diff']]) {
      const stale = await runCli(['render', ...mode, file], { cwd: dir });
      expect(stale.code, stale.stderr).toBe(mode.includes('--check') ? 1 : 0);
      expect(stale.stderr).toMatch(/post\.md:5: .*image img\/bcg-forest\.svg \(missing\)/);
    }
    expect(await listing(root)).toEqual(before.filter((f) => !f.endsWith('bcg-forest.svg')));
    expect(await readFile(file, 'utf8')).toBe(text);

    expect((await runCli(['render', file], { cwd: dir })).code).toBe(0);
    expect(await readFile(path.join(dir, 'img/bcg-forest.svg'), 'utf8')).toBe(svg);

    // The data change (the first trial loses one event in the treatment arm): the picture is stale.
    const csv = path.join(dir, 'data/outcomes.csv');
    const lines = (await readFile(csv, 'utf8')).split('\n');
    const header = (lines[0] ?? '').split(',');
    const col = header.indexOf('events_treatment');
    const cells = (lines[1] ?? '').split(',');
    cells[col] = String(Number(cells[col]) - 1);
    lines[1] = cells.join(',');
    await writeFile(csv, lines.join('\n'));
    const changed = await runCli(['render', '--check', file], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stderr).toMatch(/post\.md:5: stale/);
    expect(await readFile(path.join(dir, 'img/bcg-forest.svg'), 'utf8')).toBe(svg);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('writes a PNG when image= ends in .png', async () => {
    const { dir, file } = await setup(BLOCK('bcg.png'));
    const out = await runCli(['render', file], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    const png = await readFile(path.join(dir, 'bcg.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await readFile(file, 'utf8')).toMatch(/\]\(bcg\.png\)/);
    expect((await runCli(['render', '--check', file], { cwd: dir })).code).toBe(0);
  });
});

describe('render: hostile plot blocks', { timeout: SLOW }, () => {
  const cases: [string, string | ((dir: string, root: string) => Promise<string>), RegExp][] = [
    ['a path out with ..', '../x.svg', /may not hold "\.\."/],
    ['an absolute path', '/tmp/x.svg', /no absolute path/],
    ['another file type', 'a.exe', /\.svg or \.png/],
    ['the document itself', 'post.md', /\.svg or \.png/],
    [
      'a symlinked folder leading out',
      async (dir, root) => {
        await symlink(path.join(root, 'outside'), path.join(dir, 'img'));
        return 'img/x.svg';
      },
      /outside the document's folder/,
    ],
    [
      'a symlinked file naming the document',
      async (dir) => {
        await symlink(path.join(dir, 'post.md'), path.join(dir, 'post.svg'));
        return 'post.svg';
      },
      /names the document itself/,
    ],
    ['no image at all', '', /needs image=/],
  ];
  for (const [name, image, expected] of cases)
    it(`refuses ${name}`, async () => {
      const { root, dir, file } = await setup('');
      const given = typeof image === 'string' ? image : await image(dir, root);
      const block = given === '' ? BLOCK('x.svg').replace(' image=x.svg', '') : BLOCK(given);
      await writeFile(file, `# BCG\n\nThe trials:\n\n${block}`);
      const text = await readFile(file, 'utf8');
      const before = await listing(root);
      for (const mode of [[], ['--check'], ['--diff']]) {
        const out = await runCli(['render', ...mode, file], { cwd: dir });
        expect(out.code, out.stderr).toBe(2);
        expect(out.stderr).toMatch(/post\.md:5: /);
        expect(out.stderr).toMatch(expected);
      }
      expect(await listing(root)).toEqual(before);
      expect(await readFile(file, 'utf8')).toBe(text);
    });

  it('refuses output= and a bad plot name', async () => {
    for (const [block, expected] of [
      [BLOCK('x.svg').replace('image=', 'output='), /cannot write a file/],
      [BLOCK('x.svg').replace('plot forest', 'plot help'), /draws one of forest, funnel, summary/],
    ] as const) {
      const { root, dir, file } = await setup(block);
      const before = await listing(root);
      const out = await runCli(['render', file], { cwd: dir });
      expect(out.code, out.stderr).toBe(2);
      expect(out.stderr).toMatch(expected);
      expect(await listing(root)).toEqual(before);
    }
  });
});
