/** CSV text → records with line and column numbers (csv-parse, RFC 4180). */
import { CsvError, parse } from 'csv-parse/sync';
import type { Problem } from '../errors.js';
import type { RawFile, RawRecord } from '../core/validate.js';

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** 1-based character columns where each field of a record's first line starts. */
function fieldColumns(raw: string, delimiter: string): number[] {
  const columns = [1];
  let quoted = false;
  let column = 1;
  for (const ch of raw) {
    if (ch === '\n') break;
    column++;
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) columns.push(column);
  }
  return columns;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Line where the record that failed begins: the first non-empty line after the last good record
 * (csv-parse's own line is where it noticed the problem, at the end of an unclosed quote).
 */
function failedRecordLine(text: string, error: CsvError): number {
  const lines = (error as unknown as { lines?: number }).lines;
  const bytes = (error as unknown as { bytes_records?: number }).bytes_records;
  if (typeof bytes !== 'number') return lines ?? 1;
  if (error.code === 'INVALID_OPENING_QUOTE' && typeof lines === 'number') return lines;
  const prefix = Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8');
  let offset = prefix.length;
  while (text[offset] === '\n') offset++;
  return lineAt(text, offset);
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a " is missing)',
  INVALID_OPENING_QUOTE:
    'a quote (") appears inside an unquoted field; quote the whole field and double the inner quotes',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote; double a quote inside a quoted field ("")',
};

/** Parses CSV text (a BOM and CRLF line ends are accepted); fields are separated by `delimiter`. */
export function parseCsv(file: string, text: string, delimiter = ','): { raw?: RawFile; problems: Problem[] } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  try {
    const parsed = parse(normalised, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
    const records: RawRecord[] = parsed.map((p) => {
      const body = p.raw.replace(/^\n+/, '').replace(/\n$/, '');
      const innerLines = body.split('\n').length - 1;
      return { line: p.info.lines - innerLines, cells: p.record, columns: fieldColumns(body, delimiter) };
    });
    return { raw: { file, records }, problems: [] };
  } catch (error) {
    if (error instanceof CsvError) {
      const message = CSV_MESSAGES[error.code] ?? error.message;
      return { problems: [{ file, line: failedRecordLine(normalised, error), message }] };
    }
    throw error;
  }
}
