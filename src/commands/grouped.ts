/** Shared shape of the aggregating commands: one row per group plus a total. */
import type { GroupKey, Grouped } from '../core/evidence/aggregate.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import type { TableName } from '../core/evidence/schema/index.js';
import type { Row } from '../core/evidence/table.js';
import type { Report, ReportColumn } from '../render/report.js';

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
function groupedView<T extends Row>(grouped: Grouped<T>, empty = '(unknown)'): { rows: Row[]; total: Row } {
  return {
    rows: grouped.rows.map((g) => ({ ...g, group: groupLabel(g.group, empty) })),
    total: { ...grouped.total, group: grouped.rows.length === 0 ? 'all' : 'total' },
  };
}

function groupColumn(field: string | undefined): ReportColumn {
  return { key: 'group', header: field ?? 'selection', kind: 'text' };
}

export interface GroupedReportSpec<T extends Row> {
  command: string;
  /** The table whose field the rows are grouped by (it decides the label of the empty group). */
  table: TableName;
  field: string | undefined;
  columns: readonly ReportColumn[];
  grouped: Grouped<T>;
  filters: readonly string[];
  notes: readonly string[];
  /** More members of the JSON result, beside group_by, rows and total. */
  json?: Record<string, unknown>;
}

/** The report of an aggregating command: a group column, one row per group, the total. */
export function groupedReport<T extends Row>(spec: GroupedReportSpec<T>): Report {
  const empty = spec.field === undefined ? undefined : emptyLabel(spec.table, spec.field);
  const view = groupedView(spec.grouped, empty);
  return {
    command: spec.command,
    filters: spec.filters,
    columns: [groupColumn(spec.field), ...spec.columns],
    rows: view.rows,
    total: view.total,
    notes: spec.notes,
    // In JSON, null names the total only; the group of rows without a value is named by its label.
    json: {
      group_by: spec.field ?? null,
      ...spec.json,
      rows: spec.grouped.rows.map((g) => (g.group === null ? { ...g, group: empty ?? '(unknown)' } : g)),
      total: spec.grouped.total,
    },
  };
}

/** An interval of a proportion and how it was computed, as every rate table shows it. */
export const INTERVAL_COLUMNS: readonly ReportColumn[] = [
  {
    key: 'ci',
    header: 'CI',
    kind: 'percent',
    join: { style: 'interval', parts: ['ci_lb', 'ci_ub'] },
    priority: 4,
  },
  { key: 'ci_method', header: 'method', kind: 'text', priority: 9 },
];
