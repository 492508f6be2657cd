/** How a researcher's CSV is read: its delimiter and decimal separator (detected or given), then its column names. */
import { UsageError } from '../errors.js';
import { adaptRaw, needsAdapting, type AdaptedFile } from '../core/evidence/columns.js';
import type { RawFile } from '../core/evidence/validate.js';
import type { PatientOptions } from '../core/evidence/patient-aggregate.js';
import { DELIMITERS, delimiterName, detectDelimiter, type Delimiter } from './delimiter.js';

export interface FileReadOptions {
  /** --delimiter: comma, semicolon, tab (or the character); detected when absent. */
  delimiter?: string;
  /** --decimal: "." or ","; a comma when the delimiter is a semicolon, else a point. */
  decimal?: string;
  quiet?: boolean;
  /** How a patient-level file (patient-records) is aggregated per study and arm. */
  patients?: PatientOptions;
}

export interface ReadHow {
  delimiter: Delimiter;
  decimal: '.' | ',';
  detected: boolean;
}

export function readOptionsFor(text: string, options: FileReadOptions): ReadHow {
  let delimiter: Delimiter;
  if (options.delimiter !== undefined) {
    const given = DELIMITERS[options.delimiter.toLowerCase()] ?? DELIMITERS[options.delimiter];
    if (!given)
      throw new UsageError(`--delimiter must be comma, semicolon or tab (or , ; \\t), got "${options.delimiter}"`);
    delimiter = given;
  } else delimiter = detectDelimiter(text);
  let decimal: '.' | ',';
  if (options.decimal === undefined) decimal = delimiter === ';' ? ',' : '.';
  else if (options.decimal === '.' || options.decimal === ',') decimal = options.decimal;
  else throw new UsageError(`--decimal must be "." or ",", got "${options.decimal}"`);
  if (decimal === ',' && delimiter === ',')
    throw new UsageError('--decimal , needs another delimiter than a comma (--delimiter semicolon or tab)');
  return { delimiter, decimal, detected: options.delimiter === undefined };
}

/** A comma-separated file whose header is the data model's own, with decimal points: read as it is. */
export function readsAsIs(header: readonly string[], how: ReadHow): boolean {
  return how.delimiter === ',' && !needsAdapting(header, { decimal: how.decimal });
}

/** Column names read as the data model's; the note names a delimiter other than a comma. */
export function readResearcherFile(raw: RawFile, how: ReadHow): AdaptedFile {
  const adapted = adaptRaw(raw, { decimal: how.decimal });
  const read =
    how.delimiter === ','
      ? []
      : [`read as ${delimiterName(how.delimiter)}-separated${how.detected ? ' (detected)' : ''}`];
  if (how.decimal === ',') read.push('decimal commas');
  const all = [...read, ...adapted.notes];
  return { ...adapted, notes: all.length > 0 ? [`${raw.file}: ${all.join('; ')}`] : [] };
}
