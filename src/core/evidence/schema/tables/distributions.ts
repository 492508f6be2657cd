/** The distributions table (distributions.csv). */
import { NOTE, SEEN_AT, SOURCE, integer, number, text } from '../columns.js';
import type { Table } from '../types.js';

export const DISTRIBUTIONS: Table = {
  name: 'distributions',
  file: 'distributions.csv',
  rowIs: 'category of a characteristic, counted over the studies of a review',
  description:
    'Review-level distributions a paper publishes as a table (e.g. Vickers 2018 Table 4: maximum number of sessions per trial).',
  columns: [
    { name: 'review_id', type: text, required: true, key: true, description: 'A review_id of reviews.csv.' },
    {
      name: 'characteristic',
      type: text,
      required: true,
      key: true,
      description: 'Characteristic as printed, e.g. "Maximum number of sessions".',
    },
    { name: 'category', type: text, required: true, key: true, description: 'Category as printed, e.g. "6-10".' },
    {
      name: 'range_low',
      type: number,
      description: 'Lowest value of a numeric category, read from its printed label.',
    },
    {
      name: 'range_high',
      type: number,
      description: 'Highest value of a numeric category, read from its printed label (empty when open-ended).',
    },
    { name: 'n_studies', type: integer, required: true, description: 'Studies in the category, as printed.' },
    { name: 'denominator', type: integer, description: 'Studies the percentages refer to, as printed.' },
    {
      name: 'percent_printed',
      type: number,
      printed: true,
      unit: '%',
      description: 'Percentage as printed (kept to check the count).',
    },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {
    notAbove: [['n_studies', 'denominator']],
    ordered: [['range_low', 'range_high']],
    percent: ['percent_printed'],
  },
};
