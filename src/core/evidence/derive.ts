/**
 * Counts derived from a printed percentage and its denominator. The count is only derived when
 * exactly one whole number of the denominator rounds to the printed percentage at its printed
 * precision; otherwise the percentage must refer to another denominator and no count is invented.
 */

import type { Row } from './table.js';

export type DerivedCount = { events: number; derived: boolean } | { events: null; derived: false; reason: string };

/** Decimals of a number as written ("55.0" → 1, "60" → 0). */
export function decimalsOfText(text: string): number {
  const trimmed = text.trim();
  const dot = trimmed.indexOf('.');
  return dot < 0 ? 0 : trimmed.replace(/[eE].*$/, '').length - dot - 1;
}

/** Decimals of a number from its shortest form (47.6 → 1, 60 → 0), when the written form is lost. */
export function printedDecimals(value: number): number {
  return decimalsOfText(String(value));
}

/** Where the loader keeps the printed decimals of a `printed` column. */
export function decimalsKey(field: string): string {
  return `${field}#decimals`;
}

/** The decimals a row's number was printed with. */
export function decimalsIn(row: Row, field: string): number {
  const kept = row[decimalsKey(field)];
  const value = row[field];
  return typeof kept === 'number' ? kept : typeof value === 'number' ? printedDecimals(value) : 0;
}

const num = (row: Row, field: string): number | null => (typeof row[field] === 'number' ? row[field] : null);

/** The field names of each arm, made once (not two template strings per row and arm). */
const ARM = {
  treatment: { events: 'events_treatment', n: 'n_treatment', pct: 'pct_treatment' },
  control: { events: 'events_control', n: 'n_control', pct: 'pct_control' },
} as const;

/** The events of a study arm (treatment or control) of an outcomes row. */
export function armEventsOf(row: Row, arm: 'treatment' | 'control'): DerivedCount {
  const fields = ARM[arm];
  const events = num(row, fields.events);
  // A printed count is taken as it is: the percentage and its decimals are not looked at.
  if (events !== null) return { events, derived: false };
  return armEvents(events, num(row, fields.n), num(row, fields.pct), decimalsIn(row, fields.pct));
}

/** The events of an arm: as printed, or derived from a printed percentage of n at its printed precision. */
export function armEvents(
  events: number | null,
  n: number | null,
  pct: number | null,
  decimals = pct === null ? 0 : printedDecimals(pct),
): DerivedCount {
  if (events !== null) return { events, derived: false };
  if (pct === null || n === null)
    return { events: null, derived: false, reason: 'neither a count nor a percentage of a known n is given' };
  const half = 0.5 * 10 ** -decimals;
  const matches: number[] = [];
  // Only counts near pct·n can round to pct; look one either side of the nearest.
  const nearest = Math.round((pct / 100) * n);
  for (let k = Math.max(0, nearest - 2); k <= Math.min(n, nearest + 2); k++) {
    if (Math.abs((100 * k) / n - pct) <= half + 1e-9) matches.push(k);
  }
  if (matches.length === 1 && matches[0] !== undefined) return { events: matches[0], derived: true };
  if (matches.length === 0) {
    return {
      events: null,
      derived: false,
      reason: `${pct}% of ${n} is no whole number of patients; the percentage must refer to another denominator`,
    };
  }
  return {
    events: null,
    derived: false,
    reason: `${pct}% of ${n} fits ${matches.length} counts (${matches.join(', ')}); the printed precision cannot tell them apart`,
  };
}
