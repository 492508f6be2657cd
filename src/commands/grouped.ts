/** Shared shape of the aggregating commands: one row per group plus a total. */
import type { GroupKey, Grouped } from '../core/aggregate.js';
import { fieldsOf } from '../core/dataset.js';
import type { TableName } from '../core/schema.js';
import type { Row } from '../core/table.js';
import type { ReportColumn } from '../render/report.js';

/** How a group's key reads in a table; `empty` names the group of rows without a value. */
export function groupLabel(key: GroupKey, empty = '(unknown)'): string {
  if (key === null) return empty;
  if (typeof key === 'boolean') return key ? 'yes' : 'no';
  return String(key);
}

/** The label of the group of rows without a value: "(none)" for list fields (no review), else "(unknown)". */
export function emptyLabel(table: TableName, field: string): string {
  return fieldsOf(table).find((f) => f.name === field)?.type.kind === 'list' ? '(none)' : '(unknown)';
}

/** The table view of grouped results: labelled groups, and a total labelled "total" (or "all" alone). */
export function groupedView<T extends Row>(grouped: Grouped<T>, empty = '(unknown)'): { rows: Row[]; total: Row } {
  return {
    rows: grouped.rows.map((g) => ({ ...g, group: groupLabel(g.group, empty) })),
    total: { ...grouped.total, group: grouped.rows.length === 0 ? 'all' : 'total' },
  };
}

export function groupColumn(field: string | undefined): ReportColumn {
  return { key: 'group', header: field ?? 'selection', kind: 'text' };
}
