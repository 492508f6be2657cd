/** Type sizes and spacings, in SVG user units, that every chart shares so the pictures match. */
export const SIZE = 12;
export const SMALL = 11;
export const LINE = 15;
export const ROW = 20;
export const PAD = 16;
export const GAP = 14;
