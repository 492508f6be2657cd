/**
 * The character codes the byte and text fast paths compare with (the patient byte reader, the
 * plain-line typer, the CSV reader, the byte writer of meta's printouts), and the powers of ten
 * that read up to 15 decimal digits exactly as Number() does.
 */
export const TAB = 9;
export const NEWLINE = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const DEL = 127;

/** 10^0 to 10^15, exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);
