/** Counting studies and patients over a selection of study rows. */
import type { Row } from './table.js';

export interface StudyCount {
  studies: number;
  /** Sum of n_randomised over the studies that report it. */
  patients: number;
  /** Studies whose n_randomised is known. */
  studies_with_n: number;
}

/** Counts distinct studies (by study_id) and their randomised patients. */
export function countStudies(rows: readonly Row[]): StudyCount {
  const seen = new Map<string, Row>();
  for (const row of rows) {
    const id = row['study_id'];
    if (typeof id === 'string' && !seen.has(id)) seen.set(id, row);
  }
  let patients = 0;
  let withN = 0;
  for (const row of seen.values()) {
    const n = row['n_randomised'];
    if (typeof n === 'number') {
      patients += n;
      withN++;
    }
  }
  return { studies: seen.size, patients, studies_with_n: withN };
}
