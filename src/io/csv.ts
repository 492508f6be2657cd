/** CSV text → records with line and column numbers (RFC 4180; see csv-reader.ts). */
import type { Problem } from '../errors.js';
import type { PlainLines, RawFile, RawRecord } from '../core/evidence/validate.js';
import { csvRecords, CsvSyntaxError } from './csv-reader.js';
import { controlCharacterProblems, CONTROL_CHARACTER } from './control.js';

export const CSV_MESSAGES: Record<string, string> = {
  QUOTE_NOT_CLOSED: 'a quoted field is never closed (a " is missing; the field opens here)',
  INVALID_OPENING_QUOTE:
    'a quote (") appears inside an unquoted field; quote the whole field and double the inner quotes',
  INVALID_CLOSING_QUOTE: 'text follows a closing quote; double a quote inside a quoted field ("")',
};

function normalise(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/**
 * Records as they are read (the file's rows are never all held as text records): `problems` fills
 * in while iterating, with a syntax error (which ends the records) or control characters in cells.
 */
export function streamCsv(
  file: string,
  text: string,
  delimiter = ',',
): { records: Iterable<RawRecord>; problems: Problem[]; plain: PlainLines } {
  const normalised = normalise(text);
  const problems: Problem[] = [];
  const plain: PlainLines = { separator: delimiter.charCodeAt(0) };
  // Whether the text holds a control character at all: asked when a second record is read as
  // text (the header is checked by itself), so that a file whose lines are all typed by
  // `plain.take` (which refuses any line with one) is never searched twice.
  let checkControls: boolean | undefined;
  let read = 0;
  function* records(): Generator<RawRecord, void, void> {
    try {
      for (const record of csvRecords(normalised, delimiter, plain)) {
        if (checkControls === undefined && ++read > 1) checkControls = CONTROL_CHARACTER.test(normalised);
        if (checkControls !== false) {
          const found = controlCharacterProblems(file, record);
          if (found.length > 0) {
            problems.push(...found);
            continue;
          }
        }
        yield record;
      }
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      problems.push({ file, line: error.line, column: error.column, message: CSV_MESSAGES[error.code] ?? error.code });
    }
  }
  return { records: records(), problems, plain };
}

/** Parses CSV text (a BOM and CRLF line ends are accepted); fields are separated by `delimiter`. */
export function parseCsv(
  file: string,
  text: string,
  delimiter = ',',
): { raw?: RawFile & { records: RawRecord[] }; problems: Problem[] } {
  const stream = streamCsv(file, text, delimiter);
  const records = [...stream.records];
  return stream.problems.length > 0 ? { problems: stream.problems } : { raw: { file, records }, problems: [] };
}
