import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BLOCK_COMMANDS, formatMarker, parseMarker, specArgv } from '../../src/core/document/blocks.js';
import { findBlocks } from '../../src/core/document/markers.js';
import { escapeMarkdownText } from '../../src/render/markdown.js';
import { run } from '../../src/cli.js';
import type { Io } from '../../src/io/io.js';
import MarkdownIt from 'markdown-it';

describe('parseMarker', () => {
  it('reads the key=value form', () => {
    const parsed = parseMarker('value patients where="review=vickers-2018" where=year>2000 vs=sham note=none');
    expect(parsed).toEqual({
      ok: true,
      legacy: false,
      spec: {
        command: 'value',
        args: ['patients'],
        options: [
          { name: 'where', value: 'review=vickers-2018' },
          { name: 'where', value: 'year>2000' },
          { name: 'vs', value: 'sham' },
        ],
        note: 'none',
      },
    });
  });

  it('reads the old form, bundled short flags and = forms, and says it is old', () => {
    const parsed = parseMarker('studies -w "a=b" --where=c=d -fmarkdown -d x y --by-study');
    expect(parsed.ok).toBe(false);
    const ok = parseMarker('outcomes -w "a=b" --where=c=d -fmarkdown -d x y --by-study');
    expect(ok).toMatchObject({ ok: true, legacy: true });
    if (ok.ok)
      expect(specArgv(ok.spec)).toEqual([
        'outcomes',
        '--where=a=b',
        '--where=c=d',
        '--format=markdown',
        '--data=x',
        '--data=y',
        '--by-study',
      ]);
  });

  it('builds argv from canonical names only, arguments after "--"', () => {
    const ok = parseMarker('value patients where=-o');
    expect(ok.ok && specArgv(ok.spec)).toEqual(['value', '--where=-o', '--', 'patients']);
  });

  it('refuses what a block may not say, with a reason', () => {
    for (const [text, reason] of [
      ['render post.md', 'cannot run render'],
      ['studies -qoside.csv', 'takes no option "quiet"'],
      ['studies -oside.csv', 'cannot write a file'],
      ['studies output=x', 'cannot write a file'],
      ['studies format', 'needs a value'],
      ['outcomes by-study=yes', 'is a switch'],
      ['studies data=-', 'cannot read stdin'],
      ['value', 'needs 1 argument'],
      ['value a b', 'at most 1 argument'],
      ['studies group-by=a group-by=b', 'given twice'],
      ['studies note=footnote', 'note= takes'],
      ['studies note=suffix note=none', 'given twice'],
      ['eval', 'unknown block command'],
      ['', 'names no command'],
    ] as const) {
      const parsed = parseMarker(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.message, text).toContain(reason);
    }
  });

  it('writes markers without "--" that read back the same', () => {
    const text = 'meta where="comparison=acupuncture vs sham" where="timepoint=6 months" measure=RD leave-one-out';
    const parsed = parseMarker(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const marker = formatMarker(parsed.spec) ?? '';
    expect(marker).toBe(`<!-- acu-evidence ${text} -->`);
    expect(formatMarker({ ...parsed.spec, options: [{ name: 'where', value: 'event~a--b' }] })).toBeUndefined();
  });

  test.prop([
    fc.array(
      fc.string({ maxLength: 12 }).filter((s) => !s.includes('--')),
      { maxLength: 4 },
    ),
  ])('any where= values survive format → parse', (values) => {
    const spec = {
      command: 'studies',
      args: [],
      options: values.map((value) => ({ name: 'where', value })),
      note: 'suffix' as const,
    };
    const marker = formatMarker(spec);
    if (marker === undefined) return;
    const body = marker.slice('<!-- acu-evidence '.length, -' -->'.length);
    expect(marker.slice(4, -3)).not.toContain('--');
    expect(parseMarker(body)).toEqual({ ok: true, legacy: false, spec });
  });
});

describe('a commands block', () => {
  it('takes no option and no argument: nothing in it can name a path, a file to write or a command', () => {
    expect(parseMarker('commands')).toEqual({
      ok: true,
      legacy: false,
      spec: { command: 'commands', args: [], options: [], note: 'suffix' },
    });
    for (const [body, refusal] of [
      ['commands data=..', 'takes no option "data"'],
      ['commands data=-', 'takes no option "data"'],
      ['commands image=x.svg', 'takes no option "image"'],
      ['commands output=x.md', 'cannot write a file'],
      ['commands format=json', 'takes no option "format"'],
      ['commands where=a=b', 'takes no option "where"'],
      ['commands --data ..', 'takes no option "data"'],
      ['commands -d ..', 'takes no option "data"'],
      ['commands -o x.md', 'cannot write a file'],
      ['commands ../secret.csv', 'takes no argument'],
      ['commands render', 'takes no argument'],
    ] as const)
      expect(parseMarker(body), body).toEqual({ ok: false, message: expect.stringContaining(refusal) as string });
  });
});

describe('every whitelisted option exists on its command', () => {
  it('matches the commander definitions', async () => {
    // Build the program by asking for help of each command: the options commander knows are listed there.
    for (const [name, command] of Object.entries(BLOCK_COMMANDS)) {
      let help = '';
      const io: Io = {
        stdout: { write: (s: string) => (help += s) },
        stderr: { write: () => true },
        readStdin: () => Promise.resolve(''),
        env: {},
        cwd: '/',
      };
      // A plot block's options live on plot's subcommands; its image= becomes their --output.
      const asked = name === 'plot' ? ['forest', 'funnel', 'summary'].map((p) => [name, p]) : [[name]];
      for (const argv of asked) await run([...argv, '--help'], io);
      for (const option of Object.keys(command.options))
        expect(help, `${name} --${option}`).toContain(
          name === 'plot' && option === 'image' ? '--output' : `--${option}`,
        );
    }
  });
});

describe('escapeMarkdownText', () => {
  test.prop([fc.string()])('never lets HTML, a marker or an unsafe link through', (text) => {
    const out = escapeMarkdownText(text);
    expect(out).not.toContain('<');
    expect(out).not.toContain('\n');
    expect(findBlocks(`x ${out} y`).blocks).toHaveLength(0);
    // As a renderer reads it, in a table cell: no tag, no link but http(s)/mailto, no image.
    const html = new MarkdownIt({ html: true }).render(`| a |\n| - |\n| ${out} |\n`);
    expect(html.replace(/<\/?(table|thead|tbody|tr|th|td|a|em|strong|code|s|del)\b[^>]*>/g, '')).not.toMatch(
      /<[a-z!]/i,
    );
    for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:\/\/|mailto:)/i);
  });

  test.prop([
    fc
      .array(fc.constantFrom('[', ']', '(', ')', '<', '>', '!', 'javascript:', 'x', ' ', '\\', '&', ';', '"', '-'), {
        maxLength: 20,
      })
      .map((a) => a.join('')),
  ])('holds for link-like and tag-like text', (text) => {
    const html = new MarkdownIt({ html: true }).render(`| a |\n| - |\n| ${escapeMarkdownText(text)} |\n`);
    expect(html.replace(/<\/?(table|thead|tbody|tr|th|td|a|em|strong|code|s|del)\b[^>]*>/g, '')).not.toMatch(
      /<[a-z!]/i,
    );
    for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:\/\/|mailto:)/i);
  });

  it('keeps http(s) and mailto links, drops others to their text', () => {
    expect(
      escapeMarkdownText('[a](https://x.org) [b](javascript:alert(1)) [c](mailto:a@b.c) ![d](http://x/y.png)'),
    ).toBe('[a](https://x.org) b [c](mailto:a@b.c) [d](http://x/y.png)');
    expect(escapeMarkdownText('<b>a | b</b> & &amp;')).toBe('&lt;b&gt;a \\| b&lt;/b&gt; & &amp;amp;');
  });
});
