/** The process shell around run(): real streams, exit code, quiet exit on a closed pipe. */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { run } from './cli.js';
import { EXIT } from './errors.js';
import { removePendingTemps } from './io/output.js';
import type { Io } from './io/io.js';
import { bundledDataDir, bundledSnapshotFile, loadDataset } from './io/load.js';
import { writeSnapshot } from './io/snapshot.js';
import { stdio } from './io/stdio.js';
import { writeErrorReason } from './io/write-error.js';

/** Standard input's bytes: the loader decodes them as it does a file's (UTF-8 checked, a UTF-16 BOM honoured). */
function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

export async function main(argv: readonly string[]): Promise<void> {
  // `acu-evidence ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  // Any other failed write (a full disk, a closed stdout, EIO) is one line and exit 2, as a failed
  // -o write is: the output is lost, which is not a bug (exit 3).
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    try {
      writeSync(2, `acu-evidence: cannot write output: ${writeErrorReason(error)}\n`);
    } catch {
      // stderr failed too: the exit code is all that is left to tell.
    }
    removePendingTemps();
    process.exit(EXIT.usage);
  };
  // Ctrl-C or kill: no temporary file is left behind; exit 128 + the signal's number, as shells do.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removePendingTemps();
      process.exit(code);
    });
  }
  const io: Io = {
    stdout: stdio(1, onError),
    stderr: stdio(2, onError),
    readStdin,
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = await run(argv, io);
}

/**
 * Run by the build (through the launcher), for the code cache it saves next: `help` writes the
 * bundled data's snapshot and runs help (every command's declaration) and the commonest command;
 * `run` (the cache of any other start) runs only that command, on the snapshot, into nowhere; `meta`
 * (meta's cache) pools an invented patient-level file and the bundled data, into nowhere.
 */
export async function buildCaches(kind: 'help' | 'run' | 'meta'): Promise<void> {
  const sink = { write: () => true };
  const io: Io = { stdout: sink, stderr: sink, readStdin: () => Promise.resolve(''), env: {}, cwd: process.cwd() };
  if (kind === 'help')
    await writeSnapshot(bundledSnapshotFile(), bundledDataDir(), await loadDataset([bundledDataDir()], io));
  const patients = path.join(bundledDataDir(), '..', 'examples', 'invented-patients.csv');
  const runs =
    kind === 'meta'
      ? [
          ['meta', '--data', patients, '--measure', 'MD', '--method', 'DL', '--format', 'csv'],
          ['meta', '--measure', 'OR'],
        ]
      : [['summary'], ['summary', '--format', 'markdown']];
  for (const argv of kind === 'help' ? [['--version'], ['--help'], ...runs] : runs) {
    const code = await run(argv, io);
    if (code !== 0) throw new Error(`acu-evidence ${argv.join(' ')} exited ${code} while the build warmed its cache`);
  }
}

export { run };
