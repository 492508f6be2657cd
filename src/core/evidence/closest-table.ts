/** For a header that matches no table: the table it comes closest to, and what it lacks. */
import { TABLES } from './schema/index.js';
import { closest } from '../text/suggest.js';

/** " The closest table is outcomes: ..." (empty when no column comes close to any table's). */
export function closestTableHint(header: readonly string[]): string {
  const cells = header.map((h) => h.trim()).filter((h) => h !== '');
  const separator = cells.length === 1 ? [';', '\t', '|'].find((s) => (cells[0] ?? '').includes(s)) : undefined;
  if (separator !== undefined)
    return ` The header is one field holding "${separator === '\t' ? 'tab' : separator}": give --delimiter ${separator === ';' ? 'semicolon' : separator === '\t' ? 'tab' : '"|"'}.`;
  let best: { name: string; guesses: string[]; missing: string[] } | undefined;
  for (const table of TABLES) {
    const names = table.columns.map((c) => c.name);
    const guesses = cells
      .map((cell) => [cell, closest(cell, names)] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([cell, name]) => `${cell} → ${name}?`);
    const missing = table.columns.filter((c) => c.required && !guesses.some((g) => g.endsWith(`→ ${c.name}?`)));
    if (guesses.length > 0 && (!best || guesses.length > best.guesses.length))
      best = { name: table.name, guesses, missing: missing.map((c) => c.name) };
  }
  if (!best) return '';
  const missing = best.missing.length > 0 ? `; it lacks ${best.missing.join(', ')}` : '';
  return ` The closest table is ${best.name} (${best.guesses.join(', ')})${missing}.`;
}
