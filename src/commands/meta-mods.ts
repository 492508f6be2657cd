/** `meta --mods`: the cells of each named moderator, from a schema field or a researcher's x_ column. */
import { UsageError } from '../errors.js';
import type { ModeratorValues } from '../core/meta/moderators.js';
import { isOwnColumn } from '../core/evidence/own-columns.js';
import { didYouMean } from '../core/text/suggest.js';
import type { Column } from '../core/evidence/schema/index.js';
import type { Row } from '../core/evidence/table.js';

export function moderatorCells(
  text: string,
  effects: readonly { row: Row; label: string }[],
  fields: readonly Column[],
): ModeratorValues[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--mods needs at least one field name');
  const seen = new Set<string>();
  return names.map((name) => {
    if (!isOwnColumn(name) && !fields.some((f) => f.name === name)) {
      const known = fields.map((f) => f.name);
      throw new UsageError(
        `unknown field "${name}" in --mods${didYouMean(name, known)}; fields are ${known.join(', ')}, or a column of your own named x_...`,
      );
    }
    if (seen.has(name)) throw new UsageError(`--mods names ${name} twice`);
    seen.add(name);
    if (isOwnColumn(name) && !effects.some((e) => name in e.row))
      throw new UsageError(`--mods ${name}: no column ${name} in the data read`);
    return { name, cells: effects.map((e) => e.row[name] ?? null) };
  });
}
