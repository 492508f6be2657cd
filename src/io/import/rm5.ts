/**
 * RevMan 5 review files (.rm5, XML): the included studies and ANALYSES_AND_DATA (comparisons with
 * their DICH_, CONT_ and IV_OUTCOME elements, subgroups and per-study data, and RevMan's stored
 * results). A review file never declares a DOCTYPE: one that does (entity expansion) is refused
 * before parsing, and entities are never expanded by the parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Problem } from '../../errors.js';
import type {
  Analysis,
  AnalysisSettings,
  DataType,
  ImportedReview,
  StoredResult,
  StudyData,
} from '../../core/meta/revman.js';
import { revmanMeasure } from '../../core/meta/revman-settings.js';
import { characterReferenceProblems, oneLine, referencedCharacter } from './text.js';

type Node = Record<string, unknown>;

/**
 * The five predefined XML entities and character references; nothing else is expanded. A reference
 * to a control character never gets here (characterReferenceProblems refuses the file); one that
 * did would stay as written.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'amp') return '&';
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
    return referencedCharacter(name) ?? whole;
  });
}

/** Decodes the bytes by the encoding the XML declaration names (RevMan 5 writes ISO-8859-1). */
function decodeXml(bytes: Uint8Array, file: string): { text?: string; problem?: Problem } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  if (bytes[0] === 0xfe || bytes[0] === 0xff) return { text: new TextDecoder('utf-16').decode(bytes) };
  const declared = /^\uFEFF?<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? 'utf-8';
  try {
    return { text: new TextDecoder(declared.toLowerCase(), { fatal: true }).decode(bytes) };
  } catch (error) {
    const reason = error instanceof RangeError ? `unknown encoding "${declared}"` : `not valid ${declared}`;
    return { problem: { file, line: 1, message: `cannot decode the review file: ${reason}` } };
  }
}

const asArray = (value: unknown): Node[] =>
  value === undefined || value === null
    ? []
    : (Array.isArray(value) ? value : [value]).filter((v): v is Node => typeof v === 'object' && v !== null);

function attr(node: Node, name: string): string | null {
  const v = node[`@_${name}`];
  if (typeof v !== 'string') return null;
  const t = oneLine(decodeEntities(v));
  return t === '' ? null : t;
}

function num(node: Node, name: string): number | null {
  const v = attr(node, name);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function textOf(node: Node, name: string): string | null {
  const child = node[name];
  const value =
    typeof child === 'string'
      ? child
      : typeof child === 'object' && child !== null
        ? (child as Node)['#text']
        : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const t = oneLine(decodeEntities(String(value)));
  return t === '' ? null : t;
}

/**
 * RevMan 5 writes a generic inverse-variance outcome's measure as an element, by name ("Odds Ratio"),
 * not as the EFFECT_MEASURE attribute of the other outcomes; the names as R meta's read.rm5 maps them.
 */
const MEASURE_NAMES: Record<string, string> = {
  'odds ratio': 'OR',
  'odds ratio (non-event)': 'OR',
  'peto odds ratio': 'PETO_OR',
  peto_or: 'PETO_OR',
  'risk ratio': 'RR',
  'risk difference': 'RD',
  'mean difference': 'MD',
  'standardized mean difference': 'SMD',
  'std. mean difference': 'SMD',
  'hazard ratio': 'HR',
};

function measureNamed(name: string | null): string {
  if (name === null) return '';
  return MEASURE_NAMES[name.toLowerCase()] ?? name;
}

function yesNo(node: Node, name: string): boolean | null {
  const v = attr(node, name)?.toUpperCase();
  return v === 'YES' ? true : v === 'NO' ? false : null;
}

/** RevMan 5's settings of an outcome (TOTALS is YES, SUB for subtotals only, or NO). */
function settingsOf(outcome: Node): AnalysisSettings {
  const totals = attr(outcome, 'TOTALS')?.toUpperCase() ?? null;
  return {
    ciStudy: num(outcome, 'CI_STUDY'),
    ciTotal: num(outcome, 'CI_TOTAL'),
    totals: totals === null ? null : totals === 'YES',
    subtotals: totals === null ? null : totals === 'YES' || totals === 'SUB',
    subgroupTest: yesNo(outcome, 'SUBGROUP_TEST'),
    swapEvents: yesNo(outcome, 'SWAP_EVENTS'),
    logData: yesNo(outcome, 'LOG_DATA'),
    graphLabelLeft: textOf(outcome, 'GRAPH_LABEL_1'),
    graphLabelRight: textOf(outcome, 'GRAPH_LABEL_2'),
  };
}

/**
 * A generic inverse-variance row's estimate on the scale RevMan pools it. With "entered data are on
 * the log scale" (LOG_DATA="YES") RevMan stores the estimate back-transformed, so its log is what was
 * entered and pooled; otherwise the value is pooled as it stands. This is R meta's read.rm5 and
 * metacr (TE = log(EFFECT_SIZE) exactly when LOG_DATA is YES; seTE = SE either way).
 */
function givY(effect: number | null, logData: boolean | null): number | null {
  if (effect === null) return null;
  if (logData === true) return effect > 0 ? Math.log(effect) : null;
  return effect;
}

function stored(node: Node): StoredResult {
  const total1 = num(node, 'TOTAL_1');
  const total2 = num(node, 'TOTAL_2');
  return {
    estimate: num(node, 'EFFECT_SIZE'),
    ciLow: num(node, 'CI_START'),
    ciHigh: num(node, 'CI_END'),
    chi2: num(node, 'CHI2'),
    df: num(node, 'DF'),
    pChi2: num(node, 'P_CHI2'),
    i2: num(node, 'I2'),
    tau2: num(node, 'TAU2'),
    z: num(node, 'Z'),
    pZ: num(node, 'P_Z'),
    studies: num(node, 'STUDIES'),
    participants: total1 !== null && total2 !== null ? total1 + total2 : null,
  };
}

const KINDS: readonly { outcome: string; data: string; subgroup: string; type: DataType }[] = [
  { outcome: 'DICH_OUTCOME', data: 'DICH_DATA', subgroup: 'DICH_SUBGROUP', type: 'dichotomous' },
  { outcome: 'CONT_OUTCOME', data: 'CONT_DATA', subgroup: 'CONT_SUBGROUP', type: 'continuous' },
  { outcome: 'IV_OUTCOME', data: 'IV_DATA', subgroup: 'IV_SUBGROUP', type: 'giv' },
  { outcome: 'OE_OUTCOME', data: 'OE_DATA', subgroup: 'OE_SUBGROUP', type: 'other' },
  { outcome: 'IPD_OUTCOME', data: 'IPD_DATA', subgroup: 'IPD_SUBGROUP', type: 'other' },
];

/** Elements that may occur more than once in their parent (always read as lists). */
const REPEATED = new Set(['STUDY', 'COMPARISON', ...KINDS.flatMap((k) => [k.outcome, k.data, k.subgroup])]);

/** Reads a RevMan 5 review file; problems name the file and line. */
export function readRm5(bytes: Uint8Array, file: string): { review?: ImportedReview; problems: Problem[] } {
  const decoded = decodeXml(bytes, file);
  if (decoded.problem || decoded.text === undefined)
    return { problems: [decoded.problem ?? { file, message: 'cannot decode' }] };
  const text = decoded.text;
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) {
    const line = text.slice(0, doctype.index).split('\n').length;
    return {
      problems: [
        {
          file,
          line,
          message:
            'the file declares a DOCTYPE or entities, which a RevMan file never does; refused (entity expansion)',
        },
      ],
    };
  }
  const controls = characterReferenceProblems(text, file);
  if (controls.length > 0) return { problems: controls };
  // Deprecated in fast-xml-parser 5.12 for a separate package; still its validator, with line and column.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      problems: [
        { file, line: valid.err.line, column: valid.err.col, message: `not well-formed XML: ${valid.err.msg}` },
      ],
    };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- off, as processEntities: no entity is ever expanded
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  const root = (parser.parse(text) as Node)['COCHRANE_REVIEW'];
  if (typeof root !== 'object' || root === null)
    return { problems: [{ file, line: 1, message: 'not a RevMan 5 review file (no COCHRANE_REVIEW element)' }] };
  const review = root as Node;
  const cover = (review['COVER_SHEET'] ?? {}) as Node;
  const title = textOf(cover, 'TITLE');
  const idToName = new Map<string, { name: string; year: string | null }>();
  const included = ((((review['STUDIES_AND_REFERENCES'] ?? {}) as Node)['STUDIES'] ?? {}) as Node)['INCLUDED_STUDIES'];
  const studies: { name: string; year: string | null }[] = [];
  for (const s of asArray((included as Node | undefined)?.['STUDY'])) {
    const id = attr(s, 'ID');
    const name = attr(s, 'NAME') ?? id;
    if (id === null || name === null) continue;
    const entry = { name, year: attr(s, 'YEAR') };
    idToName.set(id, entry);
    studies.push(entry);
  }
  const problems: Problem[] = [];
  const notes: string[] = [];
  const analyses: Analysis[] = [];
  const data = (review['ANALYSES_AND_DATA'] ?? {}) as Node;
  for (const comparison of asArray(data['COMPARISON'])) {
    const comparisonNo = num(comparison, 'NO');
    const comparisonName = textOf(comparison, 'NAME') ?? '';
    for (const kind of KINDS) {
      for (const outcome of asArray(comparison[kind.outcome])) {
        const outcomeNo = num(outcome, 'NO');
        if (comparisonNo === null || outcomeNo === null) {
          problems.push({ file, message: `an ${kind.outcome} of comparison ${comparisonName} has no number` });
          continue;
        }
        const settings = settingsOf(outcome);
        const measureCode = attr(outcome, 'EFFECT_MEASURE') ?? measureNamed(textOf(outcome, 'EFFECT_MEASURE'));
        const ratio = ['RR', 'OR'].includes(revmanMeasure(measureCode) ?? '');
        if (kind.type === 'giv' && ratio && settings.logData !== true)
          notes.push(
            `analysis ${comparisonNo}.${outcomeNo}: ${measureCode} data ${settings.logData === false ? 'entered on the natural scale (LOG_DATA="NO"): RevMan pools them unlogged, as this tool does not; rows left out' : 'with no LOG_DATA setting: taken as on the log scale, as R meta does'}`,
          );
        const studyRow = (d: Node, subgroup: number | null): StudyData | null => {
          const id = attr(d, 'STUDY_ID');
          const study = id === null ? undefined : idToName.get(id);
          if (!study) {
            notes.push(
              `analysis ${comparisonNo}.${outcomeNo}: study ${id ?? '?'} is not among the included studies; left out`,
            );
            return null;
          }
          const giv = kind.type === 'giv';
          return {
            name: study.name,
            year: study.year,
            subgroup,
            events1: num(d, 'EVENTS_1'),
            total1: num(d, 'TOTAL_1'),
            mean1: num(d, 'MEAN_1'),
            sd1: num(d, 'SD_1'),
            events2: num(d, 'EVENTS_2'),
            total2: num(d, 'TOTAL_2'),
            mean2: num(d, 'MEAN_2'),
            sd2: num(d, 'SD_2'),
            givY: giv && !(ratio && settings.logData === false) ? givY(num(d, 'EFFECT_SIZE'), settings.logData) : null,
            givSe: giv ? num(d, 'SE') : null,
          };
        };
        const rows: StudyData[] = [];
        for (const d of asArray(outcome[kind.data])) {
          const r = studyRow(d, null);
          if (r) rows.push(r);
        }
        const subgroups: Analysis['subgroups'] = [];
        for (const sub of asArray(outcome[kind.subgroup])) {
          const no = num(sub, 'NO') ?? subgroups.length + 1;
          subgroups.push({ no, name: textOf(sub, 'NAME') ?? '', stored: stored(sub) });
          for (const d of asArray(sub[kind.data])) {
            const r = studyRow(d, no);
            if (r) rows.push(r);
          }
        }
        const method = attr(outcome, 'METHOD');
        analyses.push({
          comparisonNo,
          comparisonName,
          outcomeNo,
          outcomeName: textOf(outcome, 'NAME') ?? '',
          dataType: kind.type,
          measure: measureCode,
          // RevMan pools continuous and generic inverse-variance data by inverse variance only.
          method:
            method === 'MH'
              ? 'MH'
              : method === 'IV'
                ? 'IV'
                : method === 'PETO'
                  ? 'Peto'
                  : kind.type === 'dichotomous'
                    ? null
                    : 'IV',
          random: attr(outcome, 'RANDOM') === null ? null : attr(outcome, 'RANDOM') === 'YES',
          groupLabel1: textOf(outcome, 'GROUP_LABEL_1'),
          groupLabel2: textOf(outcome, 'GROUP_LABEL_2'),
          units: attr(outcome, 'UNITS'),
          subgroups,
          stored: stored(outcome),
          settings,
          // RevMan 5 stores the test for subgroup differences as Q, P_Q and I2_Q (CHI2 is the heterogeneity).
          subgroupTest: {
            chi2: num(outcome, 'Q'),
            df: subgroups.length > 0 ? subgroups.length - 1 : null,
            p: num(outcome, 'P_Q'),
            i2: num(outcome, 'I2_Q'),
          },
          studies: rows,
        });
      }
    }
  }
  analyses.sort((a, b) => a.comparisonNo - b.comparisonNo || a.outcomeNo - b.outcomeNo);
  if (analyses.length === 0 && problems.length === 0) notes.push('the review file holds no analyses');
  return problems.length > 0 ? { problems } : { review: { file, title, studies, analyses, notes }, problems: [] };
}
