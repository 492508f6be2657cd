/**
 * The 2×2 counts of Fleiss 1993, analysis 1.1 (events and n, treatment then control), as stored in
 * tests/fixtures/cochrane/Fleiss1993.rm5: seven real studies for tests of meta's printouts.
 */
export const FLEISS_1993_COUNTS: readonly (readonly [number, number, number, number])[] = [
  [49, 615, 67, 624],
  [44, 758, 64, 771],
  [102, 832, 126, 850],
  [32, 317, 38, 309],
  [85, 810, 52, 406],
  [246, 2267, 219, 2257],
  [1570, 8587, 1720, 8600],
];
