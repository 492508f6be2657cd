/**
 * A Cochrane review's analyses as RevMan holds them (read from a .rm5 file, a "Data and analyses"
 * CSV or a data package), turned into the tables of this data model: reviews, studies,
 * review-studies, outcomes (one row per study in each analysis, subgroup by subgroup) and pooled
 * (RevMan's stored results with its settings). Pure: the readers in src/io/import/ fill the model.
 */
import { describeSettings, revmanMeasure, revmanMethod } from './revman-settings.js';

export type DataType = 'dichotomous' | 'continuous' | 'giv' | 'other';

/** RevMan's pooled results of an analysis or a subgroup, as stored (natural scale for ratios). */
export interface StoredResult {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  chi2: number | null;
  df: number | null;
  pChi2: number | null;
  i2: number | null;
  tau2: number | null;
  z: number | null;
  pZ: number | null;
  studies: number | null;
  participants: number | null;
}

export interface StudyData {
  name: string;
  year: string | null;
  /** Subgroup number within the analysis (1, 2, ...), null outside subgroups. */
  subgroup: number | null;
  events1: number | null;
  total1: number | null;
  mean1: number | null;
  sd1: number | null;
  events2: number | null;
  total2: number | null;
  mean2: number | null;
  sd2: number | null;
  /**
   * Generic inverse variance: the estimate on the scale RevMan pools it (the log scale for ratio
   * measures entered as logs; see the readers) and its SE on that scale.
   */
  givY: number | null;
  givSe: number | null;
}

/** RevMan's display and test settings of an analysis, as far as the file form holds them. */
export interface AnalysisSettings {
  ciStudy: number | null;
  ciTotal: number | null;
  totals: boolean | null;
  subtotals: boolean | null;
  subgroupTest: boolean | null;
  swapEvents: boolean | null;
  /** Generic inverse variance: the entered data are on the log scale. */
  logData: boolean | null;
  graphLabelLeft: string | null;
  graphLabelRight: string | null;
}

/** The stored test for subgroup differences. */
interface SubgroupTest {
  chi2: number | null;
  df: number | null;
  p: number | null;
  i2: number | null;
}

export interface Analysis {
  comparisonNo: number;
  comparisonName: string;
  outcomeNo: number;
  outcomeName: string;
  dataType: DataType;
  /** RevMan's effect measure code: OR, RR, RD, MD, SMD, PETO_OR, HR, ... */
  measure: string;
  method: 'MH' | 'IV' | 'Peto' | null;
  random: boolean | null;
  groupLabel1: string | null;
  groupLabel2: string | null;
  units: string | null;
  subgroups: { no: number; name: string; stored: StoredResult | null }[];
  stored: StoredResult | null;
  settings: AnalysisSettings;
  subgroupTest: SubgroupTest | null;
  studies: StudyData[];
}

export interface ImportedReview {
  /** The file read, as the user named it (provenance of every row). */
  file: string;
  title: string | null;
  /** Included studies with their years (all of them, also those in no analysis). */
  studies: { name: string; year: string | null }[];
  analyses: Analysis[];
  /** What could not be imported, for the user. */
  notes: string[];
}

export type Cells = Record<string, string | number | null>;

export interface ImportedTables {
  /** File name → header and rows, in table order. */
  tables: { file: string; columns: readonly string[]; rows: Cells[] }[];
  notes: string[];
  /** The meta commands that reproduce each stored analysis with RevMan's settings. */
  commands: string[];
}

/** A slug for ids: lower case, letters, digits and hyphens. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'study' : s;
}

const RATIO = new Set(['RR', 'OR']);

function analysisNumber(a: Analysis): string {
  return `${a.comparisonNo}.${a.outcomeNo}`;
}

/** The data model's tables for an imported review; `reviewId` names it in reviews.csv. */
export function importedTables(review: ImportedReview, reviewId: string): ImportedTables {
  const notes = [...review.notes];
  const commands: string[] = [];
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const idOf = (name: string): string => {
    const known = ids.get(name);
    if (known) return known;
    let id = slug(name);
    for (let n = 2; used.has(id); n++) id = `${slug(name)}-${n}`;
    used.add(id);
    ids.set(name, id);
    return id;
  };
  const years = new Map<string, string | null>();
  for (const s of review.studies) years.set(s.name, s.year);
  for (const a of review.analyses)
    for (const s of a.studies) if (!years.has(s.name) || years.get(s.name) === null) years.set(s.name, s.year);

  const studies: Cells[] = [];
  const memberships: Cells[] = [];
  for (const [name, year] of years) {
    const id = idOf(name);
    const whole = year !== null && /^\d{4}$/.test(year.trim());
    studies.push({
      study_id: id,
      short_name: name,
      year: whole ? Number(year) : null,
      source: review.file,
      note: year !== null && !whole ? `year as the review gives it: ${year}` : null,
    });
    memberships.push({ review_id: reviewId, study_id: id, inclusion: 'verified', source: review.file, note: null });
  }

  const outcomes: Cells[] = [];
  const pooled: Cells[] = [];
  const analyses: Cells[] = [];
  for (const a of review.analyses) {
    const number = analysisNumber(a);
    const measure = revmanMeasure(a.measure);
    const where = `${review.file}, analysis ${number}`;
    analyses.push(analysisRow(a, reviewId, where));
    if (a.dataType === 'other') {
      notes.push(`analysis ${number} (${a.outcomeName}): its data type cannot be imported; left out`);
      continue;
    }
    const subgroupName = (no: number | null): string | null => {
      if (no === null) return null;
      const sub = a.subgroups.find((s) => s.no === no);
      return `${number}.${no}${sub ? ` ${sub.name}` : ''}`;
    };
    for (const s of a.studies) {
      const row: Cells = {
        study_id: idOf(s.name),
        comparison: a.comparisonName,
        outcome: a.outcomeName,
        arm_treatment: a.groupLabel1,
        arm_control: a.groupLabel2,
        analysis: number,
        subgroup: subgroupName(s.subgroup),
        source: where,
      };
      if (a.dataType === 'dichotomous') {
        Object.assign(row, {
          events_treatment: s.events1,
          n_treatment: s.total1,
          events_control: s.events2,
          n_control: s.total2,
        });
      } else if (a.dataType === 'continuous') {
        Object.assign(row, {
          mean_treatment: s.mean1,
          sd_treatment: s.sd1,
          n_treatment: s.total1,
          mean_control: s.mean2,
          sd_control: s.sd2,
          n_control: s.total2,
          effect_unit: a.units,
        });
      } else {
        if (measure === null || s.givY === null || s.givSe === null || !(s.givSe > 0)) {
          notes.push(
            `analysis ${number}, ${s.name}: ${measure === null ? `measure ${a.measure} is not one of RR, OR, RD, MD, SMD` : 'no estimate with a positive SE'}; left out`,
          );
          continue;
        }
        const ratio = RATIO.has(measure);
        // The effect on its natural scale with the SE on the analysis scale: meta pools exp/log round trips exactly.
        Object.assign(row, {
          effect_measure: measure,
          effect: ratio ? Math.exp(s.givY) : s.givY,
          effect_se: s.givSe,
          effect_unit: a.units,
          n_treatment: s.total1,
          n_control: s.total2,
          note: `generic inverse variance: ${ratio ? `log ${measure} ${s.givY}` : `${measure} ${s.givY}`} with SE ${s.givSe} as the review pools them`,
        });
      }
      outcomes.push(row);
    }
    const method = revmanMethod(a.measure, a.method, a.random);
    const settings = describeSettings(a.measure, a.method, a.random, a.settings.ciTotal) || 'none stored';
    // RevMan's random-effects MH takes Q about the MH estimate, which no option asks for: meta takes
    // it from analyses.csv when --measure and --method are left out.
    if (measure !== null && method === 'DL' && a.method === 'MH')
      commands.push(
        `acu-evidence meta --data FOLDER --where "analysis=${number}"  # RevMan: ${settings} (from analyses.csv: DL with Q about the MH estimate)`,
      );
    else if (measure !== null && method !== null)
      commands.push(
        `acu-evidence meta --data FOLDER --where "analysis=${number}" --measure ${measure} --method ${method} --i2 q  # RevMan: ${settings}`,
      );
    const pooledRow = (stored: StoredResult | null, subgroup: string | null) => {
      if (!stored || stored.estimate === null) return;
      if (measure === null) {
        notes.push(
          `analysis ${number}: RevMan's result in ${a.measure} is kept only in the review file (not one of RR, OR, RD, MD, SMD)`,
        );
        return;
      }
      pooled.push({
        review_id: reviewId,
        outcome: a.outcomeName,
        comparison: a.comparisonName,
        subgroup,
        measure,
        estimate: stored.estimate,
        ci_low: stored.ciLow,
        ci_high: stored.ciHigh,
        p_value: stored.pZ === null ? null : String(stored.pZ),
        studies: stored.studies,
        participants: stored.participants,
        analysis: number,
        method: a.method ?? (a.measure.toUpperCase() === 'PETO_OR' ? 'Peto' : null),
        model: a.random === null ? null : a.random ? 'random' : 'fixed',
        chi2: stored.chi2,
        df: stored.df,
        i2: stored.i2,
        tau2: stored.tau2,
        z: stored.z,
        source: `${where}: RevMan's stored result`,
      });
    };
    if (!a.stored || a.stored.estimate === null)
      notes.push(
        `analysis ${number} (${a.outcomeName}): RevMan stored no pooled result; its settings (${settings}) are in analyses.csv`,
      );
    pooledRow(a.stored, null);
    for (const sub of a.subgroups) pooledRow(sub.stored, subgroupName(sub.no));
  }

  const reviews: Cells[] = [
    {
      review_id: reviewId,
      short_name: review.title,
      title: review.title,
      design: 'cochrane-review',
      studies_reported: review.studies.length > 0 ? review.studies.length : null,
      source: review.file,
      note: 'imported by acu-evidence import',
    },
  ];
  const tables: ImportedTables['tables'] = [
    {
      file: 'reviews.csv',
      columns: ['review_id', 'short_name', 'title', 'design', 'studies_reported', 'source', 'note'],
      rows: reviews,
    },
    { file: 'studies.csv', columns: ['study_id', 'short_name', 'year', 'source', 'note'], rows: studies },
    {
      file: 'review-studies.csv',
      columns: ['review_id', 'study_id', 'inclusion', 'source', 'note'],
      rows: memberships,
    },
    {
      file: 'outcomes.csv',
      columns: [
        'study_id',
        'comparison',
        'outcome',
        'arm_treatment',
        'arm_control',
        'analysis',
        'subgroup',
        'events_treatment',
        'n_treatment',
        'events_control',
        'n_control',
        'mean_treatment',
        'sd_treatment',
        'mean_control',
        'sd_control',
        'effect_measure',
        'effect',
        'ci_low',
        'ci_high',
        'effect_se',
        'effect_unit',
        'source',
        'note',
      ],
      rows: outcomes,
    },
  ];
  tables.push({ file: 'analyses.csv', columns: ANALYSES_COLUMNS, rows: analyses });
  if (pooled.length > 0)
    tables.push({
      file: 'pooled.csv',
      columns: [
        'review_id',
        'analysis',
        'comparison',
        'outcome',
        'subgroup',
        'measure',
        'method',
        'model',
        'estimate',
        'ci_low',
        'ci_high',
        'p_value',
        'chi2',
        'df',
        'i2',
        'tau2',
        'z',
        'studies',
        'participants',
        'source',
      ],
      rows: pooled,
    });
  return { tables, notes, commands };
}

const ANALYSES_COLUMNS = [
  'review_id',
  'analysis',
  'comparison_no',
  'comparison',
  'outcome_no',
  'outcome',
  'data_type',
  'measure',
  'method',
  'model',
  'ci_study',
  'ci_total',
  'totals',
  'subtotals',
  'subgroup_test',
  'swap_events',
  'log_data',
  'label_treatment',
  'label_control',
  'graph_label_left',
  'graph_label_right',
  'effect_unit',
  'subgroups',
  'studies',
  'participants',
  'estimate',
  'ci_low',
  'ci_high',
  'z',
  'p_z',
  'chi2',
  'df',
  'p_chi2',
  'i2',
  'tau2',
  'subgroup_chi2',
  'subgroup_df',
  'subgroup_p',
  'subgroup_i2',
  'source',
  'note',
] as const;

const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? 'yes' : 'no');

/** One row of analyses.csv: the analysis, RevMan's settings, and its stored overall result (empty when none). */
function analysisRow(a: Analysis, reviewId: string, where: string): Cells {
  const stored = a.stored && a.stored.estimate !== null ? a.stored : null;
  const test = a.subgroups.length > 0 ? a.subgroupTest : null;
  return {
    review_id: reviewId,
    analysis: analysisNumber(a),
    comparison_no: a.comparisonNo,
    comparison: a.comparisonName === '' ? null : a.comparisonName,
    outcome_no: a.outcomeNo,
    outcome: a.outcomeName === '' ? null : a.outcomeName,
    data_type: a.dataType,
    measure: a.measure === '' ? null : a.measure,
    method: a.method ?? (a.measure.toUpperCase() === 'PETO_OR' ? 'Peto' : null),
    model: a.random === null ? null : a.random ? 'random' : 'fixed',
    ci_study: a.settings.ciStudy,
    ci_total: a.settings.ciTotal,
    totals: yesNo(a.settings.totals),
    subtotals: yesNo(a.settings.subtotals),
    subgroup_test: yesNo(a.settings.subgroupTest),
    swap_events: yesNo(a.settings.swapEvents),
    log_data: a.dataType === 'giv' ? yesNo(a.settings.logData) : null,
    label_treatment: a.groupLabel1,
    label_control: a.groupLabel2,
    graph_label_left: a.settings.graphLabelLeft,
    graph_label_right: a.settings.graphLabelRight,
    effect_unit: a.units,
    subgroups: a.subgroups.length > 0 ? a.subgroups.length : null,
    studies: a.studies.length,
    participants: a.stored?.participants ?? null,
    estimate: stored?.estimate ?? null,
    ci_low: stored?.ciLow ?? null,
    ci_high: stored?.ciHigh ?? null,
    z: stored?.z ?? null,
    p_z: stored?.pZ ?? null,
    chi2: stored?.chi2 ?? null,
    df: stored?.df ?? null,
    p_chi2: stored?.pChi2 ?? null,
    i2: stored?.i2 ?? null,
    tau2: stored?.tau2 ?? null,
    subgroup_chi2: test?.chi2 ?? null,
    subgroup_df: test?.df ?? null,
    subgroup_p: test?.p ?? null,
    subgroup_i2: test?.i2 ?? null,
    source: `${where}: RevMan's settings${stored ? ' and stored result' : ''}`,
    note: stored ? null : 'RevMan stored no pooled result for this analysis',
  };
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of a table (numbers at full precision, unknown as an empty cell). */
export function tableCsv(columns: readonly string[], rows: readonly Cells[]): string {
  const lines = [columns.join(',')];
  for (const row of rows)
    lines.push(columns.map((c) => (row[c] === null || row[c] === undefined ? '' : quote(String(row[c])))).join(','));
  return `${lines.join('\n')}\n`;
}
