/**
 * From parsed CSV records to typed rows: recognise the table by its header, type every cell by the
 * schema, apply the row rules, then check keys and references across tables. Pure: every problem is
 * returned (never thrown) so that the user sees all of them at once.
 */
import { UsageError, type Problem } from '../errors.js';
import { fieldsOf } from './dataset.js';
import { parseWhere } from './query.js';
import { isOwnColumn, ownCell } from './own-columns.js';
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  TABLES,
  VOCABULARIES,
  METRIC_TABLE,
  columnOf,
  type Column,
  type Metric,
  type Table,
  type TableName,
} from './schema.js';
import { decimalsKey, decimalsOfText } from './derive.js';
import { didYouMean } from './suggest.js';
import { clinicRecordProblems } from './clinic/records.js';
import { closestTableHint } from './closest-table.js';
import type { Cell, Dataset, LoadedTable, Origin, Row } from './table.js';

/** One CSV record with the position of each field. */
export interface RawRecord {
  line: number;
  cells: readonly string[];
  /** 1-based character column where each field starts. */
  columns: readonly number[];
}

export interface RawFile {
  file: string;
  records: readonly RawRecord[];
}

export interface TypedFile {
  table: Table;
  file: string;
  columns: readonly string[];
  rows: Row[];
  origins: Origin[];
}

type Recognition = { table: Table; unknown: string[] } | { problem: string };

function describeTables(): string {
  return TABLES.map(
    (t) =>
      `${t.file} (${t.columns
        .slice(0, 3)
        .map((c) => c.name)
        .join(',')},...)`,
  ).join(', ');
}

/** A header whose cells look like values (numbers, ids with digits) is probably a data row. */
function looksLikeData(header: readonly string[]): boolean {
  return header.some((cell) => /^-?\d+(\.\d+)?$/.test(cell) || /\d{4}$/.test(cell));
}

/**
 * Picks the table that knows most of the header's columns (ties: the one the header covers most);
 * that table's required columns must all be present.
 */
export function recogniseTable(header: readonly string[]): Recognition {
  let best: { table: Table; known: number; share: number } | undefined;
  for (const table of TABLES) {
    const known = header.filter((name) => columnOf(table, name)).length;
    const share = known / table.columns.length;
    if (!best || known > best.known || (known === best.known && share > best.share)) {
      best = { table, known, share };
    }
  }
  if (!best || best.known === 0) {
    const hint = looksLikeData(header) ? 'the first line looks like data: is the header row missing? ' : '';
    return {
      // Not echoed: a file that is no data file may hold anything (a password file, a key).
      problem: `its first line (${header.length} field${header.length === 1 ? '' : 's'}) names no known column, so it matches no table; ${hint}the first line must name the columns of one table (see data/README.md): ${describeTables()}.${closestTableHint(header)}`,
    };
  }
  const table = best.table;
  const missing = table.columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    return {
      problem: `header looks like table ${table.name} but lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    };
  }
  return { table, unknown: header.filter((name) => !columnOf(table, name) && !isOwnColumn(name)) };
}

type Typed = { value: Cell } | { error: string };

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function vocabularyError(value: string, valid: readonly string[]): string {
  return `"${value}" is not one of ${valid.join(', ')}${didYouMean(value, valid)}`;
}

/** Types one cell by its column; an empty cell is null (unknown). */
export function typeCell(column: Column, raw: string): Typed {
  const text = raw.trim();
  if (text === '') return { value: null };
  const type = column.type;
  switch (type.kind) {
    case 'text':
      return { value: text };
    case 'integer': {
      if (INTEGER.test(text)) {
        const value = Number(text);
        return value < 0 ? { error: `must not be negative, got ${text}` } : { value };
      }
      const hint = /^\d{1,3}(,\d{3})+$/.test(text) ? ' (write it without thousands separators)' : '';
      return { error: `expected a whole number, got "${text}"${hint}` };
    }
    case 'number':
      return NUMBER.test(text) ? { value: Number(text) } : { error: `expected a number, got "${text}"` };
    case 'boolean': {
      const lower = text.toLowerCase();
      if ((BOOLEAN_TRUE as readonly string[]).includes(lower)) return { value: true };
      if ((BOOLEAN_FALSE as readonly string[]).includes(lower)) return { value: false };
      return { error: `expected yes/no (or true/false, 1/0), got "${text}"` };
    }
    case 'enum': {
      const valid: readonly string[] = VOCABULARIES[type.vocabulary];
      return valid.includes(text) ? { value: text } : { error: vocabularyError(text, valid) };
    }
    case 'list': {
      const items = text
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const vocabulary = type.vocabulary;
      if (vocabulary) {
        const valid: readonly string[] = VOCABULARIES[vocabulary];
        const bad = items.find((item) => !valid.includes(item));
        if (bad !== undefined) return { error: vocabularyError(bad, valid) };
      }
      return { value: items };
    }
  }
}

function checkRules(
  table: Table,
  header: readonly string[],
  row: Row,
  at: (field: string) => Omit<Problem, 'message'>,
): Problem[] {
  const problems: Problem[] = [];
  const num = (name: string): number | null => {
    const v = row[name];
    return typeof v === 'number' ? v : null;
  };
  const filled = (name: string): boolean => row[name] !== null && row[name] !== undefined;
  const rules = table.rules;
  for (const [part, whole] of rules.notAbove ?? []) {
    const a = num(part);
    const b = num(whole);
    if (a !== null && b !== null && a > b) {
      problems.push({ ...at(part), message: `${a} exceeds ${whole} (${b})` });
    }
  }
  for (const [low, high] of rules.ordered ?? []) {
    const a = num(low);
    const b = num(high);
    if (a !== null && b !== null && a > b) {
      problems.push({ ...at(low), message: `${a} is greater than ${high} (${b})` });
    }
  }
  for (const name of rules.percent ?? []) {
    const v = num(name);
    if (v !== null && (v < 0 || v > 100))
      problems.push({ ...at(name), message: `a percentage must lie in [0, 100], got ${v}` });
  }
  for (const name of rules.nonNegative ?? []) {
    const v = num(name);
    if (v !== null && v < 0) problems.push({ ...at(name), message: `must not be negative, got ${v}` });
  }
  for (const group of rules.oneOf ?? []) {
    if (!group.some(filled)) {
      const first = group[0] ?? '';
      problems.push({ ...at(first), message: `at least one of ${group.join(', ')} must be filled` });
    }
  }
  for (const [given, needed] of rules.requires ?? []) {
    if (filled(given) && !filled(needed)) problems.push({ ...at(needed), message: `empty, but ${given} is given` });
  }
  // A required column names the row (study_id, review_id, ...): an empty cell would enter analyses as "?".
  for (const column of table.columns)
    if (column.required && row[column.name] === null)
      problems.push({ ...at(column.name), message: `empty; ${column.name} is required on every row` });
  // A researcher's own file may omit the column; a file that has it fills it on every row.
  if (header.includes('source') && row['source'] === null) {
    problems.push({ ...at('source'), message: 'empty; every row must name where its values were seen' });
  }
  return problems;
}

/** Types the records of one file. The first record is the header. */
export function typeFile(raw: RawFile): { typed?: TypedFile; problems: Problem[] } {
  const [headerRecord, ...records] = raw.records;
  if (!headerRecord)
    return { problems: [{ file: raw.file, line: 1, message: 'file is empty; expected a header row' }] };
  const header = headerRecord.cells.map((c) => c.trim());
  const problems: Problem[] = [];
  const headerAt = (i: number) => ({ file: raw.file, line: headerRecord.line, column: headerRecord.columns[i] ?? 1 });

  header.forEach((name, i) => {
    if (name === '') problems.push({ ...headerAt(i), message: `header cell ${i + 1} is empty` });
    else if (header.indexOf(name) !== i)
      problems.push({ ...headerAt(i), message: `column "${name}" appears twice in the header` });
  });
  const recognition = recogniseTable(header);
  if ('problem' in recognition) return { problems: [...problems, { ...headerAt(0), message: recognition.problem }] };
  const { table, unknown } = recognition;
  for (const name of unknown) {
    const names = table.columns.map((c) => c.name);
    problems.push({
      ...headerAt(header.indexOf(name)),
      message: `unknown column "${name}" for table ${table.name}${didYouMean(name, names)}; columns are ${names.join(', ')} (a column of your own, such as a moderator for meta --mods, is named x_${name.replace(/[^A-Za-z0-9_]/g, '_')})`,
    });
  }
  if (problems.length > 0) return { problems };

  // Parallel to the header (undefined for a researcher's own x_ column), so cells[i] is column i's.
  const columns = header.map((name) => columnOf(table, name));
  const rows: Row[] = [];
  const origins: Origin[] = [];
  for (const record of records) {
    const at = (field: string) => {
      const i = header.indexOf(field);
      return { file: raw.file, line: record.line, column: i >= 0 ? (record.columns[i] ?? 1) : 1, field };
    };
    if (record.cells.length !== header.length) {
      problems.push({
        file: raw.file,
        line: record.line,
        column: 1,
        message: `row has ${record.cells.length} fields but the header has ${header.length}`,
      });
      continue;
    }
    const row: Record<string, Cell> = {};
    let rowOk = true;
    columns.forEach((column, i) => {
      if (column === undefined) {
        row[header[i] ?? ''] = ownCell(record.cells[i] ?? '');
        return;
      }
      const typed = typeCell(column, record.cells[i] ?? '');
      if ('error' in typed) {
        problems.push({ ...at(column.name), message: typed.error });
        rowOk = false;
      } else {
        row[column.name] = typed.value;
        if (column.printed && typeof typed.value === 'number')
          row[decimalsKey(column.name)] = decimalsOfText(record.cells[i] ?? '');
      }
    });
    for (const column of table.columns) if (!(column.name in row)) row[column.name] = null;
    if (!rowOk) continue;
    const ruleProblems = checkRules(table, header, row, at);
    problems.push(...ruleProblems);
    if (ruleProblems.length === 0) {
      rows.push(row);
      origins.push({
        file: raw.file,
        line: record.line,
        columns: Object.fromEntries(header.map((name, i) => [name, record.columns[i] ?? 1])),
      });
    }
  }
  return { typed: { table, file: raw.file, columns: header, rows, origins }, problems };
}

/** Joins the files of each table into one loaded table. */
export function mergeFiles(files: readonly TypedFile[]): Dataset {
  const dataset: Dataset = {};
  for (const f of files) {
    const previous = dataset[f.table.name];
    dataset[f.table.name] = {
      name: f.table.name,
      columns: [...new Set([...(previous?.columns ?? []), ...f.columns])],
      rows: [...(previous?.rows ?? []), ...f.rows],
      origins: [...(previous?.origins ?? []), ...f.origins],
      files: [...(previous?.files ?? []), f.file],
    };
  }
  return dataset;
}

/** A problem location from a row's origin, pointing at one of its cells. */
function at(origin: Origin, field: string | undefined): { file: string; line: number; column?: number } {
  const column = field === undefined ? undefined : origin.columns?.[field];
  return column === undefined
    ? { file: origin.file, line: origin.line }
    : { file: origin.file, line: origin.line, column };
}

function keyOf(table: Table, row: Row): string | undefined {
  const keys = table.columns.filter((c) => c.key);
  if (keys.length === 0) return undefined;
  return JSON.stringify(keys.map((c) => row[c.name] ?? null));
}

function duplicateProblems(table: Table, loaded: LoadedTable): Problem[] {
  const seen = new Map<string, Origin>();
  const problems: Problem[] = [];
  const keyNames = table.columns.filter((c) => c.key).map((c) => c.name);
  loaded.rows.forEach((row, i) => {
    const key = keyOf(table, row);
    const origin = loaded.origins[i];
    if (key === undefined || !origin) return;
    const first = seen.get(key);
    if (first) {
      const shown = keyNames
        .filter((n) => row[n] !== null)
        .map((n) => `${n}=${String(row[n])}`)
        .join(', ');
      problems.push({
        ...at(origin, keyNames[0]),
        message: `duplicate row (${shown}); first at ${first.file}:${first.line}`,
      });
    } else seen.set(key, origin);
  });
  return problems;
}

/** [child table, child column, parent table, parent column] */
const REFERENCES: readonly (readonly [TableName, string, TableName, string])[] = [
  ['review-studies', 'review_id', 'reviews', 'review_id'],
  ['review-studies', 'study_id', 'studies', 'study_id'],
  ['outcomes', 'study_id', 'studies', 'study_id'],
  ['adverse-events', 'study_id', 'studies', 'study_id'],
  ['adverse-events', 'review_id', 'reviews', 'review_id'],
  ['patient-records', 'study_id', 'studies', 'study_id'],
  ['pooled', 'review_id', 'reviews', 'review_id'],
  ['distributions', 'review_id', 'reviews', 'review_id'],
];

function referenceProblems(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  for (const [childName, childColumn, parentName, parentColumn] of REFERENCES) {
    const child = dataset[childName];
    const parent = dataset[parentName];
    if (!child || !parent) continue;
    const ids = new Set(parent.rows.map((r) => r[parentColumn]));
    const valid = [...ids].filter((v): v is string => typeof v === 'string');
    child.rows.forEach((row, i) => {
      const value = row[childColumn];
      const origin = child.origins[i];
      if (value === null || value === undefined || ids.has(value) || !origin) return;
      problems.push({
        ...at(origin, childColumn),
        field: childColumn,
        message: `"${String(value)}" is not a ${parentColumn} of ${parentName} (${parent.files.join(', ')})${didYouMean(String(value), valid)}`,
      });
    });
  }
  return problems;
}

/** Each claim's `where` must be a valid filter of the table its metric reads. */
function claimFilterProblems(dataset: Dataset): Problem[] {
  const claims = dataset.claims;
  if (!claims) return [];
  const problems: Problem[] = [];
  claims.rows.forEach((row, i) => {
    const origin = claims.origins[i];
    const metric = row['metric'];
    if (!origin || typeof metric !== 'string') return;
    const table = METRIC_TABLE[metric as Metric];
    const filters = splitFilters(row['where']);
    if (table === null) {
      if (filters.length > 0)
        problems.push({
          ...at(origin, 'where'),
          field: 'where',
          message: `metric ${metric} reads no table, so it takes no filter`,
        });
      return;
    }
    const fields = fieldsOf(table);
    for (const expression of filters) {
      try {
        parseWhere(expression, fields);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        problems.push({ ...at(origin, 'where'), field: 'where', message: error.message });
      }
    }
  });
  return problems;
}

/** A claim's `where` cell holds ;-separated --where expressions. */
export function splitFilters(cell: Cell | undefined): string[] {
  return typeof cell === 'string'
    ? cell
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
}

/** Checks that need all files: duplicate keys, references between tables, claim filters. */
export function crossCheck(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  for (const table of TABLES) {
    const loaded = dataset[table.name];
    if (loaded) problems.push(...duplicateProblems(table, loaded));
  }
  const clinic = dataset['clinic-records'];
  if (clinic) problems.push(...clinicRecordProblems(clinic));
  return [...problems, ...referenceProblems(dataset), ...claimFilterProblems(dataset)];
}
