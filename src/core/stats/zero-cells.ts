/**
 * Continuity corrections for zero cells, as metafor's `escalc` arguments add / to / drop00.
 */
import { StatsInputError } from './errors.js';
import type { EventCount, TwoByTwo, ZeroCellTarget } from './types.js';

const TARGETS: readonly ZeroCellTarget[] = ['all', 'only0', 'if0all', 'none'];

/** Validate escalc's `to` argument. */
export function checkZeroCellTarget(to: string): ZeroCellTarget {
  const found = TARGETS.find((t) => t === to);
  if (found === undefined)
    throw new StatsInputError(`unknown zero-cell target to="${to}" (use all, only0, if0all or none)`);
  return found;
}

/** A table with no events in either group, or with only events in both (metafor's "double zero"). */
function isDoubleZero(t: TwoByTwo): boolean {
  return (t.ai === 0 && t.ci === 0) || (t.bi === 0 && t.di === 0);
}

function hasZeroCell(t: TwoByTwo): boolean {
  return t.ai === 0 || t.bi === 0 || t.ci === 0 || t.di === 0;
}

function addToTable(t: TwoByTwo, add: number): TwoByTwo {
  return { ai: t.ai + add, bi: t.bi + add, ci: t.ci + add, di: t.di + add };
}

/** Which studies receive `add`, given the target rule and which studies have a zero. */
function correctionMask(hasZero: readonly boolean[], to: ZeroCellTarget): boolean[] {
  switch (to) {
    case 'all':
      return hasZero.map(() => true);
    case 'only0':
      return [...hasZero];
    case 'if0all': {
      const any = hasZero.some(Boolean);
      return hasZero.map(() => any);
    }
    case 'none':
      return hasZero.map(() => false);
  }
}

/** Tables after drop00 and the continuity correction, with per-table flags. */
export interface CorrectedTables {
  readonly tables: readonly TwoByTwo[];
  readonly corrected: boolean[];
  readonly dropped: boolean[];
}

/**
 * Apply drop00, then add `add` to all four cells of the tables picked by `to`. Dropped tables
 * count as having no zero for 'if0all', as in metafor (their cells are NA there).
 */
export function correctTables(
  tables: readonly TwoByTwo[],
  add: number,
  to: ZeroCellTarget,
  drop00: boolean,
): CorrectedTables {
  // Two passes and two flag arrays, the tables copied only when one is corrected: at 10^6 studies
  // each array more is 8 MB.
  const n = tables.length;
  const dropped = new Array<boolean>(n);
  const corrected = new Array<boolean>(n);
  let anyZero = false;
  for (let i = 0; i < n; i++) {
    const t = tables[i] as TwoByTwo;
    const drop = drop00 && isDoubleZero(t);
    const zero = !drop && hasZeroCell(t);
    dropped[i] = drop;
    corrected[i] = zero;
    if (zero) anyZero = true;
  }
  let any = false;
  for (let i = 0; i < n; i++) {
    const picked = to === 'all' ? true : to === 'only0' ? corrected[i] === true : to === 'if0all' ? anyZero : false;
    const mask = picked && dropped[i] !== true && add !== 0;
    corrected[i] = mask;
    if (mask) any = true;
  }
  return {
    tables: any ? tables.map((t, i) => (corrected[i] ? addToTable(t, add) : t)) : tables,
    corrected,
    dropped,
  };
}

export interface CorrectedCounts {
  /** Events and non-events after the correction (non-integer when corrected). */
  readonly events: number[];
  readonly nonEvents: number[];
  readonly corrected: boolean[];
}

/** For single proportions: add `add` to xi and ni − xi of the studies picked by `to`. */
export function correctCounts(counts: readonly EventCount[], add: number, to: ZeroCellTarget): CorrectedCounts {
  const hasZero = counts.map((c) => c.xi === 0 || c.ni - c.xi === 0);
  const mask = correctionMask(hasZero, to).map((m) => m && add !== 0);
  return {
    events: counts.map((c, i) => (mask[i] ? c.xi + add : c.xi)),
    nonEvents: counts.map((c, i) => (mask[i] ? c.ni - c.xi + add : c.ni - c.xi)),
    corrected: mask,
  };
}
