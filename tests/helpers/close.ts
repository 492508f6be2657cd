import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Relative agreement (1e-6 by default, as fixtures from metafor and RevMan are matched). */
export function close(actual: number, expected: number, tolerance = 1e-6): void {
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12)).toBeLessThan(tolerance);
}

/** A CSV the tool wrote, as records by header name (quoted cells unquoted; enough for its own output). */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [];
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}
