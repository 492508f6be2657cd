/**
 * A file's text for a fast lane that takes plain ASCII only (meta's, on a plain file of 2×2 tables or means): bytes
 * read as Latin-1, one character per byte, so that any byte outside ASCII is seen by the lane and
 * refused. Null whenever the general reader must look instead: the path is not a regular file,
 * cannot be read, or is too large to hold as one string; that reader then gives the message.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from './io.js';

/** Well under V8's longest string (2^29 - 24 characters). */
const LARGEST = 1 << 28;

export async function readPlainText(given: string, io: Io): Promise<string | null> {
  const full = path.resolve(io.cwd, given);
  try {
    const info = await stat(full);
    if (!info.isFile() || info.size > LARGEST) return null;
    return (await readFile(full)).toString('latin1');
  } catch {
    return null;
  }
}
