// The patient file as the text path reads it whole (aggregatePatientRecords): what the byte reader
// (src/io/patient-bytes.ts) must give, in the tests that hold the two to each other.
import type { Io } from '../../src/io/io.js';
import { streamCsv } from '../../src/io/csv.js';
import { aggregatePatientRecords } from '../../src/io/patient-file.js';

export function wholeText(text: string, outcome: 'change' | 'followup') {
  const stream = streamCsv('n.csv', text);
  const records = stream.records[Symbol.iterator]();
  const header = records.next();
  if (header.done) throw new Error('no header');
  const result = aggregatePatientRecords('n.csv', header.value, { [Symbol.iterator]: () => records }, { outcome });
  return stream.problems.length > 0 ? { ...result, files: [], notes: [], problems: stream.problems } : result;
}

/** An Io that reads files under `dir` and prints nothing. */
export function quietIo(dir: string): Io {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true, isTTY: false, columns: 80 },
    readStdin: () => Promise.resolve(''),
    env: {},
    cwd: dir,
  };
}
