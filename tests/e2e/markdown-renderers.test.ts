/**
 * Evidence blocks as readers see them: the README, docs/ and a fixture rendered to HTML by real
 * Markdown renderers (markdown-it and micromark with GFM always; cmark-gfm, GitHub's own, and
 * pandoc where installed). No marker text may show, every paragraph must be the one the file has
 * without its markers (an inline block stays in its sentence), and every value must be there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { findBlocks } from '../../src/core/document/markers.js';
import { REPO, runCli } from '../helpers/run-cli.js';

const FILES = [
  'README.md',
  'data/README.md',
  ...readdirSync(path.join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'tests/fixtures/render/post.md',
];

function installed(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Renderer = (markdown: string) => string;

const markdownIt = new MarkdownIt({ html: true });
const RENDERERS: [string, Renderer, boolean][] = [
  ['markdown-it', (md) => markdownIt.render(md), true],
  [
    'micromark + GFM',
    (md) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
    true,
  ],
  [
    'cmark-gfm',
    (md) =>
      execFileSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], { input: md }).toString(),
    installed('cmark-gfm'),
  ],
  [
    'pandoc -f gfm',
    (md) => execFileSync('pandoc', ['-f', 'gfm', '-t', 'html'], { input: md }).toString(),
    installed('pandoc'),
  ],
  [
    'pandoc -f commonmark',
    (md) => execFileSync('pandoc', ['-f', 'commonmark', '-t', 'html'], { input: md }).toString(),
    installed('pandoc'),
  ],
];

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** HTML without comments and code, the way a reader sees it. */
function visible(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<pre[\s\S]*?<\/pre>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, '');
}

/** The text of every paragraph, list item, cell and heading, in order. */
function paragraphs(html: string): string[] {
  const out: string[] = [];
  for (const m of visible(html).matchAll(/<(p|li|td|th|h[1-6])\b[^>]*>([\s\S]*?)<\/\1>/g))
    out.push(
      decode((m[2] ?? '').replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    );
  return out;
}

/** The file with its markers taken out: a marker alone on its line goes with its line. */
function withoutMarkers(text: string): string {
  let out = '';
  let last = 0;
  for (const b of findBlocks(text).blocks) {
    const close = text.slice(b.end).match(/^<!--\s*\/acu-evidence\s*-->\r?\n?/)?.[0] ?? '';
    out += text.slice(last, b.openIndex) + b.content;
    last = b.end + (b.inline ? close.replace(/\r?\n$/, '') : close).length;
  }
  return out + text.slice(last);
}

describe('evidence blocks render invisibly', () => {
  it('the files are current (so the values checked below are the rendered ones)', async () => {
    const out = await runCli(['render', '--check', ...FILES]);
    expect(out.code).toBe(0);
  });

  // CommonMark 0.31 (markdown-it, micromark) accepts "--" in a comment; 0.29/0.30 (cmark-gfm) does not.
  it.skipIf(!installed('cmark-gfm'))('the checks below catch the old marker form (a control)', () => {
    const old = 'We saw <!-- acu-evidence value patients --where "review=x" -->12<!-- /acu-evidence --> patients.\n';
    const cmark = RENDERERS.find(([name]) => name === 'cmark-gfm')?.[1] ?? ((md: string) => md);
    expect(decode(visible(cmark(old)).replace(/<[^>]*>/g, ''))).toMatch(/acu-evidence value patients/);
  });

  it('the checks below catch a block that starts a line (a control)', () => {
    const split = 'We saw\n<!-- acu-evidence value patients where="review=x" -->12<!-- /acu-evidence -->\npatients.\n';
    expect(paragraphs(markdownIt.render(split))).not.toEqual(paragraphs(markdownIt.render(withoutMarkers(split))));
    const fixed = 'We saw <!-- acu-evidence value patients where="review=x" -->12<!-- /acu-evidence -->\npatients.\n';
    expect(paragraphs(markdownIt.render(fixed))).toEqual(['We saw 12 patients.']);
    expect(paragraphs(markdownIt.render(withoutMarkers(fixed)))).toEqual(['We saw 12 patients.']);
  });

  // The table of commands (a commands block) is a GFM table: the renderers with tables show it as one.
  for (const [name, renderer, available] of RENDERERS.filter(([n]) => n !== 'pandoc -f commonmark'))
    it.skipIf(!available)(`${name}: README's table of commands is a table, one row per command`, () => {
      const text = readFileSync(path.join(REPO, 'README.md'), 'utf8');
      const block = findBlocks(text).blocks.find((b) => b.command.trim() === 'commands');
      expect(block).toBeDefined();
      const lines = (block?.content ?? '').trim().split('\n');
      const html = renderer(block?.content ?? '');
      expect(html).toMatch(/<table>/);
      // The header row, then one per command: the same count as the Markdown rows.
      expect([...html.matchAll(/<tr\b/g)].length).toBe(lines.length - 1);
      expect(html).toMatch(/<td[^>]*><code>plot forest\|funnel\|summary<\/code><\/td>/);
      expect(html).toMatch(/<td[^>]*><code>value &lt;metric&gt;<\/code><\/td>/);
    });

  for (const [name, renderer, available] of RENDERERS)
    describe.skipIf(!available)(name, () => {
      for (const file of FILES)
        it(
          file,
          () => {
            const text = readFileSync(path.join(REPO, file), 'utf8');
            const { blocks } = findBlocks(text);
            expect(blocks.length).toBeGreaterThan(0);
            const html = renderer(text);
            const seen = decode(visible(html).replace(/<[^>]*>/g, ''));
            expect(seen).not.toMatch(/<!--|-->|\/acu-evidence/);
            expect(paragraphs(html)).toEqual(paragraphs(renderer(withoutMarkers(text))));
            const all = paragraphs(html).join('\n');
            for (const b of blocks.filter((b) => b.inline)) expect(all).toContain(b.content.trim());
          },
          120_000,
        );
    });
});
