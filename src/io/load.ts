/** Reads CSV files, folders and stdin into a typed, checked dataset. */
import { existsSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError, type Problem } from '../errors.js';
import {
  crossCheck,
  mergeFiles,
  typeFile,
  type RawFile,
  type RawRecord,
  type TypedFile,
} from '../core/evidence/validate.js';
import type { Dataset } from '../core/evidence/table.js';
import { streamCsv } from './csv.js';
import { decodeText } from './decode.js';
import { capProblems } from './problems.js';
import { readOptionsFor, readResearcherFile, readsAsIs, type FileReadOptions } from './read-options.js';
import type { Io } from './io.js';
import { readSnapshot } from './snapshot.js';
import { aggregatePatientRecords, readPatientFile } from './patient-file.js';
import { isPatientHeader, type PatientAggregate } from '../core/evidence/patient-aggregate.js';

/** The bundled data folder: data/ of the package this file belongs to (built bundle or sources). */
export function bundledDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'data');
}

/** The build's snapshot of the bundled data (see snapshot.ts), next to the bundle. */
export function bundledSnapshotFile(): string {
  return path.join(path.dirname(bundledDataDir()), 'dist', 'data.json');
}

interface Source {
  label: string;
  read(): Promise<Uint8Array | string>;
  /** The file's full path (not for stdin): a patient-level file is streamed from it (patient-file.ts). */
  path?: string;
}

function label(p: string, cwd: string): string {
  const relative = path.relative(cwd, p);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
}

/**
 * Every path is looked at (stat, never open) before any file is read: a FIFO or a device would
 * block the read or never end, so special files are refused here, like unreadable folders.
 */
async function sourcesOf(paths: readonly string[], io: Io): Promise<{ sources: Source[]; problems: Problem[] }> {
  const sources: Source[] = [];
  const problems: Problem[] = [];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('--data names stdin ("-") more than once');
  const addFile = (full: string, shown: string, info: Stats) => {
    const special = specialFile(info);
    if (special) problems.push({ file: shown, message: `${special}, not a regular file: give a CSV file or a folder` });
    else sources.push({ label: shown, read: () => readFile(full), path: full });
  };
  for (const given of paths) {
    if (given === '-') {
      sources.push({ label: '<stdin>', read: () => io.readStdin() });
      continue;
    }
    const full = path.resolve(io.cwd, given);
    const info = await stat(full).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (info instanceof Error) {
      problems.push({
        file: given,
        message: info.code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${readError(info)}`,
      });
    } else if (info.isDirectory()) {
      const entries = await readdir(full).catch((error: unknown) => error as NodeJS.ErrnoException);
      if (entries instanceof Error) {
        problems.push({ file: given, message: `cannot read the folder: ${readError(entries)}` });
        continue;
      }
      const names = entries.filter((n) => n.toLowerCase().endsWith('.csv')).sort();
      if (names.length === 0) problems.push({ file: given, message: 'folder holds no .csv files' });
      for (const name of names) {
        const file = path.join(full, name);
        const shown = label(file, io.cwd);
        const entry = await stat(file).catch((error: unknown) => error as NodeJS.ErrnoException);
        if (entry instanceof Error) problems.push({ file: shown, message: `cannot read: ${readError(entry)}` });
        else if (entry.isDirectory()) problems.push({ file: shown, message: 'cannot read: it is a folder' });
        else addFile(file, shown, entry);
      }
    } else {
      addFile(full, label(full, io.cwd), info);
    }
  }
  return { sources, problems };
}

function specialFile(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return info.isFile() ? undefined : 'a special file';
}

/** Loads and checks every file; throws InputError listing every problem found. */
export async function loadDataset(paths: readonly string[], io: Io, read: FileReadOptions = {}): Promise<Dataset> {
  if (paths.length === 0 && read.delimiter === undefined && read.decimal === undefined) {
    const snapshot = readSnapshot(bundledSnapshotFile(), bundledDataDir(), (file) => label(file, io.cwd));
    if (snapshot) {
      outcomeWithoutPatients(read, 0);
      return snapshot;
    }
  }
  const { sources, problems } = await sourcesOf(paths.length > 0 ? paths : [bundledDataDir()], io);
  const typed: TypedFile[] = [];
  const notes: string[] = [];
  let patientFiles = 0;
  for (const source of sources) {
    const patients = source.path
      ? // A file that cannot be opened is reported by the whole-file read below, as before.
        await readPatientFile(source.path, source.label, io, read, read.patients ?? {}).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code === undefined) throw error;
          return undefined;
        })
      : undefined;
    if (patients) {
      patientFiles++;
      addPatients(patients, typed, problems, notes);
      continue;
    }
    let content: Uint8Array | string;
    try {
      content = await source.read();
    } catch (error) {
      problems.push({ file: source.label, message: `cannot read: ${readError(error)}` });
      continue;
    }
    const decoded = typeof content === 'string' ? { text: content } : decodeText(content);
    if (!('text' in decoded)) {
      problems.push({ file: source.label, line: decoded.line, column: decoded.column, message: decoded.message });
      continue;
    }
    const how = readOptionsFor(decoded.text, read);
    const stream = streamCsv(source.label, decoded.text, how.delimiter);
    const records = stream.records[Symbol.iterator]();
    const header = records.next();
    const files: RawFile[] = [];
    if (!header.done && readsAsIs(header.value.cells, how) && isPatientHeader(header.value.cells)) {
      patientFiles++;
      const aggregate = aggregatePatientRecords(source.label, header.value, iterate(records), read.patients ?? {});
      // As below: the reader's problems first, and no rows from a file it could not read to the end.
      for (const p of stream.problems) problems.push(p);
      if (stream.problems.length === 0) addPatients(aggregate, typed, problems, notes);
      continue;
    }
    if (header.done || readsAsIs(header.value.cells, how)) {
      // The common case streams: rows go from the reader to typing, never all held as text.
      files.push({
        file: source.label,
        records: header.done ? [] : prepend(header.value, records),
        plain: stream.plain,
      });
    } else {
      // A researcher's names, delimiter or decimal commas: the whole file is read, then adapted.
      const raw = { file: source.label, records: [header.value, ...iterate(records)] };
      if (stream.problems.length === 0) {
        const adapted = readResearcherFile(raw, how);
        for (const p of adapted.problems) problems.push(p);
        notes.push(...adapted.notes);
        if (adapted.problems.length === 0)
          for (const file of adapted.files) {
            // A researcher's patient-level file (its delimiter, decimal commas): aggregated like any other.
            const rest = file.records[Symbol.iterator]();
            const first = rest.next();
            if (!first.done && isPatientHeader(first.value.cells)) {
              patientFiles++;
              addPatients(
                aggregatePatientRecords(file.file, first.value, iterate(rest), read.patients ?? {}),
                typed,
                problems,
                notes,
              );
            } else files.push(first.done ? file : { file: file.file, records: prepend(first.value, rest) });
          }
      }
    }
    const results = files.map((raw) => typeFile(raw));
    // The reader's problems (a broken quote, control characters) come first: they explain the rest.
    for (const p of stream.problems) problems.push(p);
    if (stream.problems.length > 0) continue;
    for (const result of results) {
      for (const p of result.problems) problems.push(p);
      if (result.typed) typed.push(result.typed);
    }
  }
  const dataset = mergeFiles(typed);
  for (const p of crossCheck(dataset, new Set(problems.map((p) => p.file)))) problems.push(p);
  if (problems.length > 0) throw new InputError(capProblems(problems));
  outcomeWithoutPatients(read, patientFiles);
  if (!read.quiet)
    for (const note of notes)
      io.stderr.write(`note: ${note}
`);
  return dataset;
}

/** --outcome chooses a patient-level file's outcome: with no such file it would change nothing, silently. */
function outcomeWithoutPatients(read: FileReadOptions, patientFiles: number): void {
  const outcome = read.patients?.outcome;
  if (outcome !== undefined && patientFiles === 0)
    throw new UsageError(
      `--outcome ${outcome} chooses the outcome of a patient-level file (patient-records), and the data read has none; to select outcomes rows by name, use --where "outcome~..."`,
    );
}

function addPatients(from: PatientAggregate, typed: TypedFile[], problems: Problem[], notes: string[]): void {
  for (const p of from.problems) problems.push(p);
  typed.push(...from.files);
  notes.push(...from.notes);
}

/** The header, then the reader's records: a plain iterator, not two more generators per record. */
function prepend(first: RawRecord, rest: Iterator<RawRecord>): Iterable<RawRecord> {
  let pending = true;
  const iterator: Iterator<RawRecord> = {
    next: () => {
      if (!pending) return rest.next();
      pending = false;
      return { value: first, done: false };
    },
  };
  return { [Symbol.iterator]: () => iterator };
}

function* iterate(rest: Iterator<RawRecord>): Generator<RawRecord, void, void> {
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'no such file (a broken link?)';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links (a link loop?)';
  return String(code ?? error);
}
