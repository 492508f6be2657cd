/** The claims table (claims.csv). */
import { NOTE, SEEN_AT, SOURCE, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const CLAIMS: Table = {
  name: 'claims',
  file: 'claims.csv',
  rowIs: 'numeric claim in a document',
  description: 'Numeric claims of published text, word for word, with the metric and filter that would check each one.',
  columns: [
    { name: 'claim_id', type: text, required: true, key: true, description: 'Short identifier.' },
    { name: 'document', type: text, description: 'Where the claim was published.' },
    { name: 'text', type: text, required: true, description: 'The claim, word for word.' },
    {
      name: 'metric',
      type: oneOf('metric'),
      required: true,
      description: 'The metric that checks it (see `acu-evidence value --help`); none when no metric can.',
    },
    { name: 'where', type: text, description: 'Filters that select the data, ;-separated --where expressions.' },
    {
      name: 'claimed_value',
      type: number,
      printed: true,
      description: 'The number claimed, as printed (for a range, its low end).',
    },
    { name: 'claimed_high', type: number, printed: true, description: 'High end of a claimed range.' },
    { name: 'unit', type: oneOf('claim_unit'), description: 'Unit of the claimed value.' },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: { ordered: [['claimed_value', 'claimed_high']] },
};
