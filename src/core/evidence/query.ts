/**
 * The query flags shared by every command: --where (typed by the schema, no eval), --group-by,
 * --sort, --columns and --limit.
 */
import { compareText } from '../text/compare-text.js';
import { UsageError } from '../../errors.js';
import { BOOLEAN_FALSE, BOOLEAN_TRUE, VOCABULARIES, type Column } from './schema/index.js';
import { didYouMean } from '../text/suggest.js';
import { isList, type Cell, type Row } from './table.js';

const OPERATORS = ['<=', '>=', '!=', '!~', '=', '<', '>', '~'] as const;
type Operator = (typeof OPERATORS)[number];

/** One parsed --where expression. */
export interface Condition {
  text: string;
  field: string;
  op: Operator;
  /** Typed values; several mean "any of" for = and "none of" for !=; empty means "unknown". */
  values: readonly (string | number | boolean)[];
}

const EXPRESSION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(==|<=|>=|!=|!~|=|<|>|~)\s*(.*?)\s*$/s;

export const WHERE_HELP = `FIELD OP VALUE, OP one of ${OPERATORS.join(' ')} (~ is a case-insensitive "contains"; 'a,b' with = means any of, with != none of; an empty VALUE with = selects unknown cells)`;

function unquote(value: string): string {
  const m = /^(['"])(.*)\1$/s.exec(value);
  return m?.[2] ?? value;
}

/** Splits "a,'b,c',d" on the commas outside quotes. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of value) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function findField(name: string, fields: readonly Column[], context: string): Column {
  const field = fields.find((f) => f.name === name);
  if (field) return field;
  const names = fields.map((f) => f.name);
  throw new UsageError(
    `unknown field "${name}" in ${context}${didYouMean(name, names)}; fields are ${names.join(', ')}`,
  );
}

function typeValue(field: Column, op: Operator, value: string, context: string): string | number | boolean {
  const type = field.type;
  if (op === '~' || op === '!~') return value.toLowerCase();
  switch (type.kind) {
    case 'integer':
    case 'number': {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n))
        throw new UsageError(`${field.name} is a number, but ${context} compares it with "${value}"`);
      return n;
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if ((BOOLEAN_TRUE as readonly string[]).includes(lower)) return true;
      if ((BOOLEAN_FALSE as readonly string[]).includes(lower)) return false;
      throw new UsageError(`${field.name} is yes/no, but ${context} compares it with "${value}"`);
    }
    case 'enum':
    case 'list': {
      const vocabulary = type.vocabulary;
      if (vocabulary && (op === '=' || op === '!=')) {
        const valid: readonly string[] = VOCABULARIES[vocabulary];
        if (!valid.includes(value)) {
          throw new UsageError(
            `"${value}" is not a ${field.name} in ${context}${didYouMean(value, valid)}; valid: ${valid.join(', ')}`,
          );
        }
      }
      return value;
    }
    case 'text':
      return value;
  }
}

/** Parses one --where expression against the fields of a table. Throws UsageError. */
export function parseWhere(text: string, fields: readonly Column[]): Condition {
  const context = `--where '${text}'`;
  const m = EXPRESSION.exec(text);
  if (!m) {
    const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
    if (name) findField(name, fields, context);
    throw new UsageError(`cannot read ${context}: write ${WHERE_HELP}`);
  }
  const [, name = '', rawOp = '=', rawValue = ''] = m;
  const op: Operator = rawOp === '==' ? '=' : (rawOp as Operator);
  const field = findField(name, fields, context);
  const ordered = op === '<' || op === '<=' || op === '>' || op === '>=';
  if (ordered && field.type.kind !== 'integer' && field.type.kind !== 'number') {
    throw new UsageError(`${context}: ${op} needs a numeric field, and ${field.name} is not one (use = != ~ !~)`);
  }
  const value = unquote(rawValue);
  if (value === '') {
    if (op !== '=' && op !== '!=') throw new UsageError(`${context} has no value after ${op}`);
    return { text, field: field.name, op, values: [] };
  }
  // 'a,b' (one quoted list) and 'a','b' (quoted items) both mean any of a, b.
  const wholeQuoted = /^(['"])[^'"]*\1$/.test(rawValue);
  const items = wholeQuoted ? value.split(',') : splitList(rawValue);
  const parts = op === '=' || op === '!=' ? items.map((v) => unquote(v.trim())) : [value];
  return { text, field: field.name, op, values: parts.map((v) => typeValue(field, op, v, context)) };
}

function same(cell: string | number | boolean, value: string | number | boolean): boolean {
  if (typeof cell === 'string' && typeof value === 'string') return cell.toLowerCase() === value.toLowerCase();
  return cell === value;
}

function scalarMatches(cell: string | number | boolean, op: Operator, values: Condition['values']): boolean {
  const first = values[0];
  switch (op) {
    case '=':
      return values.some((v) => same(cell, v));
    case '!=':
      return !values.some((v) => same(cell, v));
    case '~':
      return String(cell).toLowerCase().includes(String(first));
    case '!~':
      return !String(cell).toLowerCase().includes(String(first));
    case '<':
      return typeof first === 'number' && typeof cell === 'number' && cell < first;
    case '<=':
      return typeof first === 'number' && typeof cell === 'number' && cell <= first;
    case '>':
      return typeof first === 'number' && typeof cell === 'number' && cell > first;
    case '>=':
      return typeof first === 'number' && typeof cell === 'number' && cell >= first;
  }
}

/**
 * Whether a row satisfies a condition. Unknown (empty) cells match only `field=` (and fail every
 * other test); an empty list, such as the reviews of a study in none, is "none" and passes `!=`.
 */
export function matches(row: Row, condition: Condition): boolean {
  const cell = row[condition.field] ?? null;
  const unknown = cell === null || (isList(cell) && cell.length === 0);
  if (condition.values.length === 0) return condition.op === '=' ? unknown : !unknown;
  // An empty list is a known "none" (a study in no review): it is "not X" for every X.
  if (isList(cell) && (condition.op === '!=' || condition.op === '!~')) {
    const positive: Operator = condition.op === '!=' ? '=' : '~';
    return !cell.some((item) => scalarMatches(item, positive, condition.values));
  }
  if (unknown) return false;
  if (isList(cell)) {
    return cell.some((item) => scalarMatches(item, condition.op, condition.values));
  }
  return scalarMatches(cell, condition.op, condition.values);
}

export function filterRows<R extends Row>(rows: readonly R[], conditions: readonly Condition[]): R[] {
  return rows.filter((row) => conditions.every((c) => matches(row, c)));
}

export interface Group<R extends Row> {
  /** The group's value; null for rows where the field is unknown. */
  key: string | number | boolean | null;
  rows: R[];
}

function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const text = (c: Cell): string => (isList(c) ? c.join(';') : String(c));
  return compareText(text(a), text(b));
}

/** Groups rows by a field; a row whose field is a list joins the group of every item. */
export function groupRows<R extends Row>(rows: readonly R[], field: string): Group<R>[] {
  const groups = new Map<string, Group<R>>();
  const add = (key: string | number | boolean | null, row: R): void => {
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  };
  for (const row of rows) {
    const cell = row[field] ?? null;
    if (isList(cell)) {
      if (cell.length === 0) add(null, row);
      for (const item of cell) add(item, row);
    } else add(cell, row);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.key === null) return b.key === null ? 0 : 1;
    if (b.key === null) return -1;
    return compareCells(a.key, b.key);
  });
}

export interface SortKey {
  field: string;
  descending: boolean;
}

/** Parses `--sort [-]field[,[-]field...]` against the known fields. */
export function parseSort(spec: string, fields: readonly Column[]): SortKey[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const descending = s.startsWith('-');
      const name = descending ? s.slice(1) : s;
      return { field: findField(name, fields, `--sort '${spec}'`).name, descending };
    });
}

/** Stable sort; unknown cells go last whatever the direction. */
export function sortRows<R extends Row>(rows: readonly R[], keys: readonly SortKey[]): R[] {
  return [...rows].sort((a, b) => {
    for (const { field, descending } of keys) {
      const x = a[field] ?? null;
      const y = b[field] ?? null;
      const xUnknown = x === null || (isList(x) && x.length === 0);
      const yUnknown = y === null || (isList(y) && y.length === 0);
      if (xUnknown || yUnknown) {
        if (xUnknown !== yUnknown) return xUnknown ? 1 : -1;
        continue;
      }
      const order = compareCells(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

/** Parses `--columns a,b,c` against the known fields. */
export function parseColumns(spec: string, fields: readonly Column[]): string[] {
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--columns needs at least one field name');
  return names.map((name) => findField(name, fields, `--columns '${spec}'`).name);
}

export function parseLimit(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--limit needs a whole number ≥ 0, got "${text}"`);
  return Number(text);
}

/** The field a --group-by names. */
export function parseGroupBy(name: string, fields: readonly Column[]): string {
  return findField(name.trim(), fields, `--group-by '${name}'`).name;
}

/** Values a --where compares an id field with must exist in the data: a typo would select nothing. */
export function checkKnownValues(
  conditions: readonly Condition[],
  known: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  for (const c of conditions) {
    const ids = known.get(c.field);
    if (!ids || (c.op !== '=' && c.op !== '!=')) continue;
    for (const value of c.values) {
      if (typeof value !== 'string' || ids.has(value)) continue;
      throw new UsageError(
        `no ${c.field} "${value}" in the data read, in --where '${c.text}'${didYouMean(value, [...ids])}`,
      );
    }
  }
}
