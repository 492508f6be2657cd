/** Writes results: to stdout, or atomically to a file (temporary file in the same folder, then rename). */
import { unlinkSync } from 'node:fs';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

/** Replaces `file` with `content` so that readers see the old or the new file, never a half-written one. */
let written = 0;

/** Unique within this process (pid and a count) and across runs (time, a random number). */
function uniqueSuffix(): string {
  written += 1;
  return `${written}${Date.now().toString(36)}${Math.floor(Math.random() * 0x100000000).toString(16)}`;
}

export async function writeFileAtomic(given: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  // Through a symbolic link, the link's target is replaced (the link stays a link).
  const file = await realpath(given).catch(() => given);
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${uniqueSuffix()}.tmp`);
  const mode = await stat(file)
    .then((s) => s.mode & 0o777)
    .catch(() => 0o644);
  pending.add(temp);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      if (typeof content === 'string') await handle.writeFile(content, 'utf8');
      else if (content instanceof Uint8Array) await handle.writeFile(content);
      // Text given in chunks is written chunk by chunk (a million-line result is never one string).
      else for (const chunk of content) await handle.write(chunk, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    pending.delete(temp);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    pending.delete(temp);
    throw error;
  }
}

/** Temporary files being written, removed by removePendingTemps() when a signal stops the process. */
const pending = new Set<string>();

/** Removes every temporary file still being written (synchronous: it runs in a signal handler). */
export function removePendingTemps(): number {
  let removed = 0;
  for (const temp of pending) {
    try {
      unlinkSync(temp);
      removed++;
    } catch {
      // Not created yet, or already renamed: nothing to remove.
    }
    pending.delete(temp);
  }
  return removed;
}

/** Replaces a user's file atomically; a failure is a usage error naming the file. */
export async function replaceFile(
  file: string,
  content: string | Uint8Array | Iterable<string>,
  io: Io,
): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(io.cwd, file), content);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${reasonOf(error)}`);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such folder'
    : code === 'EACCES'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a folder'
        : String(code ?? error);
}

/** Sends a command's output (one text, or chunks of it) where --output says, or to stdout. */
export async function emit(text: string | Iterable<string>, output: string | undefined, io: Io): Promise<void> {
  if (output === undefined || output === '-') {
    if (typeof text === 'string') io.stdout.write(text);
    else for (const chunk of text) io.stdout.write(chunk);
    return;
  }
  await replaceFile(output, text, io);
}
