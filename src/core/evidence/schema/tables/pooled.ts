/** The pooled table (pooled.csv). */
import { NOTE, POOLED_ANALYSIS_COLUMNS, SEEN_AT, SOURCE, integer, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const POOLED: Table = {
  name: 'pooled',
  file: 'pooled.csv',
  rowIs: 'pooled estimate as published',
  description: 'Pooled estimates exactly as a review publishes them.',
  columns: [
    { name: 'review_id', type: text, required: true, key: true, description: 'A review_id of reviews.csv.' },
    { name: 'outcome', type: text, key: true, description: 'Outcome pooled.' },
    { name: 'comparison', type: text, key: true, description: 'Comparison, e.g. "acupuncture vs sham".' },
    { name: 'comparator_type', type: oneOf('comparator_type'), description: 'Kind of control.' },
    {
      name: 'condition',
      type: oneOf('condition'),
      description: 'Condition, when the estimate is for one condition.',
    },
    {
      name: 'subgroup',
      type: text,
      key: true,
      description: 'Subgroup or analysis label as printed (e.g. a row of a table).',
    },
    { name: 'measure', type: oneOf('effect_measure'), required: true, description: 'Effect measure.' },
    { name: 'estimate', type: number, required: true, description: 'Pooled estimate as printed.' },
    { name: 'ci_low', type: number, description: 'Lower bound of the 95% CI.' },
    { name: 'ci_high', type: number, description: 'Upper bound of the 95% CI.' },
    { name: 'p_value', type: text, description: 'P value as printed.' },
    { name: 'studies', type: integer, description: 'Studies contributing, as printed.' },
    { name: 'participants', type: integer, description: 'Participants contributing, as printed.' },
    ...POOLED_ANALYSIS_COLUMNS,
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: { ordered: [['ci_low', 'ci_high']] },
};
