/**
 * The one file an evidence block may write: the picture of a plot block, named by its image= key.
 * A document is untrusted input, so the path is relative, has no "..", ends in .svg or .png, and
 * stays inside the document's folder tree after symbolic links are followed (the nearest folder
 * that exists, and the file itself when it exists); it can never name the document. Checked with
 * lstat/stat/realpath, which never open a file.
 */
import { lstat, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from './io.js';
import { replaceFile } from './output.js';

export type ResolvedImage =
  { ok: true; full: string; link: string; format: 'svg' | 'png' } | { ok: false; message: string };

function inside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function real(p: string): Promise<string | undefined> {
  return realpath(p).catch(() => undefined);
}

/** The link target as Markdown reads it: forward slashes, and nothing that could end the link. */
function linkOf(given: string): string {
  return given
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** Checks a plot block's image= against its document; the message names what is wrong. */
export async function resolveBlockImage(given: string | undefined, document: string): Promise<ResolvedImage> {
  const no = (message: string): ResolvedImage => ({ ok: false, message: `image=${given ?? ''}: ${message}` });
  if (given === undefined || given === '')
    return {
      ok: false,
      message: 'a plot block needs image=FILE.svg or image=FILE.png (a path beside or below the document)',
    };
  if (path.isAbsolute(given) || path.win32.isAbsolute(given) || given.includes('\\'))
    return no('an image path is relative to the document, with forward slashes (no absolute path)');
  if (given.split('/').some((part) => part === '..'))
    return no('an image path may not hold ".." (the picture goes beside or below the document)');
  if (given.split('/').some((part) => part === '' || part === '.') || [...given].some((c) => c.charCodeAt(0) < 0x20))
    return no('not a plain relative path (empty parts, "." or control characters)');
  const extension = path.extname(given).toLowerCase();
  if (extension !== '.svg' && extension !== '.png') return no('a block writes .svg or .png pictures only');
  const docDir = (await real(path.dirname(document))) ?? path.dirname(document);
  const full = path.resolve(path.dirname(document), given);
  // The nearest folder that exists, after links: a link among the folders may not lead out.
  let folder = path.dirname(full);
  let folderReal = await real(folder);
  while (folderReal === undefined && folder !== path.dirname(folder)) {
    folder = path.dirname(folder);
    folderReal = await real(folder);
  }
  if (folderReal === undefined || !inside(docDir, folderReal))
    return no(`outside the document's folder (${path.dirname(document)}); a block writes only beside or below it`);
  const info = await lstat(full).catch(() => undefined);
  if (info !== undefined) {
    const target = await real(full);
    if (target === undefined) return no('a broken link');
    if (!inside(docDir, target)) return no("a link that leads outside the document's folder");
    if (target === ((await real(document)) ?? path.resolve(document))) return no('names the document itself');
    if (!(await stat(target)).isFile())
      return no('not a regular file (folders, FIFOs, devices and sockets are refused)');
  }
  if (full === path.resolve(document)) return no('names the document itself');
  return { ok: true, full, link: linkOf(given), format: extension === '.svg' ? 'svg' : 'png' };
}

/** Whether the file holds exactly these bytes (a missing file does not). */
export async function sameBytes(full: string, bytes: string | Uint8Array): Promise<boolean> {
  const now = await readFile(full).catch(() => undefined);
  return now !== undefined && now.equals(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
}

/** Writes the picture atomically, making its folder (already checked to lie inside the document's). */
export async function writeBlockImage(full: string, bytes: string | Uint8Array, io: Io): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  await replaceFile(full, bytes, io);
}
