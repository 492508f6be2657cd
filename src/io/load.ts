/** Reads CSV files, folders and stdin into a typed, checked dataset. */
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError, type Problem } from '../errors.js';
import { crossCheck, mergeFiles, typeFile, type TypedFile } from '../core/validate.js';
import type { Dataset } from '../core/table.js';
import { parseCsv } from './csv.js';
import { readOptionsFor, readResearcherFile, type FileReadOptions } from './read-options.js';
import type { Io } from './io.js';

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

interface Source {
  label: string;
  read(): Promise<string>;
}

function label(p: string, cwd: string): string {
  const relative = path.relative(cwd, p);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
}

async function sourcesOf(paths: readonly string[], io: Io): Promise<{ sources: Source[]; problems: Problem[] }> {
  const sources: Source[] = [];
  const problems: Problem[] = [];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('--data names stdin ("-") more than once');
  for (const given of paths) {
    if (given === '-') {
      sources.push({ label: '<stdin>', read: () => io.readStdin() });
      continue;
    }
    const full = path.resolve(io.cwd, given);
    const info = await stat(full).catch(() => undefined);
    if (!info) {
      problems.push({ file: given, message: 'no such file or folder' });
    } else if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
      if (names.length === 0) problems.push({ file: given, message: 'folder holds no .csv files' });
      for (const name of names) {
        const file = path.join(full, name);
        sources.push({ label: label(file, io.cwd), read: () => readFile(file, 'utf8') });
      }
    } else {
      sources.push({ label: label(full, io.cwd), read: () => readFile(full, 'utf8') });
    }
  }
  return { sources, problems };
}

/** Loads and checks every file; throws InputError listing every problem found. */
export async function loadDataset(paths: readonly string[], io: Io, read: FileReadOptions = {}): Promise<Dataset> {
  const { sources, problems } = await sourcesOf(paths.length > 0 ? paths : [bundledDataDir()], io);
  const typed: TypedFile[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    let text: string;
    try {
      text = await source.read();
    } catch (error) {
      problems.push({ file: source.label, message: `cannot read: ${readError(error)}` });
      continue;
    }
    const how = readOptionsFor(text, read);
    const parsed = parseCsv(source.label, text, how.delimiter);
    problems.push(...parsed.problems);
    if (!parsed.raw) continue;
    const adapted = readResearcherFile(parsed.raw, how);
    problems.push(...adapted.problems);
    notes.push(...adapted.notes);
    if (adapted.problems.length > 0) continue;
    for (const raw of adapted.files) {
      const result = typeFile(raw);
      problems.push(...result.problems);
      if (result.typed) typed.push(result.typed);
    }
  }
  const dataset = mergeFiles(typed);
  problems.push(...crossCheck(dataset));
  if (problems.length > 0) throw new InputError(problems);
  if (!read.quiet) for (const note of notes) io.stderr.write(`note: ${note}\n`);
  return dataset;
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'no such file (a broken link?)';
  if (code === 'EACCES') return 'permission denied';
  return String(code ?? error);
}
