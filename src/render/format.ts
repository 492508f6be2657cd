/** Cell formatting, locale-independent: thousands separators for people, plain digits for machines. */
import { isList, type Cell, type Row } from '../core/evidence/table.js';
import type { Column } from '../core/evidence/schema/index.js';
import type { ReportColumn, ValueKind } from './report.js';

export type Audience = 'human' | 'machine';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Groups the integer part of a decimal string: 20827.5 → 20,827.5. */
export function withThousands(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  return m ? `${m[1] ?? ''}${group(m[2] ?? '')}${m[3] ?? ''}` : text;
}

function plainNumber(value: number, digits: number | undefined, maxDigits?: number): string {
  if (digits !== undefined) return value.toFixed(digits);
  if (maxDigits !== undefined) return String(Number(value.toFixed(maxDigits)));
  // Shortest round-trip form, without exponent for ordinary magnitudes.
  return Math.abs(value) >= 1e-6 || value === 0 ? String(Number(value.toPrecision(15))) : String(value);
}

export function formatCell(cell: Cell | undefined, column: ReportColumn, audience: Audience): string {
  if (cell === null || cell === undefined) return '';
  if (isList(cell)) return cell.join(audience === 'human' ? '; ' : ';');
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (typeof cell === 'string') return cell;
  switch (column.kind) {
    case 'percent':
      return audience === 'human' ? `${(cell * 100).toFixed(column.digits ?? 1)}%` : String(cell);
    case 'integer':
    case 'number': {
      // Machines get every digit; people get the column's rounding.
      if (audience === 'machine') return String(cell);
      return withThousands(plainNumber(cell, column.digits, column.maxDigits));
    }
    case 'year':
      return String(cell);
    default:
      return String(cell);
  }
}

/** The text of a column in a row, joining composite columns. */
export function cellText(row: Row, column: ReportColumn, audience: Audience): string {
  const join = column.join;
  if (!join) return formatCell(row[column.key], column, audience);
  const a = formatCell(row[join.parts[0]], column, audience);
  const b = formatCell(row[join.parts[1]], column, audience);
  if (a === '' && b === '') return '';
  switch (join.style) {
    case 'interval':
      return `[${a}, ${b}]`;
    case 'range':
      return a === b || b === '' ? a : a === '' ? `up to ${b}` : `${a}–${b}`;
    case 'fraction':
      // Nothing out of nothing is not a result: "0/0" reads as a rate of zero.
      if (audience === 'human' && row[join.parts[1]] === 0) return 'not reported';
      return b === '' ? a : `${a}/${b}`;
  }
}

/** Composite columns become one column per part, for machines. */
export function expandColumns(columns: readonly ReportColumn[]): ReportColumn[] {
  return columns.flatMap((c) =>
    c.join
      ? c.join.parts.map((key) => ({ key, kind: c.kind, ...(c.digits === undefined ? {} : { digits: c.digits }) }))
      : [c],
  );
}

export function isNumeric(column: ReportColumn): boolean {
  return column.kind === 'integer' || column.kind === 'year' || column.kind === 'number' || column.kind === 'percent';
}

/** How a schema column is shown. */
export function kindOfColumn(column: Column): ValueKind {
  if (column.unit === 'year') return 'year';
  switch (column.type.kind) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    default:
      return 'text';
  }
}
