/**
 * The width of text in a terminal, and wrapping to a width. string-width and wrap-ansi know every
 * emoji and East Asian wide character, but building their tables costs more than a whole command
 * on the bundled data, so they are loaded on first need: text made only of characters one column
 * wide (ASCII, Latin, punctuation, arrows, mathematical signs, box drawing) is measured here.
 */
import { createRequire } from 'node:module';
import type StringWidth from 'string-width';
import type WrapAnsi from 'wrap-ansi';

const load = createRequire(import.meta.url);
let stringWidth: typeof StringWidth | undefined;
let wrapAnsi: typeof WrapAnsi | undefined;

/**
 * One column per code point: printable ASCII, Latin-1 and Latin Extended, general punctuation
 * (without the zero-width and direction marks), Greek and Cyrillic letters, arrows, mathematical operators, technical signs,
 * box drawing and geometric shapes. No ANSI escapes (ESC is not in it).
 */
const NARROW =
  /^[\x20-\x7e\u00a0-\u02ff\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u23ff\u2500-\u25ff]*$/u;

export function displayWidth(text: string): number {
  if (NARROW.test(text)) return [...text].length;
  stringWidth ??= (load('string-width') as { default: typeof StringWidth }).default;
  return stringWidth(text);
}

/** Soft-wraps at spaces (words longer than the width stay whole), keeping ANSI colours intact. */
export function wrapText(text: string, width: number): string {
  wrapAnsi ??= (load('wrap-ansi') as { default: typeof WrapAnsi }).default;
  return wrapAnsi(text, width, { hard: false, trim: true });
}
