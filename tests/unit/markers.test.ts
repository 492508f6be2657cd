import { describe, expect, it } from 'vitest';
import { findBlocks, spliceBlocks, tokenize } from '../../src/core/document/markers.js';

describe('tokenize', () => {
  it('splits like a shell', () => {
    expect(tokenize(`studies --where "condition=low-back-pain" -w 'comparison=acupuncture vs sham' a\\ b`)).toEqual([
      'studies',
      '--where',
      'condition=low-back-pain',
      '-w',
      'comparison=acupuncture vs sham',
      'a b',
    ]);
    expect(tokenize('value x --where "a=\\"q\\""')).toEqual(['value', 'x', '--where', 'a="q"']);
  });
});

describe('findBlocks and spliceBlocks', () => {
  const doc = [
    '# Title',
    '<!-- acu-evidence studies --format markdown -->',
    'old table',
    '<!-- /acu-evidence -->',
    'We saw <!-- acu-evidence value patients -->12<!-- /acu-evidence --> patients.',
    '```md',
    '<!-- acu-evidence ignored -->',
    '```',
    '',
  ].join('\n');

  it('finds block and inline markers, not those in code fences', () => {
    const { blocks, problems } = findBlocks(doc);
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.line, b.inline, b.argv, b.content])).toEqual([
      [2, false, ['studies', '--format', 'markdown'], 'old table\n'],
      [5, true, ['value', 'patients'], '12'],
    ]);
  });

  it('splices new content and keeps everything else byte for byte', () => {
    const { blocks } = findBlocks(doc);
    const out = spliceBlocks(doc, blocks, ['| new |\n', '1,234\n']);
    expect(out).toBe(doc.replace('old table\n', '| new |\n').replace('-->12<', '-->1,234<'));
    expect(
      spliceBlocks(
        doc,
        blocks,
        blocks.map((b) => b.content),
      ),
    ).toBe(doc);
  });

  it('keeps CRLF line ends', () => {
    const crlf = doc.replace(/\n/g, '\r\n');
    const { blocks } = findBlocks(crlf);
    expect(blocks[0]?.content).toBe('old table\r\n');
    expect(spliceBlocks(crlf, blocks, ['a\nb\n', '7'])).toContain('-->\r\na\r\nb\r\n<!-- /acu-evidence -->');
  });

  it('reports unclosed, nested and stray markers with their lines', () => {
    expect(findBlocks('<!-- acu-evidence a -->\ntext\n').problems).toEqual([
      { line: 1, message: expect.stringContaining('never closed') as unknown },
    ]);
    expect(
      findBlocks('<!-- acu-evidence a -->\n<!-- acu-evidence b -->\n<!-- /acu-evidence -->\n').problems[0]?.line,
    ).toBe(2);
    expect(findBlocks('x\n<!-- /acu-evidence -->\n').problems).toEqual([
      { line: 2, message: expect.stringContaining('without an opening') as unknown },
    ]);
  });
});
