/** Writes results: to stdout, or atomically to a file (temporary file in the same folder, then rename). */
import { constants, unlinkSync, type Stats } from 'node:fs';
import { open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';
import { writeErrorReason } from './write-error.js';

const UTF8 = new TextDecoder();

/** Replaces `file` with `content` so that readers see the old or the new file, never a half-written one. */
let written = 0;

/** Unique within this process (pid and a count) and across runs (time, a random number). */
function uniqueSuffix(): string {
  written += 1;
  return `${written}${Date.now().toString(36)}${Math.floor(Math.random() * 0x100000000).toString(16)}`;
}

/**
 * What a write does to a target that exists and is not a regular file (after following links).
 * `direct`: writes into it as it is (a FIFO, /dev/stdout, a terminal): what a user naming it with
 * `-o` means, where renaming a file over it would replace the device or FIFO. `refuse`: an error,
 * for files a tool chose (a document rewritten in place, a block's picture, an imported table).
 */
export type SpecialTarget = 'direct' | 'refuse';

/** A target that is neither missing nor a regular file: written into or refused, never renamed over. */
class NotRegularFile extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly kind: string,
    file: string,
  ) {
    super(`${path.basename(file)} is ${kind}, not a regular file`);
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** What a write takes: one text or bytes, or chunks of text or of UTF-8 bytes. */
type Content = string | Uint8Array | Iterable<string | Uint8Array>;

async function writeTo(handle: FileHandle, content: Content): Promise<void> {
  if (typeof content === 'string') await handle.writeFile(content, 'utf8');
  else if (content instanceof Uint8Array) await handle.writeFile(content);
  // Text given in chunks is written chunk by chunk (a million-line result is never one string).
  else
    for (const chunk of content) {
      if (typeof chunk === 'string') await handle.write(chunk, null, 'utf8');
      else for (let at = 0; at < chunk.length;) at += (await handle.write(chunk, at)).bytesWritten;
    }
}

/**
 * Writes into an existing FIFO or device as `cat > target` would: opened write-only, neither
 * created nor truncated (O_WRONLY alone), no temporary file, no rename. Returns false when what it
 * opened turned out to be a regular file after all (replaced since it was looked at).
 */
async function writeDirect(target: string, content: Content): Promise<boolean> {
  const handle = await open(target, constants.O_WRONLY);
  try {
    const info = await handle.stat();
    if (info.isFile()) return false;
    if (info.isBlockDevice()) throw new NotRegularFile('a block device', target);
    await writeTo(handle, content);
    return true;
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(
  given: string,
  content: Content,
  special: SpecialTarget = 'refuse',
): Promise<void> {
  // The target as links lead to it (stat follows them, also where realpath cannot name the end: /dev/stdout on a pipe).
  const existing = await stat(given).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    // A folder keeps its own message; a block device (a disk) is never written, even when asked.
    if (existing.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (special === 'refuse' || existing.isBlockDevice()) throw new NotRegularFile(kindOf(existing), given);
    if (await writeDirect(given, content)) return;
  }
  // Through a symbolic link, the link's target is replaced (the link stays a link).
  const file = await realpath(given).catch(() => given);
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${uniqueSuffix()}.tmp`);
  const mode = existing ? existing.mode & 0o777 : 0o644;
  pending.add(temp);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await writeTo(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Between the look above and now the target may have become a FIFO or a device: never renamed over.
    const now = await stat(file).catch(() => undefined);
    if (now !== undefined && !now.isFile()) throw new NotRegularFile(kindOf(now), file);
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

/** The targets among `files` that exist and are not regular files, as "name is a FIFO" (checked before any is written). */
export async function notRegularFiles(files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (info !== undefined && !info.isFile()) found.push(`${path.basename(file)} is ${kindOf(info)}`);
  }
  return found;
}

/** Replaces a user's file atomically; a failure is a usage error naming the file. */
export async function replaceFile(
  file: string,
  content: Content,
  io: Io,
  special: SpecialTarget = 'refuse',
): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(io.cwd, file), content, special);
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
        : error instanceof NotRegularFile
          ? `it is ${error.kind}, not a regular file; nothing was written`
          : writeErrorReason(error);
}

/** Sends a command's output (one text, or chunks of it) where --output says, or to stdout. */
export async function emit(
  text: string | Iterable<string | Uint8Array>,
  output: string | undefined,
  io: Io,
): Promise<void> {
  if (output === undefined || output === '-') {
    if (typeof text === 'string') io.stdout.write(text);
    // Byte chunks end at a line, so each decodes whole.
    else for (const chunk of text) io.stdout.write(typeof chunk === 'string' ? chunk : UTF8.decode(chunk));
    return;
  }
  await replaceFile(output, text, io, 'direct');
}
