/** The patient-records table (patient-records.csv). */
import { NOTE, SEEN_AT, SOURCE, boolean, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const PATIENT_RECORDS: Table = {
  name: 'patient-records',
  file: 'patient-records.csv',
  rowIs: 'patient (and time point) in a study: individual patient data',
  description: 'Individual patient data; aggregated per study and arm.',
  columns: [
    { name: 'study_id', type: text, required: true, description: 'A study_id of studies.csv.' },
    { name: 'patient_id', type: text, description: 'Patient identifier within the study.' },
    { name: 'arm', type: oneOf('arm'), required: true, description: 'treatment or control.' },
    { name: 'timepoint_weeks', type: number, unit: 'weeks', description: 'Time point of the follow-up value.' },
    { name: 'baseline', type: number, description: 'Score at baseline.' },
    { name: 'followup', type: number, description: 'Score at follow-up.' },
    {
      name: 'change',
      type: number,
      description: 'Change from baseline (when baseline and follow-up are not given).',
    },
    { name: 'adverse_event', type: boolean, description: 'Whether the patient had an adverse event.' },
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {},
};
