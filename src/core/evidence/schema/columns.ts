/** Column types and the columns several tables share (sources, citations, analyses). */
import type { Column, ColumnType } from './types.js';
import type { VocabularyName } from './vocabularies.js';

export const text = { kind: 'text' } as const;
export const integer = { kind: 'integer' } as const;
export const number = { kind: 'number' } as const;
export const boolean = { kind: 'boolean' } as const;
export const oneOf = (vocabulary: VocabularyName): ColumnType => ({ kind: 'enum', vocabulary });

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

export const SOURCE: Column = {
  name: 'source',
  type: text,
  description:
    'The publication the values come from, by DOI, PMID or PMCID (a post or page: its title, author and date), and the place in it (abstract, Table 2, p. 5). Required on every row when the column is present.',
};
export const SEEN_AT: Column = {
  name: 'seen_at',
  type: text,
  description:
    'Where the values were actually read when that was not the publication itself: a mirror, reprint or secondary copy; URLs separated by " ; ", each optionally after what was read there ("abstract: https://..."). Never the only citation.',
};
export const NOTE: Column = {
  name: 'note',
  type: text,
  description: 'Free text: disagreements between sources, caveats, what was derived or inferred.',
};

/** Bibliographic columns shared by reviews and studies (used by `cite`). */
export const CITATION: readonly Column[] = [
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
export const ANALYSIS_COLUMNS: readonly Column[] = [
  ANALYSIS,
  {
    name: 'subgroup',
    type: text,
    key: true,
    description: 'Subgroup of the analysis as the review names it, numbered "1.1.2 name" when imported.',
  },
];
export const POOLED_ANALYSIS_COLUMNS: readonly Column[] = [
  ANALYSIS,
  { name: 'method', type: text, description: "The review's pooling method: MH, IV or Peto (RevMan's setting)." },
  { name: 'model', type: text, description: "fixed or random (RevMan's setting)." },
  { name: 'chi2', type: number, description: "Heterogeneity Chi² (Cochran's Q) as the review stores it." },
  { name: 'df', type: integer, description: 'Degrees of freedom of the Chi².' },
  { name: 'i2', type: number, unit: '%', description: 'I² as the review stores it, in percent.' },
  { name: 'tau2', type: number, description: 'tau² as the review stores it.' },
  { name: 'z', type: number, description: 'Test statistic Z of the overall effect as the review stores it.' },
];

export const BOOLEAN_TRUE = ['yes', 'true', '1'] as const;
export const BOOLEAN_FALSE = ['no', 'false', '0'] as const;
