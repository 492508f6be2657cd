/**
 * Control characters in data: C0 (but tab and line feed), DEL and C1. In a cell they are an input
 * error; in output to people they are shown as visible escapes, so that data can never move the
 * cursor, clear the screen or retitle the terminal.
 */

/** Tab and line feed are text; every other C0 character, DEL and C1 (U+0080–U+009F) are not. */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** For terminal text: tab and line feed too, where one line is expected. */
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
/* eslint-enable no-control-regex */

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 0x1b: 'ESC', 0x7f: 'DEL', 0x9b: 'CSI' };

/** U+001B (ESC) */
export function describeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
}

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control characters as visible escapes (ESC → \x1b); tab and line feed are kept. */
export function visible(text: string): string {
  return CONTROL_CHARACTER.test(text) ? text.replace(CONTROL_CHARACTERS, escape) : text;
}

/** Every control character, tab and line break included, as a visible escape: for one-line text. */
export function visibleLine(text: string): string {
  return text.replace(CONTROL_OR_BREAK, escape);
}
