/**
 * Counts derived from a printed percentage and its denominator. The count is only derived when
 * exactly one whole number of the denominator rounds to the printed percentage at its printed
 * precision; otherwise the percentage must refer to another denominator and no count is invented.
 */

export type DerivedCount =
  | { events: number; derived: boolean }
  | { events: null; derived: false; reason: string };

/** Decimals of a number as it was printed (47.6 → 1, 60 → 0). */
export function printedDecimals(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The events of an arm: as printed, or derived from a printed percentage of n. */
export function armEvents(events: number | null, n: number | null, pct: number | null): DerivedCount {
  if (events !== null) return { events, derived: false };
  if (pct === null || n === null) return { events: null, derived: false, reason: 'neither a count nor a percentage of a known n is given' };
  const half = 0.5 * 10 ** -printedDecimals(pct);
  const matches: number[] = [];
  // Only counts near pct·n can round to pct; look one either side of the nearest.
  const nearest = Math.round((pct / 100) * n);
  for (let k = Math.max(0, nearest - 2); k <= Math.min(n, nearest + 2); k++) {
    if (Math.abs((100 * k) / n - pct) <= half + 1e-9) matches.push(k);
  }
  if (matches.length === 1 && matches[0] !== undefined) return { events: matches[0], derived: true };
  if (matches.length === 0) {
    return { events: null, derived: false, reason: `${pct}% of ${n} is no whole number of patients; the percentage must refer to another denominator` };
  }
  return { events: null, derived: false, reason: `${pct}% of ${n} fits ${matches.length} counts (${matches.join(', ')}); the printed precision cannot tell them apart` };
}
