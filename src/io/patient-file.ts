/**
 * Patient-level files (the patient-records table) streamed from disk in chunks and folded into
 * per-study-arm accumulators (core/evidence/patient-aggregate.ts): neither the file's text nor its
 * rows are held, so 10^7 patient rows pool in flat memory. Errors keep file:line:column; a progress
 * bar goes to stderr only when it is a terminal and the file is large.
 */
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { Problem } from '../errors.js';
import {
  PatientAggregator,
  isPatientHeader,
  type PatientAggregate,
  type PatientOptions,
} from '../core/evidence/patient-aggregate.js';
import type { RawRecord } from '../core/evidence/validate.js';
import { CR, NEWLINE, QUOTE } from '../core/text/char-codes.js';
import { PatientBytes } from './patient-bytes.js';
import { controlCharacterProblems, CONTROL_CHARACTER } from './control.js';
import { CSV_MESSAGES } from './csv.js';
import { csvRecords, CsvSyntaxError } from './csv-reader.js';
import { decodeText } from './decode.js';
import type { Io } from './io.js';
import { readOptionsFor, readsAsIs, type FileReadOptions } from './read-options.js';

const CHUNK = 1 << 20;
/** Files from this size on get a progress bar (when stderr is a terminal): about 10^6 patient rows. */
const PROGRESS_MIN_BYTES = 32 << 20;

/** Where the text's last complete record ends: after its last newline outside quotes (0 if none). */
function completeUpTo(text: string): number {
  if (!text.includes('"')) return text.lastIndexOf('\n') + 1;
  let inQuotes = false;
  let cut = 0;
  let from = 0;
  for (;;) {
    const q = text.indexOf('"', from);
    const end = q < 0 ? text.length : q;
    if (!inQuotes) {
      const nl = text.lastIndexOf('\n', end - 1);
      if (nl >= from) cut = nl + 1;
    }
    if (q < 0) return cut;
    inQuotes = !inQuotes;
    from = q + 1;
  }
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Feeds the records of complete CSV text to the aggregator; false after a syntax error (then reported). */
function feed(
  label: string,
  text: string,
  lineOffset: number,
  state: { aggregator?: PatientAggregator; header?: RawRecord; problems: Problem[] },
  options: PatientOptions,
): boolean {
  const controls = CONTROL_CHARACTER.test(text);
  if (!controls && !text.includes('"')) {
    // No quotes and no control characters: every line is one record, its fields split on commas.
    let line = lineOffset;
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      line++;
      if (end > start) {
        const cells = text.slice(start, end).split(',');
        if (state.aggregator) state.aggregator.addCells(line, cells);
        else {
          const columns: number[] = [];
          cells.reduce((at, cell) => (columns.push(at), at + cell.length + 1), 1);
          state.aggregator = new PatientAggregator(label, { line, cells, columns }, options);
          if (!state.aggregator.headerOk) return false;
        }
      }
      start = end + 1;
    }
    return true;
  }
  try {
    for (const record of csvRecords(text)) {
      if (controls) {
        const found = controlCharacterProblems(label, { ...record, line: record.line + lineOffset });
        if (found.length > 0) {
          state.problems.push(...found.slice(0, 100));
          continue;
        }
      }
      if (!state.aggregator) {
        state.aggregator = new PatientAggregator(label, { ...record, line: record.line + lineOffset }, options);
        if (!state.aggregator.headerOk) return false;
      } else state.aggregator.add(record, lineOffset);
    }
    return true;
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    state.problems.push({
      file: label,
      line: error.line + lineOffset,
      column: error.column,
      message: CSV_MESSAGES[error.code] ?? error.code,
    });
    return false;
  }
}

/** A progress bar on one stderr line, redrawn at most five times a second; cleared at the end. */
function progressBar(io: Io, label: string, total: number): { update(done: number): void; end(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const width = Math.max(10, Math.min(40, (io.stderr.columns ?? 80) - 40));
      const filled = Math.round((width * done) / total);
      const mb = (b: number) => (b / 1048576).toFixed(0);
      const name = label.length > 20 ? `…${label.slice(-19)}` : label;
      io.stderr.write(
        `\r${name} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((100 * done) / total)}% ${mb(done)}/${mb(total)} MB`,
      );
      drawn = true;
    },
    end() {
      if (drawn) io.stderr.write('\r\u001b[2K');
    },
  };
}

/**
 * Reads a patient-records file in chunks: undefined when the file is not one (or needs the adapting
 * of a researcher's file, read whole by load.ts), else its aggregate.
 */
export async function readPatientFile(
  full: string,
  label: string,
  io: Io,
  read: FileReadOptions,
  options: PatientOptions,
  tuning: { progressMinBytes?: number; chunkBytes?: number } = {},
): Promise<PatientAggregate | undefined> {
  const progressMinBytes = tuning.progressMinBytes ?? PROGRESS_MIN_BYTES;
  const chunk = Math.max(16, tuning.chunkBytes ?? CHUNK);
  const handle = await open(full, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.allocUnsafe(Math.min(size, 1 << 16));
    const headRead = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, headRead.bytesRead);
    // UTF-16 (a BOM) or a header without an end in its first 64 KiB: the whole-file path decides.
    if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) return undefined;
    const bom = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0;
    const headerEnd = start.indexOf(NEWLINE);
    if (headerEnd < 0) return undefined;
    const headerBytes = start.subarray(bom, headerEnd);
    if (!isUtf8(headerBytes)) return undefined;
    const headerText = headerBytes.toString('utf8').replace(/\r$/, '');
    if (headerText.includes('"')) return undefined;
    const how = readOptionsFor(headerText, read);
    const cells = headerText.split(',');
    if (!readsAsIs(cells, how) || !isPatientHeader(cells)) return undefined;

    const bar = io.stderr.isTTY === true && size >= progressMinBytes ? progressBar(io, label, size) : undefined;
    const state: { aggregator?: PatientAggregator; problems: Problem[] } = { problems: [] };
    // One buffer, reused: the unread end of a chunk moves to its front (a Buffer per chunk would
    // leave freed native memory behind faster than it is returned, and RSS grows with the file).
    let buffer = Buffer.allocUnsafe(chunk);
    let held = 0;
    let position = 0;
    let skip = bom;
    let carry = '';
    let lineOffset = 0;
    let ok = true;
    // Once the header is read, plain chunks go to the byte reader (none when the header needs the text path).
    let bytesPath: PatientBytes | undefined;
    for (;;) {
      if (held === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, held, buffer.length - held, position);
      position += bytesRead;
      held += bytesRead;
      const atEnd = bytesRead === 0 || position >= size;
      const bytes = buffer.subarray(skip, held);
      // Whole lines only: a newline byte never falls inside a UTF-8 sequence.
      const cut = atEnd ? bytes.length : bytes.lastIndexOf(NEWLINE) + 1;
      let piece = bytes.subarray(0, cut);
      if (!isUtf8(piece)) {
        const decoded = decodeText(piece);
        const where = 'text' in decoded ? { line: 1, column: 1, message: 'not UTF-8' } : decoded;
        state.problems.push({
          file: label,
          line: where.line + lineOffset + newlines(carry),
          column: where.column,
          message: where.message,
        });
        ok = false;
        break;
      }
      const plain = carry === '' && piece.indexOf(QUOTE) < 0 && piece.indexOf(CR) < 0;
      // The header alone first (when it is plain), so that the first chunk's rows take the byte path too.
      if (!state.aggregator && plain && state.problems.length === 0) {
        const headerLine = piece.indexOf(NEWLINE) + 1;
        const text = headerLine > 0 ? piece.toString('utf8', 0, headerLine) : '';
        if (text !== '' && !CONTROL_CHARACTER.test(text)) {
          if (!feed(label, text, 0, state, options)) {
            ok = false;
            break;
          }
          lineOffset = 1;
          piece = piece.subarray(headerLine);
        }
      }
      if (!bytesPath && state.aggregator?.headerOk)
        bytesPath = PatientBytes.for(state.aggregator, state.aggregator.width);
      if (bytesPath && plain) {
        const reader = bytesPath;
        lineOffset += reader.lines(piece, piece.length, lineOffset + 1, (text, line) => {
          if (!feed(label, text, line - 1, state, options)) ok = false;
        });
        bar?.update(position);
        if (atEnd || !ok) break;
        buffer.copy(buffer, 0, skip + cut, held);
        held -= skip + cut;
        skip = 0;
        continue;
      }
      let text = carry + piece.toString('utf8');
      if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
      const complete = atEnd ? text.length : completeUpTo(text);
      const done = text.slice(0, complete);
      carry = text.slice(complete);
      if (!feed(label, done, lineOffset, state, options)) {
        ok = false;
        break;
      }
      lineOffset += newlines(done);
      bar?.update(position);
      if (atEnd) break;
      buffer.copy(buffer, 0, skip + cut, held);
      held -= skip + cut;
      skip = 0;
    }
    bar?.end();
    return finish(label, state, ok);
  } finally {
    await handle.close();
  }
}

function finish(
  label: string,
  state: { aggregator?: PatientAggregator; problems: Problem[] },
  ok: boolean,
): PatientAggregate {
  const result = state.aggregator?.finish() ?? { files: [], problems: [], notes: [], patients: 0 };
  const problems = [...state.problems, ...result.problems];
  // (Not after an encoding or syntax error that stopped the reading before the header was typed.)
  if (!state.aggregator && state.problems.length === 0)
    problems.push({ file: label, line: 1, message: 'file is empty; expected a header row' });
  return ok && problems.length === 0 ? result : { ...result, files: [], notes: [], problems };
}

/** The same aggregation over records already read (standard input, or a file read whole). */
export function aggregatePatientRecords(
  label: string,
  header: RawRecord,
  records: Iterable<RawRecord>,
  options: PatientOptions,
): PatientAggregate {
  const aggregator = new PatientAggregator(label, header, options);
  if (aggregator.headerOk) for (const record of records) aggregator.add(record);
  return aggregator.finish();
}
