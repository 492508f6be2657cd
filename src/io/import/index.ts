/**
 * Reads a review for `import`: a RevMan 5 file (.rm5), a RevMan "Data and analyses" CSV, or a
 * Cochrane data package (.zip or its unpacked folder). Nothing is extracted to disk: zip members
 * are read in memory, after their names and declared sizes are checked.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { InputError, UsageError, type Problem } from '../../errors.js';
import type { ImportedReview } from '../../core/meta/revman.js';
import type { Io } from '../io.js';
import { PACKAGE_SUFFIXES, readDataPackage } from './data-package.js';
import { readRevManCsv } from './revman-csv.js';
import { readRm5 } from './rm5.js';

/** Largest file (and zip member, declared or inflated) read: RevMan files of large reviews stay far below. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_MEMBERS = 2000;

export type ImportFormat = 'rm5' | 'revman-csv' | 'data-package';

function unsafeName(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..') || name.includes('\0');
}

/** The text members of a data package zip, by name; every unsafe entry is a problem. */
function unzipPackage(bytes: Uint8Array, file: string): { files?: Map<string, string>; problems: Problem[] } {
  const problems: Problem[] = [];
  let count = 0;
  let total = 0;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (entry) => {
        count++;
        if (unsafeName(entry.name)) {
          problems.push({
            file,
            message: `zip entry "${entry.name}" points outside the package (absolute or with ..); refused`,
          });
          return false;
        }
        if (entry.originalSize > MAX_BYTES) {
          problems.push({
            file,
            message: `zip entry "${entry.name}" declares ${entry.originalSize} bytes, more than the ${MAX_BYTES} read; refused`,
          });
          return false;
        }
        total += entry.originalSize;
        if (count > MAX_MEMBERS || total > 4 * MAX_BYTES) {
          if (count === MAX_MEMBERS + 1 || total - entry.originalSize <= 4 * MAX_BYTES)
            problems.push({
              file,
              message: 'the zip holds more than a data package can (too many or too large entries); refused',
            });
          return false;
        }
        return !entry.name.endsWith('/') && entry.name.toLowerCase().endsWith('.csv');
      },
    });
  } catch (error) {
    return {
      problems: [
        { file, message: `not a readable zip file: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  if (problems.length > 0) return { problems };
  const files = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipped)) {
    if (data.length > MAX_BYTES)
      return { problems: [{ file, message: `zip entry "${name}" inflates past ${MAX_BYTES} bytes; refused` }] };
    const text = decodeUtf8(data, `${file}/${name}`);
    if (typeof text !== 'string') return { problems: [text] };
    files.set(name, text);
  }
  return { files, problems: [] };
}

function decodeUtf8(data: Uint8Array, file: string): string | Problem {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { file, line: 1, message: 'not valid UTF-8 (a data package is written in UTF-8)' };
  }
}

async function readBytes(full: string, label: string): Promise<Uint8Array> {
  const info = await stat(full).catch(() => undefined);
  if (!info) throw new UsageError(`cannot read ${label}: no such file or folder`);
  if (info.size > MAX_BYTES)
    throw new InputError([{ file: label, message: `${info.size} bytes, more than the ${MAX_BYTES} read; refused` }]);
  try {
    return await readFile(full);
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${String((error as NodeJS.ErrnoException).code ?? error)}`);
  }
}

/** The package's CSV files under an unpacked folder (two levels deep, no links followed outside). */
async function readPackageFolder(full: string, label: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory() && depth < 2) await walk(path.join(dir, entry.name), childRel, depth + 1);
      else if (entry.isFile() && Object.values(PACKAGE_SUFFIXES).some((s) => entry.name.toLowerCase().endsWith(s))) {
        const bytes = await readBytes(path.join(dir, entry.name), `${label}/${childRel}`);
        const text = decodeUtf8(bytes, `${label}/${childRel}`);
        if (typeof text !== 'string') throw new InputError([text]);
        files.set(childRel, text);
      }
    }
  };
  await walk(full, '', 0);
  return files;
}

/** Reads the review in FILE (format from its extension, or a folder); throws InputError on any problem. */
export async function readReview(given: string, io: Io): Promise<{ review: ImportedReview; format: ImportFormat }> {
  const full = path.resolve(io.cwd, given);
  const info = await stat(full).catch(() => undefined);
  if (!info) throw new UsageError(`cannot read ${given}: no such file or folder`);
  const label = given;
  const finish = (result: { review?: ImportedReview; problems: Problem[] }, format: ImportFormat) => {
    if (!result.review || result.problems.length > 0)
      throw new InputError(
        result.problems.length > 0 ? result.problems : [{ file: label, message: 'nothing could be read' }],
      );
    return { review: result.review, format };
  };
  if (info.isDirectory()) return finish(readDataPackage(await readPackageFolder(full, label), label), 'data-package');
  const bytes = await readBytes(full, label);
  const lower = given.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (lower.endsWith('.zip') || isZip) {
    const unzipped = unzipPackage(bytes, label);
    if (!unzipped.files) throw new InputError(unzipped.problems);
    return finish(readDataPackage(unzipped.files, label), 'data-package');
  }
  if (lower.endsWith('.rm5') || lower.endsWith('.xml')) return finish(readRm5(bytes, label), 'rm5');
  if (lower.endsWith('.csv')) {
    const text = decodeUtf8(bytes, label);
    if (typeof text !== 'string') throw new InputError([text]);
    return finish(readRevManCsv(text, label), 'revman-csv');
  }
  throw new UsageError(
    `cannot tell what ${given} is: import reads a RevMan 5 file (.rm5), a RevMan "Data and analyses" CSV (.csv) or a Cochrane data package (.zip or its folder)`,
  );
}
