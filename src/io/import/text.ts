/**
 * Text an import reads from a review file, made safe for the CSVs it writes and the terminal. Names,
 * titles and labels are one-line fields: a tab or line break in one (raw, or as a character reference
 * in a .rm5) becomes one space, as XML's own attribute-value normalisation does for raw ones (XML 1.0
 * §3.3.3), so that a real review with a wrapped title still imports and no name can start a new line
 * of Markdown ("\n# Heading") where it is shown. Every other control character is refused where it
 * stands (see characterReferenceProblems and the CSV reader), never passed on.
 */
import type { Problem } from '../../errors.js';
import { CONTROL_CHARACTER, describeControl } from '../../core/text/controls.js';

/** Trimmed, with each run of tabs and line breaks (and the spaces around it) as one space. */
export function oneLine(text: string): string {
  return text.replace(/[ \t\r\n]*[\t\r\n][ \t\r\n]*/g, ' ').trim();
}

/** Why a code point may not enter the text, or null when it may (tab and line breaks may: see oneLine). */
function refusedCode(code: number): string | null {
  if (!Number.isSafeInteger(code) || code > 0x10ffff) return 'is not a Unicode character';
  if (code >= 0xd800 && code <= 0xdfff) return `is a lone surrogate (U+${code.toString(16).toUpperCase()})`;
  if (code === 0xfffe || code === 0xffff) return `is a noncharacter (U+${code.toString(16).toUpperCase()})`;
  const ch = String.fromCharCode(code);
  if (ch === '\r') return null;
  return CONTROL_CHARACTER.test(ch) ? `is the control character ${describeControl(ch)}` : null;
}

/** The character a reference (`#27`, `#x1b`, without & and ;) stands for, or null when refused. */
export function referencedCharacter(name: string): string | null {
  const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return refusedCode(code) === null ? String.fromCodePoint(code) : null;
}

/* eslint-disable no-control-regex -- this pattern exists to find control characters */
const SCAN = /&#([xX][0-9a-fA-F]+|[0-9]+);|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/* eslint-enable no-control-regex */

/**
 * Every numeric character reference in an XML text that stands for a control character, NUL, a lone
 * surrogate or no character at all, and every raw control character (XML 1.0 allows only tab, LF and
 * CR): one problem each at its line and column, so that the file is refused before anything is read.
 */
export function characterReferenceProblems(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(SCAN)) {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = match.index;
    const column = match.index - lineStart + 1;
    const reference = match[1];
    if (reference === undefined) {
      const ch = match[0];
      problems.push({
        file,
        line,
        column,
        message: `control character ${describeControl(ch)}; remove it (a review file holds printable text only)`,
      });
      continue;
    }
    const code = /^x/i.test(reference) ? parseInt(reference.slice(1), 16) : parseInt(reference, 10);
    const why = refusedCode(code);
    if (why !== null)
      problems.push({
        file,
        line,
        column,
        message: `character reference ${match[0]} ${why}; refused (a review file holds printable text only)`,
      });
  }
  return problems;
}
