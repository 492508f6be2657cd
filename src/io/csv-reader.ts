/**
 * A streaming RFC 4180 reader over decoded text: one pass, no per-record raw copies, and syntax
 * errors located where the broken quote opened. Chosen over csv-parse by measurement (bench/README.md):
 * csv-parse with `raw` and `info` (needed for line and column numbers) costs several times more time
 * and memory on a million rows, and reports an unclosed quote at the end of the file.
 */
import type { PlainLines, RawRecord } from '../core/evidence/validate.js';
import { NEWLINE, QUOTE } from '../core/text/char-codes.js';

export type CsvSyntaxCode = 'QUOTE_NOT_CLOSED' | 'INVALID_OPENING_QUOTE' | 'INVALID_CLOSING_QUOTE';

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly code: CsvSyntaxCode,
    readonly line: number,
    readonly column: number,
  ) {
    super(code);
  }
}

/**
 * Records of `text` (line ends already \n), skipping empty lines; a record may have any number of
 * fields. Throws CsvSyntaxError at the first broken quote. Once `plain.take` is set (by typeFile,
 * when it knows the table), each line is offered to it first: a line it types is not yielded.
 */
export function* csvRecords(text: string, delimiter = ',', plain?: PlainLines): Generator<RawRecord, void, void> {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < n) {
    if (text.charCodeAt(i) === NEWLINE) {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    const take = plain?.take;
    if (take !== undefined) {
      const end = text.indexOf('\n', i);
      // The newline after it is skipped as an empty line's would be.
      if (take(text, i, end < 0 ? n : end, line)) {
        i = end < 0 ? n : end;
        continue;
      }
    }
    const recordLine = line;
    const cells: string[] = [];
    const columns: number[] = [];
    for (;;) {
      columns.push(i - lineStart + 1);
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new CsvSyntaxError('QUOTE_NOT_CLOSED', openLine, openColumn);
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        for (let k = text.indexOf('\n', i); k !== -1 && k < j; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
        i = j;
        cells.push(value);
        const next = text.charCodeAt(i);
        if (next === sep) {
          i++;
          continue;
        }
        if (i >= n || next === NEWLINE) break;
        throw new CsvSyntaxError('INVALID_CLOSING_QUOTE', line, i - lineStart + 1);
      }
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === sep || c === NEWLINE) break;
        if (c === QUOTE) throw new CsvSyntaxError('INVALID_OPENING_QUOTE', line, j - lineStart + 1);
      }
      cells.push(text.slice(i, j));
      i = j;
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) {
      i++;
      line++;
      lineStart = i;
    }
    yield { line: recordLine, cells, columns };
  }
}
