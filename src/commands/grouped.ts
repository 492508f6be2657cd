/** Shared shape of the aggregating commands: one row per group plus a total. */
import type { GroupKey, Grouped } from '../core/aggregate.js';
import type { Row } from '../core/table.js';
import type { ReportColumn } from '../render/report.js';

/** How a group's key reads in a table: unknown (or no) value, the total. */
export function groupLabel(key: GroupKey): string {
  return key === null ? '(none)' : String(key);
}

/** The table view of grouped results: labelled groups, and a total labelled "total" (or "all" alone). */
export function groupedView<T extends Row>(grouped: Grouped<T>): { rows: Row[]; total: Row } {
  return {
    rows: grouped.rows.map((g) => ({ ...g, group: groupLabel(g.group) })),
    total: { ...grouped.total, group: grouped.rows.length === 0 ? 'all' : 'total' },
  };
}

export function groupColumn(field: string | undefined): ReportColumn {
  return { key: 'group', header: field ?? 'selection', kind: 'text' };
}
