/**
 * Text in the order people read it: "study-2" before "study-10", "a" before "B", punctuation before
 * digits before letters, as an English collator with numeric ordering sorts it. ASCII text (ids,
 * vocabularies, most titles) is compared here; anything else goes to Intl.Collator, made once and
 * only then, since creating one loads ICU's collation data and costs more than a whole command.
 */
let collator: Intl.Collator | undefined;

const ASCII = /^[\x20-\x7e]*$/;

/** Punctuation and space 0, digits 1, letters 2. */
function rank(code: number): number {
  if (code >= 48 && code <= 57) return 1;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 2;
  return 0;
}

/** ASCII punctuation in the order of the Unicode collation's root (space first, "$" last). */
const PUNCTUATION = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';

/** The primary weight of a character that is not a digit: punctuation by the table, letters by case-folded code. */
function weight(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code >= 97 && code <= 122) return code;
  return PUNCTUATION.indexOf(String.fromCharCode(code));
}

/** The end of the run of digits starting at i. */
function digitsEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && rank(text.charCodeAt(j)) === 1) j++;
  return j;
}

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareAscii(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let caseOrder = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (rank(ca) === 1 && rank(cb) === 1) {
      const ea = digitsEnd(a, i);
      const eb = digitsEnd(b, j);
      const order = compareNumbers(a.slice(i, ea), b.slice(j, eb));
      if (order !== 0) return order;
      i = ea;
      j = eb;
      continue;
    }
    if (rank(ca) !== rank(cb)) return rank(ca) - rank(cb);
    if (weight(ca) !== weight(cb)) return weight(ca) - weight(cb);
    // Same letter in another case: lower case first, but only if nothing else differs.
    if (caseOrder === 0 && ca !== cb) caseOrder = cb - ca;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  if (caseOrder !== 0) return caseOrder;
  // Equal but for leading zeros ("a1", "a01"): the shorter first, then any order that is total.
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

export function compareText(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return compareAscii(a, b);
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}
