/**
 * The clinic-records table: a clinic's own MYMOP forms (Paterson, BMJ 1996;312:1016), one row per
 * completed form. Never bundled and never printed row by row: `clinic` reports counts and
 * statistics only. Kept here, beside the code that reads it, and listed in schema.ts's TABLES.
 */
import type { Column, Table } from '../evidence/schema/index.js';

/** The four scored items of a MYMOP form, in the order of the form. */
export const MYMOP_ITEMS = ['symptom1', 'symptom2', 'activity', 'wellbeing'] as const;

/** MYMOP scores are whole numbers from 0 (as good as it could be) to 6 (as bad as it could be). */
export const MYMOP_MAX = 6;

function score(name: string, description: string, required = false): Column {
  return {
    name,
    type: { kind: 'integer' },
    unit: 'score 0-6',
    ...(required ? { required: true } : {}),
    description: `${description} Whole number from 0 (as good as it could be) to 6 (as bad as it could be).`,
  };
}

export const CLINIC_RECORDS: Table = {
  name: 'clinic-records',
  file: 'clinic-records.csv',
  rowIs: "completed MYMOP form of one of the clinic's patients",
  description:
    "A clinic's own MYMOP records, read by acu-evidence clinic (not published data: keep them outside data/).",
  columns: [
    {
      name: 'patient_id',
      type: { kind: 'text' },
      required: true,
      description: "The clinic's code for the patient; never printed.",
    },
    {
      name: 'visit',
      type: { kind: 'integer' },
      required: true,
      description: 'Number of the form: 1 at the first consultation, then 2, 3, ... at the follow-up visits.',
    },
    {
      name: 'date',
      type: { kind: 'text' },
      description: 'Date of the visit, YYYY-MM-DD (ISO 8601); optional, never printed; must not go backwards.',
    },
    {
      name: 'condition',
      type: { kind: 'enum', vocabulary: 'condition' },
      description: 'What the patient came with, in the condition vocabulary; the same on every form of a patient.',
    },
    score('symptom1', 'Score of the first symptom the patient named (required).', true),
    score('symptom2', 'Score of the second symptom, when the patient named one.'),
    score('activity', 'Score of the activity the problem limits.'),
    score('wellbeing', 'Score of general wellbeing, when completed.'),
  ],
  // Scores within 0-6, dates and the per-patient rules are checked in records.ts.
  rules: {},
};
