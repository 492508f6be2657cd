/**
 * Invisible format characters (Unicode category Cf: zero-width spaces and joiners, direction marks and
 * overrides, the word joiner, a BOM inside text, soft hyphens, tag characters). In an id they make two
 * ids that print the same but do not compare equal, so a study would silently split in two; in an id
 * they are an input error. (Free text keeps them: ZWJ and ZWNJ are part of Persian and Indic words.)
 */
export const INVISIBLE_CHARACTER =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC01\uDC20-\uDC7F]/;

const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** U+200B (ZERO WIDTH SPACE) */
export function describeInvisible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
}

const INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER.source, 'g');

/** The text with its invisible characters as escapes ("s1\u200b"), so a message shows where they are. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
