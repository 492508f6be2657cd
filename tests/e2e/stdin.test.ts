// Spawns the built binary (npm test builds it first): `--data -` reads stdin's bytes and decodes
// them as a file's, so a Latin-1 byte is an error naming its place and a UTF-16 BOM is honoured.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
const HEADER = 'study_id,short_name,source\n';

function validate(input: Uint8Array) {
  const result = spawnSync(process.execPath, [BIN, 'validate', '--data', '-'], {
    cwd: REPO,
    env: ENV,
    input,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('stdin is decoded as a file is', () => {
  it('refuses Latin-1 bytes with the place and the hint', () => {
    const out = validate(
      Buffer.concat([
        utf8(`${HEADER}m`),
        Buffer.from([0xfc]),
        utf8('ller-2001,M'),
        Buffer.from([0xfc]),
        utf8('ller,invented\n'),
      ]),
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^<stdin>:2:2: byte 0xFC is not valid UTF-8; looks like Latin-1/m);
    expect(out.stdout).toBe('');
  });

  it('refuses bytes that are no encoding', () => {
    const out = validate(Buffer.concat([utf8(`${HEADER}a-2001,A`), Buffer.from([0xc3, 0x28]), utf8(',invented\n')]));
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^<stdin>:2:9: .*not valid UTF-8/m);
  });

  it('reads UTF-16 with a byte-order mark (LE and BE)', () => {
    const text = `${HEADER}müller-2001,Müller,invented\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(0)).swap16();
    for (const input of [le, be]) {
      const out = validate(input);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toMatch(/ok: 1 file, 1 row/);
    }
  });
});
