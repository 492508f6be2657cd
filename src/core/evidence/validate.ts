/**
 * From parsed CSV records to typed rows: recognise the table by its header, type every cell by the
 * schema, apply the row rules, then check keys and references across tables. Pure: every problem is
 * returned (never thrown) so that the user sees all of them at once.
 */
import { UsageError, type Problem } from '../../errors.js';
import { derivedKeys, fieldsOf } from './dataset.js';
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
} from './schema/index.js';
import { decimalsKey, decimalsOfText } from './derive.js';
import { didYouMean } from '../text/suggest.js';
import { clinicRecordProblems } from '../clinic/records.js';
import { closestTableHint } from './closest-table.js';
import {
  FILE_AT,
  lazyOrigins,
  ORIGIN_AT,
  originAt,
  type Cell,
  type Dataset,
  type LoadedTable,
  type Origin,
  type Row,
} from './table.js';
import { StringIndex } from './string-index.js';
import { plainLineTyper } from './plain-line.js';

/** One CSV record with the position of each field. */
export interface RawRecord {
  line: number;
  cells: readonly string[];
  /** 1-based character column where each field starts. */
  columns: readonly number[];
}

export interface RawFile {
  file: string;
  /** An array, or records as a reader yields them (the first is the header). */
  records: Iterable<RawRecord>;
  /** The reader's fast path, when it has one: typeFile sets `take` once it knows the table. */
  plain?: PlainLines;
}

/**
 * A hook between the CSV reader and typeFile: the reader offers each line to `take` before reading
 * it as a record (text[start, end), its line number); a line `take` types is not yielded as a record.
 */
export interface PlainLines {
  /** The field separator's character code. */
  readonly separator: number;
  take?: (text: string, start: number, end: number, line: number) => boolean;
}

export interface TypedFile {
  table: Table;
  file: string;
  columns: readonly string[];
  rows: Row[];
  origins: Origin[];
  /** Row i's origin on its own (see originAt in table.ts), when the file's origins are made on first read. */
  originAt?: (i: number) => Origin | undefined;
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

/** A cell's text in a message, cut short (a hostile cell can be megabytes long). */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} characters)` : text;
}

const INTEGER = /^-?\d+$/;
// No nested ambiguity (\d+\.?\d* backtracks quadratically on a long run of digits).
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** 1 to 15 ASCII digits and nothing else: a whole number that Number() holds exactly. */
function plainDigits(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 15) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function vocabularyError(value: string, valid: readonly string[]): string {
  return `"${shorten(value)}" is not one of ${valid.join(', ')}${didYouMean(value, valid)}`;
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
        if (!Number.isSafeInteger(value))
          return {
            error: `${shorten(text)} is too large to be held exactly (the limit is ${Number.MAX_SAFE_INTEGER})`,
          };
        return value < 0 ? { error: `must not be negative, got ${text}` } : { value };
      }
      const hint = /^\d{1,3}(,\d{3})+$/.test(text) ? ' (write it without thousands separators)' : '';
      return { error: `expected a whole number, got "${shorten(text)}"${hint}` };
    }
    case 'number': {
      if (!NUMBER.test(text)) return { error: `expected a number, got "${shorten(text)}"` };
      const value = Number(text);
      return Number.isFinite(value)
        ? { value }
        : { error: `${shorten(text)} is out of range (beyond ±1.8e308, it would become infinite)` };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if ((BOOLEAN_TRUE as readonly string[]).includes(lower)) return { value: true };
      if ((BOOLEAN_FALSE as readonly string[]).includes(lower)) return { value: false };
      return { error: `expected yes/no (or true/false, 1/0), got "${shorten(text)}"` };
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

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/**
 * The row rules of a table for a file with this header, prepared once per file: a million rows
 * each walking every column of the table to find the required ones cost more than typing them.
 * Columns are found by their index in the header, once: the checker reads the row's typed cells in
 * header order (`cells[i]` is column i's), not the row by name (a lookup per rule and row). It
 * returns the row's problems (empty when it passes), in the order the rules are listed.
 */
function rowRules(
  table: Table,
  header: readonly string[],
): (cells: readonly Cell[], at: (field: string) => Omit<Problem, 'message'>) => readonly Problem[] {
  const rules = table.rules;
  // A column the file lacks is null on every row: the rules that need its value never fire, and
  // are left out here (the same problems, fewer lookups per row).
  const given = new Set(header);
  const index = new Map(header.map((name, i) => [name, i]));
  const of = (name: string): number => index.get(name) ?? -1;
  const pair = ([a, b]: readonly [string, string]) => ({ a, b, ia: of(a), ib: of(b) });
  const notAbove = (rules.notAbove ?? []).filter(([a, b]) => given.has(a) && given.has(b)).map(pair);
  const ordered = (rules.ordered ?? []).filter(([a, b]) => given.has(a) && given.has(b)).map(pair);
  const percent = (rules.percent ?? []).filter((name) => given.has(name)).map((name) => ({ name, i: of(name) }));
  const nonNegative = (rules.nonNegative ?? [])
    .filter((name) => given.has(name))
    .map((name) => ({ name, i: of(name) }));
  // A group is looked for among the columns the file has (the message names the whole group).
  const oneOf = (rules.oneOf ?? []).map((group) => ({
    group,
    present: group.filter((name) => given.has(name)).map(of),
  }));
  const requires = (rules.requires ?? []).filter(([a]) => given.has(a)).map(pair);
  const dependsOn = (rules.dependsOn ?? [])
    .filter((d) => given.has(d.column) && given.has(d.by))
    .map((d) => ({ ...d, ic: of(d.column), ib: of(d.by) }));
  const required = table.columns.filter((c) => c.required).map((c) => ({ name: c.name, i: of(c.name) }));
  const source = header.includes('source') ? of('source') : -1;
  const num = (v: Cell | undefined): number | null => (typeof v === 'number' ? v : null);
  // An index of -1 (a column the file lacks) reads undefined: not filled.
  const filled = (v: Cell | undefined): boolean => v !== null && v !== undefined;
  return (cells, at) => {
    let problems: Problem[] | undefined;
    const add = (problem: Problem) => (problems ??= []).push(problem);
    for (const { a: part, b: whole, ia, ib } of notAbove) {
      const a = num(cells[ia]);
      const b = num(cells[ib]);
      if (a !== null && b !== null && a > b) {
        add({ ...at(part), message: `${a} exceeds ${whole} (${b})` });
      }
    }
    for (const { a: low, b: high, ia, ib } of ordered) {
      const a = num(cells[ia]);
      const b = num(cells[ib]);
      if (a !== null && b !== null && a > b) {
        add({ ...at(low), message: `${a} is greater than ${high} (${b})` });
      }
    }
    for (const { name, i } of percent) {
      const v = num(cells[i]);
      if (v !== null && (v < 0 || v > 100))
        add({ ...at(name), message: `a percentage must lie in [0, 100], got ${v}` });
    }
    for (const { name, i } of nonNegative) {
      const v = num(cells[i]);
      if (v !== null && v < 0) add({ ...at(name), message: `must not be negative, got ${v}` });
    }
    for (const { group, present } of oneOf) {
      if (!present.some((i) => filled(cells[i]))) {
        const first = group[0] ?? '';
        add({ ...at(first), message: `at least one of ${group.join(', ')} must be filled` });
      }
    }
    for (const { a: givenName, b: needed, ia, ib } of requires) {
      if (filled(cells[ia]) && !filled(cells[ib])) add({ ...at(needed), message: `empty, but ${givenName} is given` });
    }
    for (const { column, values, ic, ib } of dependsOn) {
      const key = cells[ib];
      const value = cells[ic];
      if (typeof key !== 'string' || typeof value !== 'string') continue;
      const allowed = values[key];
      if (allowed && !allowed.includes(value.toUpperCase()))
        add({ ...at(column), message: `"${value}" is not a ${key} measure (${allowed.join(', ')})` });
    }
    // A required column names the row (study_id, review_id, ...): an empty cell would enter analyses as "?".
    for (const { name, i } of required)
      if (cells[i] === null) add({ ...at(name), message: `empty; ${name} is required on every row` });
    // A researcher's own file may omit the column; a file that has it fills it on every row.
    if (source >= 0 && cells[source] === null) {
      add({ ...at('source'), message: 'empty; every row must name where its values were seen' });
    }
    return problems ?? NO_PROBLEMS;
  };
}

/**
 * The line and field offsets of every row of one file, one number per field in one growing array:
 * an array per row would cost more than the row's own cells (about 90 bytes, a million rows 90 MB),
 * and so would an origin object per row (about 60 bytes): origins are made from these when asked.
 */
class FileOffsets {
  private data = new Int32Array(1024);
  private lines = new Int32Array(256);
  private rows = 0;
  constructor(
    readonly file: string,
    readonly header: ReadonlyMap<string, number>,
    private readonly width: number,
  ) {}
  /** Keeps the next row's line and offsets. */
  add(line: number, offsets: ArrayLike<number>): void {
    const index = this.rows * this.width;
    if (index + this.width > this.data.length) {
      const grown = new Int32Array(Math.max(2 * this.data.length, index + this.width));
      grown.set(this.data);
      this.data = grown;
    }
    if (this.rows >= this.lines.length) {
      const grown = new Int32Array(2 * this.lines.length);
      grown.set(this.lines);
      this.lines = grown;
    }
    for (let i = 0; i < this.width; i++) this.data[index + i] = offsets[i] ?? 1;
    this.lines[this.rows++] = line;
  }
  at(index: number, field: number): number {
    return this.data[index + field] ?? 1;
  }
  /** The origin of row `row` (0-based, in the order added), or undefined past the last. */
  origin(row: number): Origin | undefined {
    if (row < 0 || row >= this.rows) return undefined;
    return new RecordOrigin(this.file, this.lines[row] ?? 0, this, row * this.width);
  }
  all(): Origin[] {
    return Array.from({ length: this.rows }, (_, row) => this.origin(row) as Origin);
  }
}

/**
 * A row's origin; the by-name columns are made only when a message asks for them (one object per
 * row of a million-row file would cost more than the row).
 */
class RecordOrigin implements Origin {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly offsets: FileOffsets,
    private readonly index: number,
  ) {}
  get columns(): Readonly<Record<string, number>> {
    return Object.fromEntries([...this.offsets.header].map(([name, i]) => [name, this.offsets.at(this.index, i)]));
  }
}

/** Types the records of one file. The first record is the header. */
export function typeFile(raw: RawFile): { typed?: TypedFile; problems: Problem[] } {
  const iterator = raw.records[Symbol.iterator]();
  const first = iterator.next();
  const headerRecord = first.done ? undefined : first.value;
  const records: Iterable<RawRecord> = { [Symbol.iterator]: () => iterator };
  if (!headerRecord)
    return { problems: [{ file: raw.file, line: 1, message: 'file is empty; expected a header row' }] };
  const header = headerRecord.cells.map((c) => c.trim());
  const problems: Problem[] = [];
  const headerAt = (i: number) => ({ file: raw.file, line: headerRecord.line, column: headerRecord.columns[i] ?? 1 });

  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') problems.push({ ...headerAt(i), message: `header cell ${i + 1} is empty` });
    else if (seen.has(name))
      problems.push({ ...headerAt(i), message: `column "${shorten(name)}" appears twice in the header` });
    seen.add(name);
  });
  const recognition = recogniseTable(header);
  if ('problem' in recognition) return { problems: [...problems, { ...headerAt(0), message: recognition.problem }] };
  const { table, unknown } = recognition;
  const names = table.columns.map((c) => c.name);
  const unknownSet = new Set(unknown);
  header.forEach((name, i) => {
    if (!unknownSet.has(name)) return;
    unknownSet.delete(name);
    problems.push({
      ...headerAt(i),
      message: `unknown column "${shorten(name)}" for table ${table.name}${didYouMean(name, names)}; columns are ${names.join(', ')} (a column of your own, such as a moderator for meta --mods, is named x_${name.replace(/[^A-Za-z0-9_]/g, '_')})`,
    });
  });
  if (problems.length > 0) return { problems };

  // Parallel to the header (undefined for a researcher's own x_ column), so cells[i] is column i's.
  const columns = header.map((name) => columnOf(table, name));
  const indexOf = new Map(header.map((name, i) => [name, i]));
  // Every key a row gets, in the order rows had them: the file's columns (with the printed
  // decimals of those that keep them, undefined until known), then enrich's slots. Not the table's
  // other columns: readers take an absent column as empty (`?? null`), and a million rows of every
  // column would hold half a gigabyte whatever the file gives.
  // (Object.fromEntries, so that the template itself has fast properties and copies quickly.)
  const keys: [string, Cell][] = [];
  columns.forEach((column, i) => {
    keys.push([column?.name ?? header[i] ?? '', null]);
    if (column?.printed) keys.push([decimalsKey(column.name), undefined as unknown as Cell]);
  });
  const inFile = new Set(header);
  // Slots for the fields enrich adds (see derivedKeys), so that it fills rows without reshaping them.
  for (const name of derivedKeys(table)) if (!inFile.has(name) && !columnOf(table, name)) keys.push([name, null]);
  const template: Record<string, Cell> = Object.fromEntries(keys);
  const rows: Row[] = [];
  const offsets = new FileOffsets(raw.file, indexOf, header.length);
  const rules = rowRules(table, header);
  const width = header.length;
  if (raw.plain) {
    // Plain lines typed from the text (plain-line.ts), in file order between the records read.
    const typer = plainLineTyper(columns, header, template, raw.plain.separator);
    const starts = new Int32Array(width);
    const typedCells: Cell[] = header.map(() => null);
    let line = 0;
    const at = (field: string) => {
      const i = indexOf.get(field) ?? -1;
      return { file: raw.file, line, column: i >= 0 ? (starts[i] ?? 1) : 1, field };
    };
    raw.plain.take = (text, start, end, lineNumber) => {
      const row = typer(text, start, end, starts, typedCells);
      if (row === undefined) return false;
      line = lineNumber;
      const ruleProblems = rules(typedCells, at);
      for (const p of ruleProblems) problems.push(p);
      if (ruleProblems.length === 0) {
        rows.push(row);
        offsets.add(lineNumber, starts);
      }
      return true;
    };
  }
  const cellsInOrder: Cell[] = header.map(() => null);
  for (const record of records) {
    const at = (field: string) => {
      const i = indexOf.get(field) ?? -1;
      return { file: raw.file, line: record.line, column: i >= 0 ? (record.columns[i] ?? 1) : 1, field };
    };
    const cells = record.cells;
    if (cells.length !== width) {
      problems.push({
        file: raw.file,
        line: record.line,
        column: 1,
        message: `row has ${cells.length} fields but the header has ${width}`,
      });
      continue;
    }
    // A copy of one template keeps every row of the file in one compact shape; adding 30 keys to
    // {} one by one makes a slow dictionary object of about 1.7 kB, a million of them 1.7 GB.
    const row: Record<string, Cell> = { ...template };
    let rowOk = true;
    for (let i = 0; i < width; i++) {
      const column = columns[i];
      const cell = cells[i] ?? '';
      if (column === undefined) {
        row[header[i] ?? ''] = ownCell(cell);
        continue;
      }
      // The common cells typed here without a result object: plain text, and short runs of digits
      // (safe integers by their length); everything else as typeCell says.
      const kind = column.type.kind;
      if (kind === 'text') {
        const text = cell.trim();
        row[column.name] = text === '' ? null : text;
        continue;
      }
      if (kind === 'integer' && !column.printed && plainDigits(cell)) {
        row[column.name] = Number(cell);
        continue;
      }
      const typed = typeCell(column, cell);
      if ('error' in typed) {
        problems.push({ ...at(column.name), message: typed.error });
        rowOk = false;
      } else {
        row[column.name] = typed.value;
        if (column.printed && typeof typed.value === 'number') row[decimalsKey(column.name)] = decimalsOfText(cell);
      }
    }
    if (!rowOk) continue;
    for (let i = 0; i < width; i++) cellsInOrder[i] = row[header[i] ?? ''] ?? null;
    const ruleProblems = rules(cellsInOrder, at);
    for (const p of ruleProblems) problems.push(p);
    if (ruleProblems.length === 0) {
      rows.push(row);
      offsets.add(record.line, record.columns);
    }
  }
  const typed = lazyOrigins(
    {
      table,
      file: raw.file,
      columns: header,
      rows,
      origins: [] as Origin[],
      originAt: (i: number) => offsets.origin(i),
    },
    () => offsets.all(),
  );
  return { typed, problems };
}

/** Joins the files of each table into one loaded table. */
export function mergeFiles(files: readonly TypedFile[]): Dataset {
  const byTable = new Map<TableName, TypedFile[]>();
  for (const f of files) {
    const list = byTable.get(f.table.name);
    if (list) list.push(f);
    else byTable.set(f.table.name, [f]);
  }
  const dataset: Dataset = {};
  for (const [name, parts] of byTable) {
    const only = parts.length === 1 ? parts[0] : undefined;
    // Where each file's rows start in the joined table, for an origin by index.
    const starts: number[] = [];
    let count = 0;
    for (const f of parts) {
      starts.push(count);
      count += f.rows.length;
    }
    const partOf = (i: number): number => {
      let k = parts.length - 1;
      while (k > 0 && (starts[k] ?? 0) > i) k--;
      return k;
    };
    const originAt = (i: number): Origin | undefined => {
      const k = partOf(i);
      const f = parts[k];
      if (!f) return undefined;
      const j = i - (starts[k] ?? 0);
      return f.originAt ? f.originAt(j) : f.origins[j];
    };
    const fileAt = (i: number): string | undefined => {
      const k = partOf(i);
      const f = parts[k];
      if (!f || i < 0 || i >= count) return undefined;
      return f.originAt ? f.file : f.origins[i - (starts[k] ?? 0)]?.file;
    };
    // Origins (a million objects for a million rows) are made only if a check reads them as an array.
    const table: LoadedTable = lazyOrigins(
      {
        name,
        columns: [...new Set(parts.flatMap((f) => f.columns))],
        rows: only ? only.rows : parts.flatMap((f) => f.rows),
        origins: [] as readonly Origin[],
        files: parts.map((f) => f.file),
      },
      () => (only ? only.origins : parts.flatMap((f) => f.origins)),
    );
    // Not enumerable: a table equals (toEqual, a spread) one with the same rows and origins.
    dataset[name] = Object.defineProperties(table, { [ORIGIN_AT]: { value: originAt }, [FILE_AT]: { value: fileAt } });
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

function keyOf(keys: readonly Column[], row: Row): string | undefined {
  if (keys.length === 0) return undefined;
  // One text key (the usual case) is its own key: no JSON per row.
  const only = keys.length === 1 ? row[keys[0]?.name ?? ''] : undefined;
  if (typeof only === 'string') return `s${only}`;
  return JSON.stringify(keys.map((c) => row[c.name] ?? null));
}

function duplicateProblems(table: Table, loaded: LoadedTable): Problem[] {
  // Row indexes, not origins: a row's origin is looked at only when it is reported.
  const seen = new StringIndex();
  const problems: Problem[] = [];
  const keyNames = table.columns.filter((c) => c.key).map((c) => c.name);
  const keyColumns = table.columns.filter((c) => c.key);
  // Rows are told apart by their first key (study_id) first: only rows sharing it need the whole
  // key, so a million rows of distinct studies make no million JSON keys. The row index is kept
  // until a second row shares the first key (-1 once its whole key is in `seen`).
  const lead = keyColumns.length > 1 ? new StringIndex() : undefined;
  const leadName = keyNames[0] ?? '';
  const rows = loaded.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    const first = row[leadName];
    if (lead && typeof first === 'string') {
      const j = lead.getOrSet(first, i);
      if (j === undefined) continue;
      if (j >= 0) {
        const earlier = rows[j];
        const key = earlier ? keyOf(keyColumns, earlier) : undefined;
        if (key !== undefined && seen.get(key) === undefined) seen.set(key, j);
        lead.set(first, -1);
      }
    }
    const key = keyOf(keyColumns, row);
    if (key === undefined) continue;
    // A new key gets this row's index; a known key keeps its first row's.
    const j = seen.getOrSet(key, i);
    const earlier = j === undefined ? undefined : originAt(loaded, j);
    if (earlier) {
      const origin = originAt(loaded, i);
      if (!origin) continue;
      const shown = keyNames
        .filter((n) => (row[n] ?? null) !== null)
        .map((n) => `${n}=${String(row[n])}`)
        .join(', ');
      problems.push({
        ...at(origin, keyNames[0]),
        message: `duplicate row (${shown}); first at ${earlier.file}:${earlier.line}`,
      });
    } else if (j !== undefined) seen.set(key, i);
  }
  return problems;
}

const SUGGESTED_REFERENCES = 50;

/** [child table, child column, parent table, parent column] */
const REFERENCES: readonly (readonly [TableName, string, TableName, string])[] = [
  ['review-studies', 'review_id', 'reviews', 'review_id'],
  ['review-studies', 'study_id', 'studies', 'study_id'],
  ['outcomes', 'study_id', 'studies', 'study_id'],
  ['adverse-events', 'study_id', 'studies', 'study_id'],
  ['adverse-events', 'review_id', 'reviews', 'review_id'],
  ['patient-records', 'study_id', 'studies', 'study_id'],
  ['pooled', 'review_id', 'reviews', 'review_id'],
  ['analyses', 'review_id', 'reviews', 'review_id'],
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
    // Suggestions for the first few only: the rest are counted, not shown (see io/problems.ts).
    let suggested = 0;
    child.rows.forEach((row, i) => {
      const value = row[childColumn];
      if (value === null || value === undefined || ids.has(value)) return;
      const origin = originAt(child, i);
      if (!origin) return;
      const hint = suggested++ < SUGGESTED_REFERENCES ? didYouMean(String(value), valid) : '';
      problems.push({
        ...at(origin, childColumn),
        field: childColumn,
        message: `"${shorten(String(value))}" is not a ${parentColumn} of ${parentName} (${parent.files.join(', ')})${hint}`,
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
    const origin = originAt(claims, i);
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

/**
 * Checks that need all files: duplicate keys, references between tables, claim filters.
 * `rejected` names the files with rows already refused: checks that a missing row would trip
 * (a clinic patient's visit 1) are left out there, so one bad cell gives one error, not two.
 */
export function crossCheck(dataset: Dataset, rejected: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  for (const table of TABLES) {
    const loaded = dataset[table.name];
    if (loaded) for (const p of duplicateProblems(table, loaded)) problems.push(p);
  }
  const clinic = dataset['clinic-records'];
  if (clinic) for (const p of clinicRecordProblems(clinic, rejected)) problems.push(p);
  for (const p of referenceProblems(dataset)) problems.push(p);
  for (const p of claimFilterProblems(dataset)) problems.push(p);
  return problems;
}
