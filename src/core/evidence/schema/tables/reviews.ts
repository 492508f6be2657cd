/** The reviews table (reviews.csv). */
import { CITATION, NOTE, SEEN_AT, SOURCE, integer, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const REVIEWS: Table = {
  name: 'reviews',
  file: 'reviews.csv',
  rowIs: 'review or source document',
  description: 'Reviews and other documents that report on a set of studies, with the totals they report.',
  columns: [
    { name: 'review_id', type: text, required: true, key: true, description: 'Short slug, e.g. vickers-2018.' },
    { name: 'short_name', type: text, description: 'Name for tables, e.g. "Vickers 2018".' },
    ...CITATION,
    { name: 'design', type: oneOf('design'), description: 'Kind of document.' },
    {
      name: 'condition',
      type: { kind: 'list', vocabulary: 'condition' },
      description: 'Conditions the review covers (;-separated).',
    },
    {
      name: 'search_end',
      type: text,
      description: 'Date the literature search ended (YYYY-MM-DD or YYYY-MM), as printed.',
    },
    {
      name: 'studies_reported',
      type: integer,
      unit: 'studies',
      description: 'Number of studies the review itself reports including.',
    },
    {
      name: 'participants_reported',
      type: integer,
      unit: 'participants',
      description: 'Number of participants the review itself reports.',
    },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {},
};
