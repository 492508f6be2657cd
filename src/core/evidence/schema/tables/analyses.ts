/** The analyses table (analyses.csv): a review's analyses with their settings, as RevMan holds them. */
import { NOTE, SOURCE, boolean, integer, number, oneOf, text } from '../columns.js';
import type { Table } from '../types.js';

export const ANALYSES: Table = {
  name: 'analyses',
  file: 'analyses.csv',
  rowIs: 'analysis of a review (RevMan "Data and analyses")',
  description:
    "A review's analyses with RevMan's settings and, where RevMan stored them, its overall results; `acu-evidence import` writes it, and `meta` on one analysis pools with these settings unless told otherwise.",
  columns: [
    { name: 'review_id', type: text, required: true, key: true, description: 'A review_id of reviews.csv.' },
    {
      name: 'analysis',
      type: text,
      required: true,
      key: true,
      description:
        'Analysis as the review numbers it: comparison.outcome, e.g. "1.1" (the analysis column of outcomes.csv).',
    },
    { name: 'comparison_no', type: integer, description: 'Comparison number (the 1 of 1.2).' },
    { name: 'comparison', type: text, description: 'Comparison name as the review gives it.' },
    { name: 'outcome_no', type: integer, description: 'Outcome number within the comparison (the 2 of 1.2).' },
    { name: 'outcome', type: text, description: 'Outcome (analysis) name as the review gives it.' },
    {
      name: 'data_type',
      type: oneOf('analysis_data_type'),
      description: 'dichotomous, continuous, giv (generic inverse variance) or other (O-E and variance, IPD).',
    },
    {
      name: 'measure',
      type: text,
      description: "RevMan's effect measure as stored: OR, RR, RD, MD, SMD, PETO_OR, HR, ...",
    },
    { name: 'method', type: oneOf('pool_method'), description: "RevMan's statistical method: MH, IV or Peto." },
    { name: 'model', type: oneOf('pool_model'), description: "RevMan's analysis model: fixed or random." },
    {
      name: 'ci_study',
      type: number,
      unit: '%',
      description: "Confidence level of the studies' intervals (RevMan's study CI).",
    },
    {
      name: 'ci_total',
      type: number,
      unit: '%',
      description: "Confidence level of the pooled interval (RevMan's total CI); meta's --level by default.",
    },
    { name: 'totals', type: boolean, description: 'Whether RevMan shows the overall (total) estimate.' },
    { name: 'subtotals', type: boolean, description: 'Whether RevMan shows subgroup estimates (subtotals).' },
    { name: 'subgroup_test', type: boolean, description: 'Whether RevMan shows the test for subgroup differences.' },
    {
      name: 'swap_events',
      type: boolean,
      description: 'Whether RevMan swaps events and non-events (dichotomous data).',
    },
    {
      name: 'log_data',
      type: boolean,
      description: 'Generic inverse variance: whether the entered data are on the log scale (ratio measures).',
    },
    { name: 'label_treatment', type: text, description: "RevMan's label of the experimental group." },
    { name: 'label_control', type: text, description: "RevMan's label of the control group." },
    { name: 'graph_label_left', type: text, description: 'Label under the left side of the forest plot.' },
    { name: 'graph_label_right', type: text, description: 'Label under the right side of the forest plot.' },
    { name: 'effect_unit', type: text, description: 'Unit of the effect measure, when RevMan gives one.' },
    { name: 'subgroups', type: integer, description: 'Number of subgroups of the analysis (empty: none).' },
    { name: 'studies', type: integer, description: 'Studies in the analysis.' },
    { name: 'participants', type: integer, description: 'Participants in the analysis (both groups).' },
    {
      name: 'estimate',
      type: number,
      description: "RevMan's stored overall estimate (ratios on their natural scale); empty when none is stored.",
    },
    { name: 'ci_low', type: number, description: 'Lower bound of the stored interval (at ci_total).' },
    { name: 'ci_high', type: number, description: 'Upper bound of the stored interval (at ci_total).' },
    { name: 'z', type: number, description: 'Stored test statistic Z of the overall effect.' },
    { name: 'p_z', type: number, description: 'Stored P value of Z.' },
    { name: 'chi2', type: number, description: "Stored heterogeneity Chi² (Cochran's Q)." },
    { name: 'df', type: integer, description: 'Degrees of freedom of the Chi².' },
    { name: 'p_chi2', type: number, description: 'Stored P value of the Chi².' },
    { name: 'i2', type: number, unit: '%', description: 'Stored I², in percent.' },
    { name: 'tau2', type: number, description: 'Stored tau².' },
    { name: 'subgroup_chi2', type: number, description: 'Stored Chi² of the test for subgroup differences.' },
    { name: 'subgroup_df', type: integer, description: 'Degrees of freedom of the test for subgroup differences.' },
    { name: 'subgroup_p', type: number, description: 'Stored P value of the test for subgroup differences.' },
    {
      name: 'subgroup_i2',
      type: number,
      unit: '%',
      description: 'Stored I² of the test for subgroup differences, in percent.',
    },
    SOURCE,
    NOTE,
  ],
  rules: {
    ordered: [['ci_low', 'ci_high']],
    percent: ['ci_study', 'ci_total', 'i2', 'subgroup_i2'],
    nonNegative: ['chi2', 'df', 'tau2', 'subgroup_chi2', 'subgroup_df', 'studies', 'participants', 'subgroups'],
    // RevMan's measures per data type; generic inverse variance and "other" take any measure.
    dependsOn: [
      {
        column: 'measure',
        by: 'data_type',
        values: { dichotomous: ['OR', 'RR', 'RD', 'PETO_OR'], continuous: ['MD', 'SMD'] },
      },
    ],
  },
};
