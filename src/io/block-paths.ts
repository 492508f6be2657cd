/**
 * The files an evidence block may read. A document is untrusted input: its paths resolve from the
 * document's folder, must stay inside that folder's tree (or the bundled data) after symbolic links
 * are followed, and must be regular .csv files (or folders of them). Everything is checked with
 * stat/realpath, which never open a file, so a FIFO or a device cannot block or leak.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundledDataDir } from './load.js';

/** root: the document's folder (symbolic links followed), which the paths are inside of. */
export type Resolved = { ok: true; paths: string[]; root: string } | { ok: false; message: string };

function inside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function real(p: string): Promise<string | undefined> {
  return realpath(p).catch(() => undefined);
}

/** Checks one regular file; the message says what is wrong with it, never what is in it. */
function fileProblem(given: string, info: { isFile(): boolean }, full: string): string | undefined {
  if (!info.isFile()) return `data=${given}: not a regular file (FIFOs, devices and sockets are refused)`;
  if (!full.toLowerCase().endsWith('.csv')) return `data=${given}: a block reads .csv files only`;
  return undefined;
}

/** Resolves the paths a block's data= names, relative to the document, refusing any outside its tree. */
export async function resolveBlockPaths(given: readonly string[], document: string): Promise<Resolved> {
  const docDir = (await real(path.dirname(document))) ?? path.dirname(document);
  const roots = [docDir, (await real(bundledDataDir())) ?? bundledDataDir()];
  const paths: string[] = [];
  for (const value of given) {
    const full = await real(path.resolve(path.dirname(document), value));
    if (full === undefined) return { ok: false, message: `data=${value}: no such file or folder` };
    if (!roots.some((root) => inside(root, full)))
      return {
        ok: false,
        message: `data=${value}: outside the document's folder (${path.dirname(document)}) and the bundled data; a block reads only files beside or below its document`,
      };
    const info = await stat(full);
    if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
      for (const name of names) {
        const entry = await real(path.join(full, name));
        if (entry === undefined) return { ok: false, message: `data=${value}: ${name} is a broken link` };
        if (!roots.some((root) => inside(root, entry)))
          return { ok: false, message: `data=${value}: ${name} links outside the document's folder` };
        const problem = fileProblem(`${value}/${name}`, await stat(entry), entry);
        if (problem) return { ok: false, message: problem };
      }
      paths.push(full);
      continue;
    }
    const problem = fileProblem(value, info, full);
    if (problem) return { ok: false, message: problem };
    paths.push(full);
  }
  return { ok: true, paths, root: docDir };
}
