/**
 * A researcher's own column names (metafor's escalc names, meta's, capitalised headers) read as the
 * names of this data model, before a file is typed. Pure: records in, records out, with a note that
 * says how each column was read. Study-level columns in an outcomes or adverse-events file (year,
 * authors, country, ...) become a studies table of one row per study, so that the data model stays
 * one fact in one place.
 */
import type { Problem } from '../../errors.js';
import { normalQuantile } from '../stats/index.js';
import { TABLES, columnOf } from './schema/index.js';
import { recogniseTable, type RawFile, type RawRecord } from './validate.js';

/** Another program's name for a column of this data model (lower case). */
const RENAMES: Readonly<Record<string, string>> = {
  // metafor (escalc: ai,bi,ci,di; n1i,n2i; m1i,sd1i,m2i,sd2i; xi,ni)
  ai: 'events_treatment',
  ci: 'events_control',
  n1i: 'n_treatment',
  n2i: 'n_control',
  m1i: 'mean_treatment',
  sd1i: 'sd_treatment',
  m2i: 'mean_control',
  sd2i: 'sd_control',
  xi: 'patients_with_event',
  ni: 'patients_exposed',
  // meta (metabin, metacont: event.e, n.e, ...; studlab; sm)
  'event.e': 'events_treatment',
  'n.e': 'n_treatment',
  'event.c': 'events_control',
  'n.c': 'n_control',
  'mean.e': 'mean_treatment',
  'sd.e': 'sd_treatment',
  'mean.c': 'mean_control',
  'sd.c': 'sd_control',
  measure: 'effect_measure',
  sm: 'effect_measure',
  // A column naming the study.
  study: 'study_id',
  studlab: 'study_id',
};

/** Columns the reader turns into others: non-events into arm sizes, yi/vi into an effect with its CI. */
const CONSUMED = ['bi', 'di', 'yi', 'vi', 'sei', 'te', 'sete'] as const;

/** Columns of studies.csv that a researcher's outcomes or adverse-events file may carry. */
const STUDY_LEVEL = [
  'short_name',
  'authors',
  'title',
  'journal',
  'year',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'country',
  'condition',
  'design',
] as const;

/** A header with one of these is an outcomes header, where measure is the effect's (pooled.csv has its own). */
const EFFECT_HEADERS = new Set(['yi', 'te', 'vi', 'sei', 'sete', 'effect']);
const STUDY_NAMING = new Set(['study_id', 'study', 'studlab']);
const ALL_COLUMNS = new Set(TABLES.flatMap((t) => t.columns.map((c) => c.name)));
const NUMERIC = new Set(
  TABLES.flatMap((t) => t.columns.filter((c) => c.type.kind === 'number' || c.type.kind === 'integer')).map(
    (c) => c.name,
  ),
);
const RATIO = new Set(['RR', 'OR']);

export interface ReadOptions {
  /** The decimal separator of numeric cells. */
  decimal: '.' | ',';
}

export interface AdaptedFile {
  files: RawFile[];
  notes: string[];
  problems: Problem[];
}

/** How the header's cells are read: canonical name, a consumed helper, or kept as written. */
function readHeader(header: readonly string[]): { names: string[]; renamed: string[] } {
  const lower = header.map((h) => h.trim().toLowerCase());
  const namesStudy = lower.some((h) => STUDY_NAMING.has(h));
  const renamed: string[] = [];
  const names = header.map((cell, i) => {
    const h = lower[i] ?? '';
    let name: string;
    if (h === 'measure' && lower.some((x) => EFFECT_HEADERS.has(x))) name = 'effect_measure';
    else if (ALL_COLUMNS.has(h)) name = h;
    else if (h === 'author') name = namesStudy ? 'authors' : 'study_id';
    else if (RENAMES[h] !== undefined) name = RENAMES[h];
    else if ((CONSUMED as readonly string[]).includes(h)) name = h;
    else name = cell.trim();
    if (name !== cell.trim() && !(CONSUMED as readonly string[]).includes(name))
      renamed.push(`${cell.trim()} → ${name}`);
    return name;
  });
  return { names, renamed };
}

interface Cells {
  cells: string[];
  columns: number[];
}

const DECIMAL_COMMA = /^\s*[-+]?\d*,\d+([eE][-+]?\d+)?\s*$/;

/** Reads a file's header as the data model's names; returns the file unchanged when nothing needs reading. */
/** Whether a header (and the decimal separator) asks for any adapting at all. */
export function needsAdapting(header: readonly string[], options: ReadOptions): boolean {
  const { names } = readHeader(header);
  const consumed = names.some((n) => (CONSUMED as readonly string[]).includes(n));
  const unchanged = names.every((n, i) => n === header[i]);
  if (!unchanged || consumed || options.decimal !== '.') return true;
  // Study-level columns are split off only from an outcomes or adverse-events file.
  const recognised = recogniseTable(names);
  const table = 'table' in recognised ? recognised.table.name : undefined;
  return (
    (table === 'outcomes' || table === 'adverse-events') &&
    names.some((n) => (STUDY_LEVEL as readonly string[]).includes(n))
  );
}

export function adaptRaw(raw: RawFile, options: ReadOptions): AdaptedFile {
  const [headerRecord, ...records] = raw.records;
  if (!headerRecord || !needsAdapting(headerRecord.cells, options)) return { files: [raw], notes: [], problems: [] };
  const { names, renamed } = readHeader(headerRecord.cells);

  const problems: Problem[] = [];
  const notes: string[] = [];
  const headerAt = (name: string) => ({
    file: raw.file,
    line: headerRecord.line,
    column: headerRecord.columns[names.indexOf(name)] ?? 1,
  });
  const rows: Cells[] = records.map((r) => ({ cells: [...r.cells], columns: [...r.columns] }));
  const header = [...names];
  const headerColumns = [...headerRecord.columns];

  const index = (name: string) => header.indexOf(name);
  const cellOf = (row: Cells, name: string) => (index(name) >= 0 ? (row.cells[index(name)] ?? '').trim() : '');
  /** Adds a column computed from another (placed at the source's position for error messages). */
  const addColumn = (name: string, from: string): number => {
    const existing = index(name);
    if (existing >= 0) return existing;
    header.push(name);
    headerColumns.push(headerColumns[index(from)] ?? 1);
    for (const row of rows) {
      row.cells.push('');
      row.columns.push(row.columns[index(from)] ?? 1);
    }
    return header.length - 1;
  };
  const number = (row: Cells, name: string, record: RawRecord): number | null => {
    const text = cellOf(row, name);
    if (text === '') return null;
    const value = Number(options.decimal === ',' ? text.replace(',', '.') : text);
    if (!Number.isFinite(value)) {
      problems.push({
        file: raw.file,
        line: record.line,
        column: row.columns[index(name)] ?? 1,
        field: name,
        message: `expected a number, got "${text}"`,
      });
      return null;
    }
    return value;
  };

  // Decimal commas, in the cells of numeric columns only (text such as "pages 1,2" stays).
  if (options.decimal === ',') {
    header.forEach((name, i) => {
      if (!NUMERIC.has(name) && !(CONSUMED as readonly string[]).includes(name)) return;
      for (const row of rows) {
        const text = row.cells[i] ?? '';
        if (DECIMAL_COMMA.test(text)) row.cells[i] = text.replace(',', '.');
      }
    });
  }

  // bi, di: the arm sizes are events plus non-events (metafor's 2x2 cells).
  for (const [nonEvents, events, size] of [
    ['bi', 'events_treatment', 'n_treatment'],
    ['di', 'events_control', 'n_control'],
  ] as const) {
    if (index(nonEvents) < 0) continue;
    if (index(events) < 0) {
      problems.push({ ...headerAt(nonEvents), message: `${nonEvents} (non-events) needs the events column beside it` });
      continue;
    }
    const hadSize = index(size) >= 0;
    const target = addColumn(size, nonEvents);
    rows.forEach((row, r) => {
      const record = records[r] as RawRecord;
      const a = number(row, events, record);
      const b = number(row, nonEvents, record);
      if (a === null || b === null) return;
      const n = a + b;
      if (hadSize && cellOf(row, size) !== '' && Number(cellOf(row, size)) !== n) {
        problems.push({
          file: raw.file,
          line: record.line,
          column: row.columns[target] ?? 1,
          field: size,
          message: `${cellOf(row, size)} is not ${events} + ${nonEvents} (${n})`,
        });
      } else row.cells[target] = String(n);
    });
    notes.push(`${events} + ${nonEvents} → ${size}`);
  }

  // yi with vi or sei (metafor), TE with seTE (meta): an effect on the analysis scale with its CI.
  const estimate = index('yi') >= 0 ? 'yi' : index('te') >= 0 ? 'te' : undefined;
  if (estimate) {
    const spread = ['vi', 'sei', 'sete'].find((n) => index(n) >= 0);
    if (!spread)
      problems.push({ ...headerAt(estimate), message: `${estimate} needs its variance (vi) or standard error (sei)` });
    else if (index('effect_measure') < 0)
      problems.push({
        ...headerAt(estimate),
        message: `${estimate} is on the analysis scale of a measure: add a column measure (RR, OR, RD, MD or SMD)`,
      });
    else {
      const effect = addColumn('effect', estimate);
      const low = addColumn('ci_low', spread);
      const high = addColumn('ci_high', spread);
      const z = normalQuantile(0.975);
      rows.forEach((row, r) => {
        const record = records[r] as RawRecord;
        const y = number(row, estimate, record);
        const s = number(row, spread, record);
        if (y === null || s === null) return;
        const se = spread === 'vi' ? Math.sqrt(s) : s;
        const back = RATIO.has(cellOf(row, 'effect_measure')) ? Math.exp : (x: number) => x;
        row.cells[effect] = String(back(y));
        row.cells[low] = String(back(y - z * se));
        row.cells[high] = String(back(y + z * se));
      });
      notes.push(`${estimate}, ${spread} → effect, ci_low, ci_high (95% Wald CI, back-transformed for RR and OR)`);
    }
  }

  // Drop the consumed helper columns.
  const keep = header.map((n) => !(CONSUMED as readonly string[]).includes(n));
  // Cells past the header stay, so that typing still reports a row longer than its header.
  const pick = <T>(xs: readonly T[]): T[] => xs.filter((_, i) => keep[i] ?? true);
  let finalHeader = pick(header);
  let finalColumns = pick(headerColumns);
  let finalRows = rows.map((row) => ({ cells: pick(row.cells), columns: pick(row.columns) }));

  const recognised = recogniseTable(finalHeader);
  const table = 'table' in recognised ? recognised.table : undefined;
  const files: RawFile[] = [];
  if (table && (table.name === 'outcomes' || table.name === 'adverse-events')) {
    const studyColumns = finalHeader.filter(
      (n) => (STUDY_LEVEL as readonly string[]).includes(n) && !columnOf(table, n),
    );
    const id = finalHeader.indexOf('study_id');
    if (studyColumns.length > 0 && id >= 0) {
      const split = splitStudies(raw, records, finalHeader, finalColumns, finalRows, studyColumns, problems);
      files.push(split.studies);
      notes.push(`${studyColumns.join(', ')} → studies table (one row per study)`);
      if (split.renamedStudies > 0)
        notes.push(`${split.renamedStudies} study names shared by studies of different years get their year added`);
      finalRows = split.rows;
      const keepCols = finalHeader.map((n) => !studyColumns.includes(n));
      finalHeader = finalHeader.filter((_, i) => keepCols[i]);
      finalColumns = finalColumns.filter((_, i) => keepCols[i]);
      finalRows = finalRows.map((row) => ({
        cells: row.cells.filter((_, i) => keepCols[i]),
        columns: row.columns.filter((_, i) => keepCols[i]),
      }));
    }
  }
  const main: RawFile = {
    file: raw.file,
    records: [
      { line: headerRecord.line, cells: finalHeader, columns: finalColumns },
      ...finalRows.map((row, r) => ({ line: (records[r] as RawRecord).line, cells: row.cells, columns: row.columns })),
    ],
  };
  files.unshift(main);
  const read = [...renamed, ...notes];
  return { files, notes: read.length > 0 ? [`columns read as ${read.join('; ')}`] : [], problems };
}

/**
 * One studies row per study_id, from the study-level columns of an outcomes file; a study whose
 * name recurs with different years (metafor's dat.bcg: "Rosenthal et al" 1941 and 1961) is told
 * apart by its year.
 */
function splitStudies(
  raw: RawFile,
  records: readonly RawRecord[],
  header: readonly string[],
  headerColumns: readonly number[],
  rows: Cells[],
  studyColumns: readonly string[],
  problems: Problem[],
): { studies: RawFile; rows: Cells[]; renamedStudies: number } {
  const [headerRecord] = raw.records;
  const headerLine = headerRecord?.line ?? 1;
  const id = header.indexOf('study_id');
  const year = header.indexOf('year');
  const yearsOf = new Map<string, Set<string>>();
  for (const row of rows) {
    const name = (row.cells[id] ?? '').trim();
    if (year >= 0) yearsOf.set(name, (yearsOf.get(name) ?? new Set()).add((row.cells[year] ?? '').trim()));
  }
  const shared = new Set([...yearsOf].filter(([name, years]) => name !== '' && years.size > 1).map(([name]) => name));
  const out = rows.map((row) => {
    const name = (row.cells[id] ?? '').trim();
    if (!shared.has(name)) return row;
    const cells = [...row.cells];
    cells[id] = `${name} ${(row.cells[year] ?? '').trim()}`.trim();
    return { cells, columns: row.columns };
  });
  const indexes = studyColumns.map((n) => header.indexOf(n));
  const seen = new Map<string, { line: number; cells: string[] }>();
  const studyRecords: RawRecord[] = [];
  out.forEach((row, r) => {
    const record = records[r] as RawRecord;
    const studyId = (row.cells[id] ?? '').trim();
    if (studyId === '') return;
    const cells = [studyId, ...indexes.map((i) => row.cells[i] ?? '')];
    const first = seen.get(studyId);
    if (first) {
      cells.forEach((cell, c) => {
        if (c > 0 && cell.trim() !== (first.cells[c] ?? '').trim()) {
          const name = studyColumns[c - 1] ?? '';
          problems.push({
            file: raw.file,
            line: record.line,
            column: row.columns[indexes[c - 1] ?? 0] ?? 1,
            field: name,
            message: `study ${studyId} has ${name} "${cell.trim()}" here but "${(first.cells[c] ?? '').trim()}" on line ${first.line}`,
          });
        }
      });
      return;
    }
    seen.set(studyId, { line: record.line, cells });
    studyRecords.push({
      line: record.line,
      cells,
      columns: [row.columns[id] ?? 1, ...indexes.map((i) => row.columns[i] ?? 1)],
    });
  });
  const studies: RawFile = {
    file: raw.file,
    records: [
      {
        line: headerLine,
        cells: ['study_id', ...studyColumns],
        columns: [headerColumns[id] ?? 1, ...indexes.map((i) => headerColumns[i] ?? 1)],
      },
      ...studyRecords,
    ],
  };
  return { studies, rows: out, renamedStudies: shared.size };
}
