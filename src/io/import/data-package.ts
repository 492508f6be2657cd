/**
 * A RevMan Web / Cochrane Library data package: analysis-data/*-overall-estimates-and-settings.csv
 * (one row per analysis: settings and RevMan's results), *-data-rows.csv (one row per study in an
 * analysis), *-subgroup-estimates.csv and study-data/*-study-information.csv (study years).
 */
import type { Problem } from '../../errors.js';
import type { Analysis, DataType, ImportedReview, StoredResult } from '../../core/meta/revman.js';
import type { RawRecord } from '../../core/evidence/validate.js';
import { parseCsv } from '../csv.js';
import { oneLine } from './text.js';

export const PACKAGE_SUFFIXES = {
  settings: '-overall-estimates-and-settings.csv',
  rows: '-data-rows.csv',
  subgroups: '-subgroup-estimates.csv',
  studies: '-study-information.csv',
} as const;

/** RevMan Web's names of the effect measures. */
const MEASURES: Record<string, string> = {
  'odds ratio': 'OR',
  'risk ratio': 'RR',
  'risk difference': 'RD',
  'mean difference': 'MD',
  'std. mean difference': 'SMD',
  'standardized mean difference': 'SMD',
  'standardised mean difference': 'SMD',
  'peto odds ratio': 'PETO_OR',
  'hazard ratio': 'HR',
};
const DATA_TYPES: Record<string, DataType> = {
  dichotomous: 'dichotomous',
  continuous: 'continuous',
  'generic inverse variance': 'giv',
  'generic inverse-variance': 'giv',
};

interface Table {
  file: string;
  records: RawRecord[];
  at: (name: string) => number;
}

export function readDataPackage(
  files: ReadonlyMap<string, string>,
  label: string,
): { review?: ImportedReview; problems: Problem[] } {
  const problems: Problem[] = [];
  const find = (suffix: string): Table | undefined => {
    const names = [...files.keys()].filter((n) => n.toLowerCase().endsWith(suffix)).sort();
    const name = names[0];
    if (name === undefined) return undefined;
    const file = `${label}/${name}`;
    const parsed = parseCsv(file, files.get(name) ?? '');
    problems.push(...parsed.problems);
    if (!parsed.raw) return undefined;
    const [header, ...records] = parsed.raw.records;
    const names2 = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
    return { file, records, at: (n) => names2.indexOf(n.toLowerCase()) };
  };
  const settings = find(PACKAGE_SUFFIXES.settings);
  const rows = find(PACKAGE_SUFFIXES.rows);
  if (problems.length > 0) return { problems };
  if (!settings || !rows)
    return {
      problems: [
        {
          file: label,
          message: `not a Cochrane data package: no *${settings ? PACKAGE_SUFFIXES.rows : PACKAGE_SUFFIXES.settings}`,
        },
      ],
    };
  const subgroupTable = find(PACKAGE_SUFFIXES.subgroups);
  const studyTable = find(PACKAGE_SUFFIXES.studies);

  const cell = (t: Table, r: RawRecord, name: string): string | null => {
    const i = t.at(name);
    const v = i >= 0 ? oneLine(r.cells[i] ?? '') : '';
    return v === '' || v === '#N/A' ? null : v;
  };
  const num = (t: Table, r: RawRecord, name: string): number | null => {
    const v = cell(t, r, name);
    if (v === null) return null;
    const n = Number(v.replace(/%$/, ''));
    if (!Number.isFinite(n)) {
      problems.push({
        file: t.file,
        line: r.line,
        column: r.columns[t.at(name)] ?? 1,
        field: name,
        message: `expected a number, got "${v}"`,
      });
      return null;
    }
    return n;
  };
  const storedOf = (t: Table, r: RawRecord, estimable: boolean): StoredResult => {
    const t1 = num(t, r, 'Experimental N');
    const t2 = num(t, r, 'Control N');
    return {
      estimate: estimable ? num(t, r, 'Mean') : null,
      ciLow: estimable ? num(t, r, 'CI start') : null,
      ciHigh: estimable ? num(t, r, 'CI end') : null,
      chi2: num(t, r, 'Heterogeneity Chi²'),
      df: num(t, r, 'Heterogeneity df'),
      pChi2: num(t, r, 'Heterogeneity P'),
      i2: num(t, r, 'Heterogeneity I²'),
      tau2: num(t, r, 'Heterogeneity Tau²'),
      z: num(t, r, 'Effect Z'),
      pZ: num(t, r, 'Effect P'),
      studies: null,
      participants: t1 !== null && t2 !== null ? t1 + t2 : null,
    };
  };

  const flag = (t: Table, r: RawRecord, name: string): boolean | null => {
    const v = cell(t, r, name)?.toLowerCase();
    return v === 'true' || v === 'yes' ? true : v === 'false' || v === 'no' ? false : null;
  };
  const level = (t: Table, r: RawRecord, name: string): number | null => num(t, r, name);
  const analyses = new Map<string, Analysis & { logScale: boolean }>();
  for (const r of settings.records) {
    const c = num(settings, r, 'Analysis group');
    const o = num(settings, r, 'Analysis number');
    if (c === null || o === null) {
      problems.push({ file: settings.file, line: r.line, message: 'a row without analysis group and number' });
      continue;
    }
    const measureName = (cell(settings, r, 'Effect measure') ?? '').toLowerCase();
    const method = (cell(settings, r, 'Statistical method') ?? '').toUpperCase();
    const model = (cell(settings, r, 'Analysis model') ?? '').toLowerCase();
    // RevMan Web writes 0 for the results of an analysis it did not estimate (Chi² 0 on df 4, CI 0 to 0).
    const low = num(settings, r, 'CI start');
    const high = num(settings, r, 'CI end');
    const estimable = !(low === 0 && high === 0);
    analyses.set(`${c}.${o}`, {
      comparisonNo: c,
      comparisonName: cell(settings, r, 'Analysis group name') ?? '',
      outcomeNo: o,
      outcomeName: cell(settings, r, 'Analysis name') ?? '',
      dataType: DATA_TYPES[(cell(settings, r, 'Data type') ?? '').toLowerCase()] ?? 'other',
      measure: MEASURES[measureName] ?? measureName,
      method: method === 'MH' ? 'MH' : method === 'IV' ? 'IV' : method === 'PETO' ? 'Peto' : null,
      random: model === '' ? null : model.startsWith('random'),
      groupLabel1: cell(settings, r, 'Experimental group label'),
      groupLabel2: cell(settings, r, 'Control group label'),
      units: cell(settings, r, 'Unit of effect measure'),
      subgroups: [],
      stored: storedOf(settings, r, estimable),
      settings: {
        ciStudy: level(settings, r, 'Study CI'),
        ciTotal: level(settings, r, 'Estimate CI'),
        totals: flag(settings, r, 'Overall estimates'),
        subtotals: flag(settings, r, 'Subgroup estimates'),
        subgroupTest: flag(settings, r, 'Test for subgroup differences'),
        swapEvents: flag(settings, r, 'Swap event and non-event'),
        logData: flag(settings, r, 'Log-scale data'),
        graphLabelLeft: null,
        graphLabelRight: null,
      },
      subgroupTest: {
        chi2: num(settings, r, 'Subgroup Chi²'),
        df: num(settings, r, 'Subgroup df'),
        p: num(settings, r, 'Subgroup P'),
        i2: num(settings, r, 'Subgroup I²'),
      },
      studies: [],
      logScale: cell(settings, r, 'Log-scale data')?.toLowerCase() === 'true',
    });
  }
  for (const r of subgroupTable?.records ?? []) {
    const t = subgroupTable as Table;
    const a = analyses.get(`${num(t, r, 'Analysis group')}.${num(t, r, 'Analysis number')}`);
    if (!a) continue;
    const low = num(t, r, 'CI start');
    const high = num(t, r, 'CI end');
    a.subgroups.push({
      no: num(t, r, 'Subgroup number') ?? a.subgroups.length + 1,
      name: cell(t, r, 'Subgroup') ?? '',
      stored: storedOf(t, r, !(low === 0 && high === 0)),
    });
  }
  const years = new Map<string, string | null>();
  const studies: { name: string; year: string | null }[] = [];
  for (const r of studyTable?.records ?? []) {
    const t = studyTable as Table;
    const name = cell(t, r, 'Study');
    if (name === null) continue;
    years.set(name, cell(t, r, 'Year'));
    studies.push({ name, year: cell(t, r, 'Year') });
  }
  const notes: string[] = [];
  for (const r of rows.records) {
    const key = `${num(rows, r, 'Analysis group')}.${num(rows, r, 'Analysis number')}`;
    const a = analyses.get(key);
    const name = cell(rows, r, 'Study');
    if (!a || name === null) {
      notes.push(`${rows.file}:${r.line}: a study row of no known analysis (${key}); left out`);
      continue;
    }
    const subgroupName = cell(rows, r, 'Subgroup');
    const subgroup = subgroupName === null ? null : (a.subgroups.find((s) => s.name === subgroupName)?.no ?? null);
    if (subgroupName !== null && subgroup === null) {
      a.subgroups.push({ no: a.subgroups.length + 1, name: subgroupName, stored: null });
    }
    const dich = a.dataType === 'dichotomous';
    const cont = a.dataType === 'continuous';
    const givMean = a.dataType === 'giv' ? num(rows, r, 'GIV Mean') : null;
    // GIV Mean is the value entered and pooled: a log ratio when "Log-scale data" is true. Ratios
    // entered on the natural scale would be pooled unlogged, which this tool does not do.
    const ratio = ['OR', 'RR', 'HR', 'PETO_OR'].includes(a.measure);
    if (givMean !== null && ratio && !a.logScale) {
      notes.push(
        `${rows.file}:${r.line}: ${name}: a ${a.measure} entered on the natural scale ("Log-scale data" false); left out`,
      );
    }
    a.studies.push({
      name,
      year: cell(rows, r, 'Study year') ?? years.get(name) ?? null,
      subgroup: subgroupName === null ? null : (a.subgroups.find((s) => s.name === subgroupName)?.no ?? null),
      events1: dich ? num(rows, r, 'Experimental cases') : null,
      total1: num(rows, r, 'Experimental N'),
      mean1: cont ? num(rows, r, 'Experimental mean') : null,
      sd1: cont ? num(rows, r, 'Experimental SD') : null,
      events2: dich ? num(rows, r, 'Control cases') : null,
      total2: num(rows, r, 'Control N'),
      mean2: cont ? num(rows, r, 'Control mean') : null,
      sd2: cont ? num(rows, r, 'Control SD') : null,
      givY: givMean === null || (ratio && !a.logScale) ? null : givMean,
      givSe: a.dataType === 'giv' ? num(rows, r, 'GIV SE') : null,
    });
  }
  if (problems.length > 0) return { problems };
  const list = [...analyses.values()].map(({ logScale: _, ...a }) => a);
  for (const a of list) if (a.stored) a.stored.studies = a.studies.length;
  list.sort((x, y) => x.comparisonNo - y.comparisonNo || x.outcomeNo - y.outcomeNo);
  return { review: { file: label, title: null, studies, analyses: list, notes }, problems: [] };
}
