/**
 * Bytes of a text file → a string, or a located reason why they are not text we can read:
 * UTF-8 (a BOM is dropped) is the format; UTF-16 with a byte-order mark is decoded; anything else
 * (Latin-1, Windows-1252, UTF-16 without a BOM, binary) is an error naming the line, with a hint.
 * Never replaces bytes with U+FFFD: "Müller" silently becoming "M�ller" is a changed id.
 */
import { isUtf8 } from 'node:buffer';

export type Decoded = { text: string } | { line: number; column: number; message: string };

/** Where the first byte that is not part of valid UTF-8 starts (the bytes are known to be invalid). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need === 0) {
      i++;
      continue;
    }
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** Lines (1-based) and characters before `offset`, counted on the valid UTF-8 before it. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { line, column: [...before].length + 1 };
}

/** Without a BOM, UTF-16 text has a NUL in every other byte of its ASCII characters. */
function looksLikeUtf16(bytes: Uint8Array): 'LE' | 'BE' | null {
  const n = Math.min(bytes.length, 400) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd > n / 4 && even === 0) return 'LE';
  if (even > n / 4 && odd === 0) return 'BE';
  return null;
}

/** Latin-1 and Windows-1252 write é as one byte in 0x80–0xFF between ASCII letters. */
function looksLikeLatin1(bytes: Uint8Array, offset: number): boolean {
  const b = bytes[offset] ?? 0;
  const next = bytes[offset + 1];
  return b >= 0x80 && (next === undefined || next < 0x80 || next > 0xbf);
}

function decodeUtf16(bytes: Uint8Array, order: 'LE' | 'BE'): string {
  const body = bytes.subarray(2);
  if (order === 'LE') return new TextDecoder('utf-16le').decode(body);
  const swapped = Buffer.from(body);
  swapped.swap16();
  return new TextDecoder('utf-16le').decode(swapped);
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, 'LE') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 !== 0)
      return { line: 1, column: 1, message: 'UTF-16 text with an odd number of bytes (cut short?)' };
    return { text: decodeUtf16(bytes, 'BE') };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // Before the UTF-8 check: ASCII in UTF-16 is valid UTF-8 (with a NUL in every other byte).
  const utf16 = looksLikeUtf16(body);
  if (utf16) {
    return {
      line: 1,
      column: 1,
      message: `looks like UTF-16 (${utf16}) without a byte-order mark: save it as UTF-8`,
    };
  }
  if (isUtf8(body)) return { text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8') };
  const nul = body.subarray(0, 4096).indexOf(0);
  if (nul !== -1) {
    const at = position(body, Math.min(nul, firstInvalid(body)));
    return { ...at, message: 'this is not a text file (it holds NUL bytes and bytes that are not UTF-8)' };
  }
  const offset = firstInvalid(body);
  const { line, column } = position(body, offset);
  const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const hint = looksLikeLatin1(body, offset)
    ? 'looks like Latin-1 or Windows-1252: save it as UTF-8'
    : 'the file is not UTF-8 text: save it as UTF-8';
  return { line, column, message: `byte 0x${byte} is not valid UTF-8; ${hint}` };
}
