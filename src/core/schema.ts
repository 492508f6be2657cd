/**
 * The tables of the data model: one source of truth for loading, validation, --where typing,
 * error messages and the codebook in data/README.md (generated from this file).
 */

import { CLINIC_RECORDS } from './clinic/table.js';

export const VOCABULARIES = {
  condition: [
    'low-back-pain',
    'neck-pain',
    'osteoarthritis',
    'headache',
    'shoulder-pain',
    'sciatica',
    'pelvic-girdle-pain',
    'low-back-and-pelvic-pain',
    'chronic-pain',
    'back-and-neck-pain',
  ],
  design: [
    'rct',
    'quasi-rct',
    'observational',
    'retrospective',
    'systematic-review',
    'ipd-meta-analysis',
    'cochrane-review',
  ],
  comparator_type: [
    'sham',
    'usual-care',
    'no-acupuncture',
    'waiting-list',
    'medication',
    'physiotherapy',
    'exercise',
    'other-acupuncture',
    'placebo',
    'none',
  ],
  result: ['favours-acupuncture', 'no-difference', 'favours-control'],
  inclusion: ['verified', 'inferred', 'candidate'],
  effect_measure: ['RR', 'OR', 'RD', 'MD', 'SMD'],
  arm: ['treatment', 'control'],
  rate_unit: ['percent-of-patients', 'percent-of-sessions', 'per-10000-sessions', 'percent'],
  claim_unit: ['count', 'percent', 'sessions', 'weeks', 'months', 'years', 'hours', 'ratio'],
  metric: [
    'studies',
    'patients',
    'reported-studies',
    'reported-patients',
    'sessions-min',
    'sessions-max',
    'sessions-mean',
    'sessions-median',
    'follow-up-months-max',
    'positive-count',
    'positive-ratio',
    'event-proportion',
    'ae-patients',
    'ae-events',
    'ae-rate',
    'pooled-estimate',
    'pooled-studies',
    'distribution-count',
    'clinic-improved',
    'none',
  ],
} as const satisfies Record<string, readonly string[]>;

type VocabularyName = keyof typeof VOCABULARIES;
export type Metric = (typeof VOCABULARIES)['metric'][number];

/** The table each metric reads (and whose fields its `where` filter may name); none reads nothing. */
export const METRIC_TABLE: Record<Metric, TableName | null> = {
  studies: 'studies',
  patients: 'studies',
  'reported-studies': 'reviews',
  'reported-patients': 'reviews',
  'sessions-min': 'studies',
  'sessions-max': 'studies',
  'sessions-mean': 'studies',
  'sessions-median': 'studies',
  'follow-up-months-max': 'studies',
  'positive-count': 'studies',
  'positive-ratio': 'studies',
  'event-proportion': 'outcomes',
  'ae-patients': 'adverse-events',
  'ae-events': 'adverse-events',
  'ae-rate': 'adverse-events',
  'pooled-estimate': 'pooled',
  'pooled-studies': 'pooled',
  'distribution-count': 'distributions',
  'clinic-improved': 'clinic-records',
  none: null,
};

/** How a cell is parsed; `list` cells hold `;`-separated values of a vocabulary or free text. */
export type ColumnType =
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'enum'; vocabulary: VocabularyName }
  | { kind: 'list'; vocabulary?: VocabularyName };

export interface Column {
  name: string;
  type: ColumnType;
  /** The header must contain this column. */
  required?: boolean;
  /** Part of the row's identity: duplicates of the key are an error. */
  key?: boolean;
  unit?: string;
  /** Filled by the tool from other tables; a file may carry it (the tool's own CSV output does). */
  derived?: boolean;
  /** A number whose printed decimals matter (47.60 is not 47.6): the loader keeps them (see derive.ts). */
  printed?: boolean;
  description: string;
}

interface TableRule {
  /** Columns whose values, when both are present, must satisfy `low <= high`. */
  ordered?: readonly (readonly [string, string])[];
  /** Columns that may not exceed their denominator. */
  notAbove?: readonly (readonly [string, string])[];
  /** At least one of these columns must be filled on every row. */
  oneOf?: readonly (readonly string[])[];
  /** Percentages in [0, 100]. */
  percent?: readonly string[];
  /** Numbers that may not be negative. */
  nonNegative?: readonly string[];
  /** When the first column is filled, the second must be too. */
  requires?: readonly (readonly [string, string])[];
}

export interface Table {
  name: TableName;
  file: string;
  description: string;
  rowIs: string;
  columns: readonly Column[];
  rules: TableRule;
}

const text = { kind: 'text' } as const;
const integer = { kind: 'integer' } as const;
const number = { kind: 'number' } as const;
const boolean = { kind: 'boolean' } as const;
const oneOf = (vocabulary: VocabularyName): ColumnType => ({ kind: 'enum', vocabulary });

/** Derived on every table: the reviews a row belongs to; a studies file may carry them (the tool's CSV output does). */
export const REVIEW_COLUMNS: readonly Column[] = [
  {
    name: 'review',
    type: { kind: 'list' },
    derived: true,
    description:
      "Reviews the row belongs to: its review_id, or its study's reviews in review-studies.csv, at any inclusion level (;-separated).",
  },
  {
    name: 'review_verified',
    type: { kind: 'list' },
    derived: true,
    description: 'As review, counting only memberships whose inclusion is verified.',
  },
];

const SOURCE: Column = {
  name: 'source',
  type: text,
  description:
    'The publication the values come from, by DOI, PMID or PMCID (a post or page: its title, author and date), and the place in it (abstract, Table 2, p. 5). Required on every row when the column is present.',
};
const SEEN_AT: Column = {
  name: 'seen_at',
  type: text,
  description:
    'Where the values were actually read when that was not the publication itself: a mirror, reprint or secondary copy; URLs separated by " ; ", each optionally after what was read there ("abstract: https://..."). Never the only citation.',
};
const NOTE: Column = {
  name: 'note',
  type: text,
  description: 'Free text: disagreements between sources, caveats, what was derived or inferred.',
};

/** Bibliographic columns shared by reviews and studies (used by `cite`). */
const CITATION: readonly Column[] = [
  {
    name: 'authors',
    type: text,
    description: 'Authors as printed, Vancouver style ("Vickers AJ, Vertosick EA, ...").',
  },
  { name: 'title', type: text, description: 'Title of the article.' },
  { name: 'journal', type: text, description: 'Journal abbreviation as in PubMed.' },
  { name: 'year', type: integer, unit: 'year', description: 'Year of publication.' },
  { name: 'volume', type: text, description: 'Journal volume.' },
  { name: 'issue', type: text, description: 'Journal issue.' },
  { name: 'pages', type: text, description: 'Pages or article number.' },
  { name: 'doi', type: text, description: 'DOI, without the https://doi.org/ prefix.' },
  { name: 'pmid', type: text, description: 'PubMed identifier.' },
];

/** A review's analysis as RevMan numbers it (`acu-evidence import` fills these). */
const ANALYSIS: Column = {
  name: 'analysis',
  type: text,
  key: true,
  description: 'Analysis as the review numbers it: comparison.outcome, e.g. "1.1" (RevMan "Data and analyses").',
};
const ANALYSIS_COLUMNS: readonly Column[] = [
  ANALYSIS,
  {
    name: 'subgroup',
    type: text,
    key: true,
    description: 'Subgroup of the analysis as the review names it, numbered "1.1.2 name" when imported.',
  },
];
const POOLED_ANALYSIS_COLUMNS: readonly Column[] = [
  ANALYSIS,
  { name: 'method', type: text, description: "The review's pooling method: MH, IV or Peto (RevMan's setting)." },
  { name: 'model', type: text, description: "fixed or random (RevMan's setting)." },
  { name: 'chi2', type: number, description: "Heterogeneity Chi² (Cochran's Q) as the review stores it." },
  { name: 'df', type: integer, description: 'Degrees of freedom of the Chi².' },
  { name: 'i2', type: number, unit: '%', description: 'I² as the review stores it, in percent.' },
  { name: 'tau2', type: number, description: 'tau² as the review stores it.' },
  { name: 'z', type: number, description: 'Test statistic Z of the overall effect as the review stores it.' },
];

export const TABLES: readonly Table[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
        description:
          'Percentage with the outcome in the treatment arm, as printed (used when the count is not printed).',
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
  },
  {
    name: 'adverse-events',
    file: 'adverse-events.csv',
    rowIs: 'event type in a study or review',
    description:
      'Adverse events as reported: counts of patients (and sessions) with an event, or a published rate or range of rates.',
    columns: [
      {
        name: 'review_id',
        type: text,
        key: true,
        description: 'A review_id, when the row reports a review-level figure.',
      },
      { name: 'study_id', type: text, key: true, description: 'A study_id, when the row reports a study.' },
      {
        name: 'arm',
        type: text,
        key: true,
        description: 'Which group, as printed (e.g. "acupuncture", "standard treatment"); empty for the whole study.',
      },
      {
        name: 'acupuncture_arm',
        type: boolean,
        description:
          'Whether everyone in the arm received acupuncture (yes), nobody did (no); empty for a whole study with several arms.',
      },
      { name: 'event', type: text, key: true, description: 'Event type as printed, or "any".' },
      { name: 'serious', type: boolean, description: 'Whether the source calls the event serious.' },
      { name: 'patients_with_event', type: integer, description: 'Patients with at least one such event.' },
      { name: 'patients_exposed', type: integer, description: 'Patients who received the treatment of this arm.' },
      { name: 'event_count', type: integer, description: 'Number of events (one patient may have several).' },
      { name: 'sessions_with_event', type: integer, description: 'Sessions in which the event occurred.' },
      { name: 'sessions_total', type: integer, description: 'Sessions given.' },
      { name: 'rate', type: number, description: 'A published rate, in rate_unit.' },
      { name: 'rate_low', type: number, description: 'Lower end of a published range of rates, in rate_unit.' },
      { name: 'rate_high', type: number, description: 'Upper end of a published range of rates, in rate_unit.' },
      {
        name: 'rate_unit',
        type: oneOf('rate_unit'),
        description: 'Unit of rate, rate_low and rate_high; percent when the source does not say of what.',
      },
      SOURCE,
      SEEN_AT,
      NOTE,
    ],
    rules: {
      oneOf: [['review_id', 'study_id']],
      notAbove: [
        ['patients_with_event', 'patients_exposed'],
        ['sessions_with_event', 'sessions_total'],
      ],
      ordered: [['rate_low', 'rate_high']],
      nonNegative: ['rate', 'rate_low', 'rate_high'],
      requires: [
        ['rate', 'rate_unit'],
        ['rate_low', 'rate_unit'],
        ['rate_high', 'rate_unit'],
      ],
    },
  },
  {
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
  },
  {
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
  },
  {
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
  },
  CLINIC_RECORDS,
  {
    name: 'claims',
    file: 'claims.csv',
    rowIs: 'numeric claim in a document',
    description:
      'Numeric claims of published text, word for word, with the metric and filter that would check each one.',
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
  },
];

export type TableName =
  | 'reviews'
  | 'review-studies'
  | 'studies'
  | 'outcomes'
  | 'adverse-events'
  | 'pooled'
  | 'distributions'
  | 'patient-records'
  | 'clinic-records'
  | 'claims';

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

export function tableByName(name: TableName): Table {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown table ${name}`);
  return table;
}

const COLUMN_INDEX = new WeakMap<Table, ReadonlyMap<string, Column>>();

/** A table's column by name; looked up in an index, since every typed cell asks. */
export function columnOf(table: Table, name: string): Column | undefined {
  let index = COLUMN_INDEX.get(table);
  if (!index) {
    index = new Map(table.columns.map((c) => [c.name, c]));
    COLUMN_INDEX.set(table, index);
  }
  return index.get(name);
}

export const BOOLEAN_TRUE = ['yes', 'true', '1'] as const;
export const BOOLEAN_FALSE = ['no', 'false', '0'] as const;
