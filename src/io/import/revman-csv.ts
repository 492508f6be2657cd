/**
 * RevMan 5's "Data and analyses" CSV export: one row per comparison (outcome number 0), per
 * analysis (its settings and RevMan's results), per subgroup, then the studies of each.
 */
import type { Problem } from '../../errors.js';
import type { Analysis, AnalysisSettings, DataType, ImportedReview, StoredResult } from '../../core/meta/revman.js';
import { revmanMeasure } from '../../core/meta/revman-settings.js';
import type { RawRecord } from '../../core/evidence/validate.js';
import { parseCsv } from '../csv.js';
import { oneLine } from './text.js';

const REVMAN_CSV_HEADER = ['Comparison Number', 'Outcome Number', 'Subgroup Number', 'Name'];

/** A header cell → its index, matched case-insensitively and ignoring spaces. */
function indexer(header: readonly string[]): (name: string) => number {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  const names = header.map(norm);
  return (name) => names.indexOf(norm(name));
}

const DATA_TYPES: Record<string, DataType> = { DIC: 'dichotomous', CON: 'continuous', IV: 'giv', GIV: 'giv' };

/**
 * A generic inverse-variance study's Effect Estimate on the scale pooled, as R meta's read.rm5 and
 * metacr read the export: logged when the analysis says its ratio data were entered on the natural
 * scale, taken as it stands otherwise (for ratio measures with no such field, as a log ratio).
 */
function givY(effect: number | null, analysis: Analysis): number | null {
  if (effect === null) return null;
  const ratio = ['RR', 'OR'].includes(revmanMeasure(analysis.measure) ?? '');
  if (ratio && analysis.settings.logData === false) return effect > 0 ? Math.log(effect) : null;
  return effect;
}

export function readRevManCsv(text: string, file: string): { review?: ImportedReview; problems: Problem[] } {
  const parsed = parseCsv(file, text);
  if (!parsed.raw) return { problems: parsed.problems };
  const [headerRecord, ...records] = parsed.raw.records;
  if (!headerRecord) return { problems: [{ file, line: 1, message: 'file is empty' }] };
  const at = indexer(headerRecord.cells);
  const missing = [...REVMAN_CSV_HEADER, 'Data Type', 'Effect Estimate'].filter((n) => at(n) < 0);
  if (missing.length > 0)
    return {
      problems: [
        {
          file,
          line: headerRecord.line,
          message: `not a RevMan "Data and analyses" CSV: no column ${missing.join(', ')}`,
        },
      ],
    };
  const problems: Problem[] = [];
  const notes: string[] = [];
  const cell = (r: RawRecord, name: string): string | null => {
    const i = at(name);
    const v = i >= 0 ? oneLine(r.cells[i] ?? '') : '';
    return v === '' ? null : v;
  };
  const num = (r: RawRecord, name: string): number | null => {
    const v = cell(r, name);
    if (v === null) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      problems.push({
        file,
        line: r.line,
        column: r.columns[at(name)] ?? 1,
        field: name,
        message: `expected a number, got "${v}"`,
      });
      return null;
    }
    return n;
  };
  const storedOf = (r: RawRecord): StoredResult => {
    const t1 = num(r, 'Total 1');
    const t2 = num(r, 'Total 2');
    return {
      estimate: num(r, 'Effect Estimate'),
      ciLow: num(r, 'CI Start'),
      ciHigh: num(r, 'CI End'),
      chi2: num(r, 'Q'),
      df: num(r, 'df'),
      pChi2: num(r, 'P(Q)'),
      i2: num(r, 'I²(Q)'),
      tau2: num(r, 'Tau²'),
      z: num(r, 'Z'),
      pZ: num(r, 'P(Z)'),
      studies: null,
      participants: t1 !== null && t2 !== null ? t1 + t2 : null,
    };
  };
  // Optional fields of the export wizard (Fleiss1993_CR.csv has none of them): YES/NO, or a level in percent.
  const flag = (r: RawRecord, name: string): boolean | null => {
    const v = cell(r, name)?.toLowerCase();
    return v === undefined
      ? null
      : ['yes', 'true', '1'].includes(v)
        ? true
        : ['no', 'false', '0'].includes(v)
          ? false
          : null;
  };
  const level = (r: RawRecord, name: string): number | null => {
    const v = cell(r, name)?.replace(/%$/, '');
    return v === undefined || !Number.isFinite(Number(v)) ? null : Number(v);
  };
  const settingsOf = (r: RawRecord): AnalysisSettings => {
    const totals = cell(r, 'Totals')?.toLowerCase() ?? null;
    return {
      ciStudy: level(r, 'Study Confidence Interval'),
      ciTotal: level(r, 'Total Confidence Interval'),
      totals: totals === null ? null : totals.startsWith('totals') || totals === 'yes',
      subtotals: totals === null ? null : !totals.startsWith('no'),
      subgroupTest: flag(r, 'Test for subgroup differences'),
      swapEvents: flag(r, 'Swap event and non-event'),
      logData: flag(r, 'Entered data are on log scale (Generic Inverse Variance only)'),
      graphLabelLeft: cell(r, 'Left Graph Label'),
      graphLabelRight: cell(r, 'Right Graph Label'),
    };
  };
  const comparisons = new Map<number, string>();
  const analyses = new Map<string, Analysis>();
  const seenSubgroups = new Set<string>();
  for (const r of records) {
    const c = num(r, 'Comparison Number');
    const o = num(r, 'Outcome Number');
    const s = num(r, 'Subgroup Number') ?? 0;
    const name = cell(r, 'Name') ?? '';
    if (c === null || o === null) {
      problems.push({ file, line: r.line, message: 'a row without comparison and outcome numbers' });
      continue;
    }
    if (o === 0) {
      comparisons.set(c, name);
      continue;
    }
    const key = `${c}.${o}`;
    let analysis = analyses.get(key);
    if (!analysis) {
      // The first row of an analysis holds its settings and RevMan's results.
      const type = cell(r, 'Data Type');
      const method = cell(r, 'Statistical Method')?.toUpperCase() ?? null;
      const model = cell(r, 'Analysis Model')?.toLowerCase() ?? null;
      analysis = {
        comparisonNo: c,
        comparisonName: comparisons.get(c) ?? '',
        outcomeNo: o,
        outcomeName: name,
        dataType: type === null ? 'other' : (DATA_TYPES[type.toUpperCase()] ?? 'other'),
        measure: cell(r, 'Effect Measure') ?? '',
        method: method === 'MH' ? 'MH' : method === 'IV' ? 'IV' : method === 'PETO' ? 'Peto' : null,
        random: model === null ? null : model.startsWith('random'),
        groupLabel1: cell(r, 'Group Label 1'),
        groupLabel2: cell(r, 'Group Label 2'),
        units: null,
        subgroups: [],
        stored: storedOf(r),
        settings: settingsOf(r),
        subgroupTest: { chi2: num(r, 'Qint'), df: null, p: num(r, 'P(Qint)'), i2: num(r, 'I²(Qint)') },
        studies: [],
      };
      if (analysis.dataType === 'giv' && ['RR', 'OR'].includes(revmanMeasure(analysis.measure) ?? ''))
        notes.push(
          analysis.settings.logData === null
            ? `analysis ${key}: the export does not say whether the ${analysis.measure} data are on the log scale; the Effect Estimate of each study is taken as a log ${analysis.measure}, as R meta's metacr assumes`
            : analysis.settings.logData
              ? `analysis ${key}: ${analysis.measure} data entered on the log scale`
              : `analysis ${key}: ${analysis.measure} data entered on the natural scale; each Effect Estimate is logged, as R meta's metacr does`,
        );
      analyses.set(key, analysis);
      continue;
    }
    if (s > 0 && !seenSubgroups.has(`${key}.${s}`)) {
      // The first row of a subgroup names it and holds its results.
      seenSubgroups.add(`${key}.${s}`);
      analysis.subgroups.push({ no: s, name, stored: storedOf(r) });
      continue;
    }
    const giv = analysis.dataType === 'giv';
    analysis.studies.push({
      name,
      year: cell(r, 'Year of study'),
      subgroup: s > 0 ? s : null,
      events1: num(r, 'Events 1'),
      total1: num(r, 'Total 1'),
      mean1: num(r, 'Mean 1'),
      sd1: num(r, 'SD 1'),
      events2: num(r, 'Events 2'),
      total2: num(r, 'Total 2'),
      mean2: num(r, 'Mean 2'),
      sd2: num(r, 'SD 2'),
      givY: giv ? givY(num(r, 'Effect Estimate'), analysis) : null,
      givSe: giv ? num(r, 'SE') : null,
    });
  }
  if (problems.length > 0) return { problems };
  const list = [...analyses.values()];
  for (const a of list) {
    a.comparisonName = comparisons.get(a.comparisonNo) ?? a.comparisonName;
    if (a.stored) a.stored.studies = a.studies.length;
  }
  return { review: { file, title: null, studies: [], analyses: list, notes }, problems: [] };
}
