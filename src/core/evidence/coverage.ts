/** How much of what a review reports a selection of the loaded data holds. */
import { countPatients, distinctStudies } from './aggregate.js';
import type { Condition } from './query.js';
import type { Dataset, Row } from './table.js';

export type Coverage = {
  review_id: string;
  short_name: string | null;
  /** Studies of the selection that belong to the review, by how sure the membership is. */
  studies: number;
  verified: number;
  inferred: number;
  candidate: number;
  studies_reported: number | null;
  /** Sum of n_randomised over those studies that report it; null when none does. */
  patients: number | null;
  studies_without_n: number;
  /** Studies of the review in all the loaded data, selected or not (0: none of its studies is bundled). */
  studies_in_data: number;
  participants_reported: number | null;
  study_share: number | null;
  patient_share: number | null;
};

function reviewRow(dataset: Dataset, reviewId: string): Row | undefined {
  return dataset.reviews?.rows.find((r) => r['review_id'] === reviewId);
}

/** Coverage of one review by the given study rows (only those that belong to it count). */
export function coverageForReview(dataset: Dataset, reviewId: string, studyRows: readonly Row[]): Coverage {
  const review = reviewRow(dataset, reviewId);
  const memberships = new Map<string, string>();
  for (const m of dataset['review-studies']?.rows ?? []) {
    if (m['review_id'] === reviewId && typeof m['study_id'] === 'string')
      memberships.set(m['study_id'], String(m['inclusion'] ?? ''));
  }
  const members = distinctStudies(studyRows).filter((s) => memberships.has(String(s['study_id'])));
  const inclusion = (level: string) => members.filter((s) => memberships.get(String(s['study_id'])) === level).length;
  const reported = {
    studies: typeof review?.['studies_reported'] === 'number' ? review['studies_reported'] : null,
    patients: typeof review?.['participants_reported'] === 'number' ? review['participants_reported'] : null,
  };
  const count = countPatients(members, reported);
  // No study selected: none of its patients is either (countPatients leaves an empty sum unknown).
  const patients = members.length === 0 ? 0 : count.patients;
  const inData = distinctStudies(dataset.studies?.rows ?? []).filter((s) => memberships.has(String(s['study_id'])));
  return {
    review_id: reviewId,
    short_name: typeof review?.['short_name'] === 'string' ? review['short_name'] : null,
    studies: count.studies,
    verified: inclusion('verified'),
    inferred: inclusion('inferred'),
    candidate: inclusion('candidate'),
    studies_reported: reported.studies,
    patients,
    studies_without_n: count.studies_without_n,
    studies_in_data: inData.length,
    participants_reported: reported.patients,
    study_share: count.study_share,
    patient_share:
      members.length === 0 && reported.patients !== null && reported.patients > 0 ? 0 : count.patient_share,
  };
}

/** Coverage of every review by all the loaded studies. */
export function reviewCoverage(dataset: Dataset): Coverage[] {
  const studies = dataset.studies?.rows ?? [];
  return (dataset.reviews?.rows ?? []).map((r) => coverageForReview(dataset, String(r['review_id']), studies));
}

/** The one review a set of --where conditions selects by `review=` (or `review_verified=`), if any. */
function reviewNamed(conditions: readonly Condition[]): string | null {
  const named = conditions
    .filter(
      (c) =>
        (c.field === 'review' || c.field === 'review_verified' || c.field === 'review_id') &&
        c.op === '=' &&
        c.values.length === 1,
    )
    .map((c) => String(c.values[0]));
  return named.length === 1 && named[0] !== undefined ? named[0] : null;
}

/** Coverage of the review the conditions name, by the selected studies; null when none is named. */
export function coverageOf(
  dataset: Dataset,
  conditions: readonly Condition[],
  studyRows: readonly Row[],
): Coverage | null {
  const reviewId = reviewNamed(conditions);
  return reviewId === null || !reviewRow(dataset, reviewId) ? null : coverageForReview(dataset, reviewId, studyRows);
}

/** Rows and files per table, and in all, for the validation summary. */
export function rowCounts(dataset: Dataset): {
  tables: { table: string; files: readonly string[]; rows: number }[];
  files: number;
  rows: number;
} {
  const tables = Object.values(dataset).map((t) => ({ table: t.name, files: t.files, rows: t.rows.length }));
  return {
    tables,
    // One file can fill several tables (a patient-level file: outcomes and adverse-events rows).
    files: new Set(tables.flatMap((t) => t.files)).size,
    rows: tables.reduce((sum, t) => sum + t.rows, 0),
  };
}
