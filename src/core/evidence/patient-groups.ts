/** Patients per group, each study counted once, with what each review itself reports (patients and summary share it). */
import { compareText } from '../text/compare-text.js';
import { byGroup, countPatients, type PatientCount } from './aggregate.js';
import { coverageForReview, type Coverage } from './coverage.js';
import { type Condition } from './query.js';
import { reviewsSelected, withReviewGroups } from './review-groups.js';
import type { Dataset, Row } from './table.js';

const REVIEW_FIELDS = ['review', 'review_verified'];

function fromCoverage(c: Coverage): PatientCount {
  return {
    studies: c.studies,
    patients: c.patients,
    studies_without_n: c.studies_without_n,
    reported_studies: c.studies_reported,
    reported_patients: c.participants_reported,
    study_share: c.study_share,
    patient_share: c.patient_share,
  };
}

/**
 * Per group, and the coverage of each review group (null for other fields). Grouped by review, every
 * review the conditions select has a row, with 0 studies when none of its studies is selected.
 */
export function patientGroups(
  dataset: Dataset,
  studies: readonly Row[],
  field: string,
  conditions: readonly Condition[] = [],
) {
  const coverages: Coverage[] = [];
  const byStudies = byGroup(studies, field, (rows, key) => {
    if (
      !REVIEW_FIELDS.includes(field) ||
      typeof key !== 'string' ||
      !dataset.reviews?.rows.some((r) => r['review_id'] === key)
    )
      return countPatients(rows);
    const coverage = coverageForReview(dataset, key, rows);
    coverages.push(coverage);
    return fromCoverage(coverage);
  });
  const grouped = withReviewGroups(byStudies, reviewsSelected(dataset, field, conditions), (id) => {
    const coverage = coverageForReview(dataset, id, []);
    coverages.push(coverage);
    return fromCoverage(coverage);
  });
  coverages.sort((a, b) => compareText(a.review_id, b.review_id));
  return { grouped, coverages };
}
