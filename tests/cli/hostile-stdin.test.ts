// The hostile corpus again, on standard input (`--data -`): stdin's bytes are decoded and checked
// as a file's are (invalid UTF-8 with the Latin-1 hint, UTF-16 by its byte-order mark).
import { describe, expect, it } from 'vitest';
import { KINDS } from '../fixtures/hostile/corpus.js';
import { runCli } from '../helpers/run-cli.js';

const bytes = (content: string | Uint8Array) =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

describe('hostile input on stdin (tests/fixtures/hostile/corpus.ts)', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (_name, kind) => {
    const out = await runCli(['validate', '--data', '-'], { stdin: bytes(kind.content) });
    expect(out.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
    expect(out.code, out.stderr).toBe(kind.code);
    expect(out.stderr).toMatch(kind.says);
    if (kind.code === 2) expect(out.stdout).toBe('');
  });

  it('names stdin and the place of a Latin-1 byte', async () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('study_id,short_name,source\nm'), 0xfc, 0x0a]);
    const out = await runCli(['validate', '--data', '-'], { stdin: latin1 });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^<stdin>:2:2: byte 0xFC is not valid UTF-8; looks like Latin-1/m);
  });
});
