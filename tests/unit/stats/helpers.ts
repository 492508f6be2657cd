/** Shared helpers of the stats tests: fixture loading and tolerance checks. */
import { appendFileSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

const root = new URL('../../fixtures/', import.meta.url);

/** Parse a JSON fixture under tests/fixtures/ (never needs R at test time). */
export function loadFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, root), 'utf8')) as T;
}

/**
 * |actual − expected| ≤ max(rel·|expected|, abs). The absolute floor lets values that are 0 in
 * theory (τ² on the boundary, p-values of 1e-30) compare sensibly.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  rel = 1e-6,
  abs = 1e-9,
  what = '',
): void {
  if (expected === null || expected === undefined) {
    expect(
      actual === null || actual === undefined || Number.isNaN(actual),
      `${what}: expected null, got ${actual}`,
    ).toBe(true);
    return;
  }
  expect(typeof actual, `${what}: missing value`).toBe('number');
  const a = actual as number;
  const tol = Math.max(rel * Math.abs(expected), abs);
  if (process.env.STATS_PRECISION_LOG !== undefined && Math.abs(expected) > 1e-6) {
    appendFileSync(process.env.STATS_PRECISION_LOG, `${Math.abs(a - expected) / Math.abs(expected)}\t${what}\n`);
  }
  if (!(Math.abs(a - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected}, got ${a} (diff ${Math.abs(a - expected)}, tol ${tol})`);
  }
}

export function expectAllClose(
  actual: readonly number[],
  expected: readonly (number | null)[],
  rel = 1e-6,
  abs = 1e-9,
  what = '',
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, rel, abs, `${what}[${i}]`));
}
