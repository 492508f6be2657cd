/** The outcomes table (outcomes.csv). */
import { ANALYSIS_COLUMNS, NOTE, SEEN_AT, SOURCE, integer, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const OUTCOMES: Table = {
  name: 'outcomes',
  file: 'outcomes.csv',
  rowIs: 'comparison x outcome x time point within a study',
  description:
    'Arm-level results: binary arms (events of n), continuous arms (mean, SD, n), or a reported effect with its CI. Where a paper prints a percentage and an n, both are kept and the count is derived by the tool.',
  columns: [
    { name: 'study_id', type: text, required: true, key: true, description: 'A study_id of studies.csv.' },
    {
      name: 'comparison',
      type: text,
      key: true,
      description:
        'Arms compared, treatment first: "acupuncture vs sham", "acupuncture vs usual care", ... or "acupuncture (single arm)"; the arms as printed go in arm_treatment and arm_control.',
    },
    {
      name: 'comparator_type',
      type: oneOf('comparator_type'),
      description: 'Kind of control arm; none for a single-arm result.',
    },
    {
      name: 'outcome',
      type: text,
      key: true,
      description: 'What was measured, e.g. "improved (>=50% pain reduction)".',
    },
    {
      name: 'arm_treatment',
      type: text,
      key: true,
      description: 'Treatment arm as the source names it, e.g. "manual or electroacupuncture".',
    },
    { name: 'arm_control', type: text, description: 'Control arm as the source names it, e.g. "mock TENS".' },
    {
      name: 'timepoint',
      type: text,
      key: true,
      description: 'When, as printed, e.g. "6 months", "end of treatment".',
    },
    {
      name: 'timepoint_weeks',
      type: number,
      key: true,
      unit: 'weeks',
      description: 'The time point in weeks, only when the source gives it in weeks.',
    },
    { name: 'events_treatment', type: integer, description: 'Participants with the outcome in the treatment arm.' },
    { name: 'n_treatment', type: integer, description: 'Participants analysed in the treatment arm.' },
    {
      name: 'pct_treatment',
      type: number,
      printed: true,
      unit: '%',
      description: 'Percentage with the outcome in the treatment arm, as printed (used when the count is not printed).',
    },
    { name: 'events_control', type: integer, description: 'Participants with the outcome in the control arm.' },
    { name: 'n_control', type: integer, description: 'Participants analysed in the control arm.' },
    {
      name: 'pct_control',
      type: number,
      printed: true,
      unit: '%',
      description: 'Percentage with the outcome in the control arm, as printed.',
    },
    { name: 'mean_treatment', type: number, description: 'Mean in the treatment arm.' },
    { name: 'sd_treatment', type: number, description: 'Standard deviation in the treatment arm.' },
    { name: 'mean_control', type: number, description: 'Mean in the control arm.' },
    { name: 'sd_control', type: number, description: 'Standard deviation in the control arm.' },
    // Issue 17: incidence rates, pre/post change and correlations (meta --measure IRR, IRD, SMCR, SMCC, COR, ZCOR).
    {
      name: 'episodes_treatment',
      type: integer,
      description: 'Events counted over the person-time in the treatment arm (attacks, headache days; may exceed n).',
    },
    {
      name: 'persontime_treatment',
      type: number,
      description: 'Person-time in the treatment arm (see persontime_unit).',
    },
    {
      name: 'episodes_control',
      type: integer,
      description: 'Events counted over the person-time in the control arm.',
    },
    { name: 'persontime_control', type: number, description: 'Person-time in the control arm.' },
    { name: 'persontime_unit', type: text, description: 'Unit of the person-time, e.g. "patient-years".' },
    {
      name: 'mean_baseline_treatment',
      type: number,
      description: 'Baseline (pre) mean of the treatment or single arm; mean_treatment is then the later value.',
    },
    { name: 'sd_baseline_treatment', type: number, description: 'Baseline (pre) SD of the treatment or single arm.' },
    {
      name: 'r_baseline_treatment',
      type: number,
      description: 'Correlation of baseline and later values in the treatment or single arm.',
    },
    {
      name: 'correlation',
      type: number,
      description: 'A correlation coefficient in the treatment or single arm (n_treatment participants).',
    },
    { name: 'effect_measure', type: oneOf('effect_measure'), description: 'Measure of a reported effect.' },
    { name: 'effect', type: number, description: 'Reported effect (treatment minus, or over, control).' },
    { name: 'ci_low', type: number, description: 'Lower bound of the reported 95% CI.' },
    { name: 'ci_high', type: number, description: 'Upper bound of the reported 95% CI.' },
    {
      name: 'effect_se',
      type: number,
      description:
        'Standard error of the reported effect on the analysis scale (of log(effect) for RR and OR), when no CI is given.',
    },
    {
      name: 'effect_unit',
      type: text,
      description: 'Unit of a reported effect, e.g. "percentage points", "mm on a 0-100 VAS".',
    },
    { name: 'p_value', type: text, description: 'P value as printed, e.g. "<0.001".' },
    ...ANALYSIS_COLUMNS,
    SOURCE,
    SEEN_AT,
    NOTE,
  ],
  rules: {
    notAbove: [
      ['events_treatment', 'n_treatment'],
      ['events_control', 'n_control'],
    ],
    ordered: [
      ['ci_low', 'effect'],
      ['effect', 'ci_high'],
      ['ci_low', 'ci_high'],
    ],
    percent: ['pct_treatment', 'pct_control'],
    nonNegative: [
      'sd_treatment',
      'sd_control',
      'effect_se',
      'persontime_treatment',
      'persontime_control',
      'sd_baseline_treatment',
    ],
    oneOf: [['events_treatment', 'pct_treatment', 'mean_treatment', 'effect', 'episodes_treatment', 'correlation']],
    requires: [
      ['effect', 'effect_measure'],
      ['ci_low', 'ci_high'],
      ['ci_high', 'ci_low'],
      ['events_treatment', 'n_treatment'],
      ['events_control', 'n_control'],
      ['episodes_treatment', 'persontime_treatment'],
      ['episodes_control', 'persontime_control'],
      ['correlation', 'n_treatment'],
    ],
  },
};
