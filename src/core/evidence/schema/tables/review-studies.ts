/** The review-studies table (review-studies.csv). */
import { NOTE, SEEN_AT, SOURCE, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const REVIEW_STUDIES: Table = {
  name: 'review-studies',
  file: 'review-studies.csv',
  rowIs: 'study in a review',
  description: 'Which studies belong to which review, and how sure we are of it.',
  columns: [
    { name: 'review_id', type: text, required: true, key: true, description: 'A review_id of reviews.csv.' },
    { name: 'study_id', type: text, required: true, key: true, description: 'A study_id of studies.csv.' },
    {
      name: 'inclusion',
      type: oneOf('inclusion'),
      description:
        'verified: the review lists the study; inferred: the review text points to it but its study list was not seen; candidate: plausibly in the review, not confirmed.',
    },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {},
};
