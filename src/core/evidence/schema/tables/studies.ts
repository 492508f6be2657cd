/** The studies table (studies.csv). */
import { CITATION, NOTE, REVIEW_COLUMNS, SEEN_AT, SOURCE, integer, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const STUDIES: Table = {
  name: 'studies',
  file: 'studies.csv',
  rowIs: 'primary study',
  description: 'Primary studies (trials and observational studies), as reported by their own papers.',
  columns: [
    { name: 'study_id', type: text, required: true, key: true, description: 'Short slug, e.g. haake-2007.' },
    { name: 'short_name', type: text, description: 'Name for tables, e.g. "Haake 2007 (GERAC)".' },
    ...CITATION,
    { name: 'country', type: text, description: 'Country where the study was done.' },
    { name: 'condition', type: oneOf('condition'), description: 'Condition studied.' },
    { name: 'design', type: oneOf('design'), description: 'Study design.' },
    {
      name: 'n_randomised',
      type: integer,
      unit: 'participants',
      description: "Participants randomised (or enrolled, for non-randomised designs), from the study's own report.",
    },
    {
      name: 'n_acupuncture',
      type: integer,
      unit: 'participants',
      description: 'Participants allocated to (or treated with) acupuncture, all acupuncture arms together.',
    },
    {
      name: 'sessions_min',
      type: integer,
      unit: 'sessions',
      description: 'Fewest acupuncture sessions the protocol planned per patient.',
    },
    {
      name: 'sessions_max',
      type: integer,
      unit: 'sessions',
      description: 'Most acupuncture sessions the protocol allowed per patient.',
    },
    { name: 'treatment_weeks', type: number, unit: 'weeks', description: 'Length of the course of treatment.' },
    {
      name: 'follow_up_months',
      type: number,
      unit: 'months',
      description: 'Longest follow-up after randomisation, when the source gives it in months.',
    },
    {
      name: 'follow_up_weeks',
      type: number,
      unit: 'weeks',
      description:
        'Longest follow-up after randomisation, when the source gives it in weeks (the tool converts; never both).',
    },
    {
      name: 'result_vs_sham',
      type: oneOf('result'),
      description: 'Primary result against sham acupuncture, as the study reports it.',
    },
    {
      name: 'result_vs_usual_care',
      type: oneOf('result'),
      description:
        'Primary result against usual care, no acupuncture, waiting list or another non-acupuncture control, as the study reports it.',
    },
    SOURCE,
    SEEN_AT,
    NOTE,
    ...REVIEW_COLUMNS,
  ],
  rules: { ordered: [['sessions_min', 'sessions_max']], notAbove: [['n_acupuncture', 'n_randomised']] },
};
