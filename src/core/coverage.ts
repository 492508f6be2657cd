/** How much of what each review reports the loaded data holds. */
import type { Dataset, Row } from './table.js';

export interface ReviewCoverage {
  review_id: string;
  short_name: string | null;
  /** Studies of the review present in the data, by how sure the membership is. */
  studies_in_data: number;
  verified: number;
  inferred: number;
  candidate: number;
  studies_reported: number | null;
  /** Sum of n_randomised over the review's studies in the data that report it. */
  patients_in_data: number;
  participants_reported: number | null;
  /** studies_in_data / studies_reported, or null when the review's figure is unknown. */
  study_share: number | null;
  patient_share: number | null;
}

function share(part: number, whole: number | null): number | null {
  return whole === null || whole === 0 ? null : part / whole;
}

export function reviewCoverage(dataset: Dataset): ReviewCoverage[] {
  const studies = new Map<string, Row>();
  for (const row of dataset.studies?.rows ?? []) if (typeof row['study_id'] === 'string') studies.set(row['study_id'], row);
  const memberships = dataset['review-studies']?.rows ?? [];
  return (dataset.reviews?.rows ?? []).map((review) => {
    const id = String(review['review_id']);
    const members = memberships.filter((m) => m['review_id'] === id && typeof m['study_id'] === 'string' && studies.has(m['study_id']));
    const count = (inclusion: string): number => members.filter((m) => m['inclusion'] === inclusion).length;
    const patients = members.reduce((sum, m) => {
      const n = studies.get(String(m['study_id']))?.['n_randomised'];
      return sum + (typeof n === 'number' ? n : 0);
    }, 0);
    const studiesReported = typeof review['studies_reported'] === 'number' ? review['studies_reported'] : null;
    const participantsReported = typeof review['participants_reported'] === 'number' ? review['participants_reported'] : null;
    return {
      review_id: id,
      short_name: typeof review['short_name'] === 'string' ? review['short_name'] : null,
      studies_in_data: members.length,
      verified: count('verified'),
      inferred: count('inferred'),
      candidate: count('candidate'),
      studies_reported: studiesReported,
      patients_in_data: patients,
      participants_reported: participantsReported,
      study_share: share(members.length, studiesReported),
      patient_share: share(patients, participantsReported),
    };
  });
}

/** Rows per table, for the validation summary. */
export function rowCounts(dataset: Dataset): { table: string; files: readonly string[]; rows: number }[] {
  return Object.values(dataset).map((t) => ({ table: t.name, files: t.files, rows: t.rows.length }));
}
