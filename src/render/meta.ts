/**
 * Renderers of a meta-analysis: a forest plot for the terminal, a Markdown table with the same
 * columns, CSV of the studies, and the JSON envelope. Every printout names the measure, the model,
 * the τ² estimator and the interval methods.
 */
import { visibleLine } from '../core/text/controls.js';
import { defuse } from './csv.js';
import type { MetaResult, Pooled, SequentialRow } from '../core/meta/analysis.js';
import { backTransform } from '../core/stats/index.js';
import { levelText } from './notes.js';
import { metaJsonChunks } from './meta-json.js';
import type { Format, Style } from './report.js';
import { withThousands } from './format.js';
import { failsafeLines, metaRegressionLines, rankTestLines, trimfillLines } from './meta-sections.js';
import { wrapNote } from './fit.js';
import { readingLines, type MetaReading } from './meta-reading.js';
import { escapeMarkdownText } from './markdown.js';
import { toFixed } from './fixed.js';
import { COMMA } from '../core/text/char-codes.js';
import { ByteWriter, FLUSH, piece, plainTable, type Piece } from './meta-bytes.js';

const MEASURE_NAMES: Record<MetaResult['measure'], string> = {
  RR: 'risk ratio (RR)',
  OR: 'odds ratio (OR)',
  RD: 'risk difference (RD)',
  MD: 'mean difference (MD)',
  SMD: "standardised mean difference (SMD, Hedges' g)",
  PLO: 'proportion (logit transformed, PLO)',
  PR: 'proportion (raw, PR)',
  PFT: 'proportion (Freeman-Tukey double arcsine, PFT)',
  PAS: 'proportion (arcsine square root, PAS)',
  IRR: 'incidence rate ratio (IRR)',
  IRD: 'incidence rate difference (IRD, events per unit of person-time)',
  MN: 'mean (MN)',
  MNLN: 'mean (log transformed, MNLN)',
  ROM: 'ratio of means (ROM)',
  SMCR: 'standardized mean change (raw-score standardization, SMCR)',
  SMCC: 'standardized mean change (change-score standardization, SMCC)',
  COR: 'correlation (COR)',
  ZCOR: "correlation (Fisher's z, ZCOR)",
};

const PROPORTIONS = new Set(['PLO', 'PR', 'PFT', 'PAS']);

/** A value on the scale people read: ratios and proportions back-transformed. */
function natural(result: MetaResult, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (PROPORTIONS.has(result.measure)) return `${toFixed(value * 100, 1)}%`;
  return toFixed(value, 2);
}

function interval(result: MetaResult, lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '' : `[${natural(result, lo)}, ${natural(result, hi)}]`;
}

/** "p = 0.0123", or "p < 0.0001". */
function p(value: number): string {
  return value < 0.0001 ? 'p < 0.0001' : `p = ${value.toFixed(4)}`;
}

function stat(value: number | null, digits = 2): string {
  return value === null ? '' : withThousands(value.toFixed(digits));
}

/**
 * The model in words: what every printout states. `plain` leaves out the interval methods' names
 * (Q-profile, Wald), which only `--verbose` and JSON carry.
 */
export function describeModel(result: MetaResult, plain = false): string {
  const level = levelText(result.level);
  const model =
    result.method === 'MH'
      ? 'common-effect model, Mantel-Haenszel'
      : result.method === 'Peto'
        ? "common-effect model, Peto's method"
        : result.method === 'FE'
          ? 'common-effect model, inverse variance'
          : result.q_about === 'MH'
            ? 'random-effects model, tau² by DL from Q about the Mantel-Haenszel estimate (RevMan 5)'
            : `random-effects model, tau² by ${result.method}${plain ? '' : `, Q-profile ${level} CI for tau²`}`;
  const test =
    result.test === 'knha'
      ? `Hartung-Knapp t test (df ${result.df ?? ''}) and t-based ${level} CI`
      : plain
        ? 'z test'
        : `z test and Wald ${level} CI`;
  const pi =
    result.pi_type === null
      ? ''
      : `; prediction interval ${result.pi_type === 'riley' ? 't(k-2) (Riley)' : result.pi_type === 't' ? 't(k-1)' : result.test === 'knha' ? 't(k-1) (metafor)' : 'z (metafor)'}`;
  const i2 =
    result.i2_basis === 'q'
      ? 'I² from Q (RevMan 5, meta)'
      : result.method === 'MH' || result.method === 'Peto' || result.method === 'FE'
        ? 'I² from Q'
        : 'I² from tau² (metafor)';
  return `${MEASURE_NAMES[result.measure]}; ${model}; ${test}${pi}; ${i2}${plain ? '' : `; study CIs: Wald ${level}`}.`;
}

function heterogeneity(result: Pooled): string {
  const tau2 =
    result.tau2 === null
      ? ''
      : `tau² = ${stat(result.tau2, 4)}${result.tau2_ci_lb === null ? '' : ` [${stat(result.tau2_ci_lb, 4)}, ${stat(result.tau2_ci_ub, 4)}]`}, tau = ${stat(result.tau, 4)}, `;
  const i2ci = result.I2_ci_lb === null ? '' : ` [${stat(result.I2_ci_lb, 1)}, ${stat(result.I2_ci_ub, 1)}]`;
  return `Heterogeneity: ${tau2}I² = ${stat(result.I2, 1)}%${i2ci}, H² = ${stat(result.H2, 2)}, Q = ${stat(result.QE, 2)} (df = ${result.QE_df}, ${p(result.QEp)})`;
}

function testLine(result: Pooled, verbose: boolean): string {
  const statistic =
    result.tval !== null ? `t = ${stat(result.tval, 2)} (df = ${result.df})` : `z = ${stat(result.zval, 2)}`;
  return `Pooled: ${statistic}, ${p(result.pval)}${verbose ? `; on the analysis scale ${stat(result.estimate, 4)} (SE ${stat(result.se, 4)})` : ''}`;
}

function modelLabel(result: MetaResult): string {
  return result.method === 'MH'
    ? 'MH model'
    : result.method === 'Peto'
      ? 'Peto model'
      : result.method === 'FE'
        ? 'FE model'
        : `RE model (${result.method})`;
}

interface Line {
  label: string;
  estimate: string;
  weight: string;
  draw?: { lo: number; mid: number; hi: number; kind: 'study' | 'pooled' | 'pi' };
}

/** Study i's estimate with its CI as the forest prints it. */
function studyEstimate(result: MetaResult, i: number): string {
  const s = result.studies;
  return Number.isFinite(s.yi[i])
    ? `${natural(result, s.estimate[i] ?? NaN)} ${interval(result, s.estimate_ci_lb[i] ?? NaN, s.estimate_ci_ub[i] ?? NaN)}`
    : 'not estimable';
}

/** Study i's line; `label` when already made (the forest measures its columns first, and keeps the labels). */
function studyLine(
  result: MetaResult,
  i: number,
  label = visibleLine(result.studies.label[i] ?? ''),
  estimate = studyEstimate(result, i),
): Line {
  const s = result.studies;
  const weight = `${toFixed(s.weight[i] ?? NaN, 1)}%`;
  const yi = s.yi[i] ?? NaN;
  return Number.isFinite(yi)
    ? { label, estimate, weight, draw: { lo: s.ci_lb[i] ?? NaN, mid: yi, hi: s.ci_ub[i] ?? NaN, kind: 'study' } }
    : { label, estimate, weight };
}

/** The lines under the studies: the pooled estimate, and the prediction interval when there is one. */
function summaryLines(result: MetaResult): Line[] {
  const out: Line[] = [
    {
      label: modelLabel(result),
      estimate: `${natural(result, result.transformed.estimate)} ${interval(result, result.transformed.ci_lb, result.transformed.ci_ub)}`,
      weight: '100%',
      draw: { lo: result.ci_lb, mid: result.estimate, hi: result.ci_ub, kind: 'pooled' },
    },
  ];
  if (result.pi_lb !== null && result.pi_ub !== null) {
    out.push({
      label: 'prediction interval',
      estimate: interval(result, result.transformed.pi_lb, result.transformed.pi_ub),
      weight: '',
      draw: { lo: result.pi_lb, mid: result.estimate, hi: result.pi_ub, kind: 'pi' },
    });
  }
  return out;
}

/** Study lines per chunk of output: a million studies are written a chunk at a time, never held as one text. */
const CHUNK = 4096;

/** Columns between the parts of a forest-plot line: label, estimate, weight, plot. */
const GAP = 2;
const WEIGHT_WIDTH = 6;
const MIN_PLOT = 21;

/**
 * Where the parts of a forest plot stand: every line (rows, rule, ticks, tick labels) puts column
 * `i` of the plot at `plotStart + i`, so whiskers, squares, ticks and their labels line up.
 * `floor` is the longest study id (a label may be cut to fit, never shorter than the id it starts
 * with), `longest` the longest label.
 */
function forestLayout(
  floor: number,
  longest: number,
  estimateWidth: number,
  width: number,
): { labelWidth: number; plotStart: number; plotWidth: number } {
  const fixed = estimateWidth + WEIGHT_WIDTH + 3 * GAP;
  const labelWidth = Math.max(floor, Math.min(longest, 40, width - fixed - MIN_PLOT));
  const plotStart = labelWidth + fixed;
  return { labelWidth, plotStart, plotWidth: Math.max(MIN_PLOT, width - plotStart) };
}

/** A sentence of the printout, wrapped to the terminal (continuation lines indented). */
function wrapLine(text: string, width: number | undefined): string {
  return width === undefined ? text : wrapNote(text, width);
}

/**
 * The forest plot: labels, estimates with CIs, weights, whiskers on a shared axis, the pooled
 * diamond, the line of no effect. Yielded in chunks of whole lines; a first pass over the studies
 * measures the columns and the axis (keeping the estimates' text), the second makes the lines.
 */
function* forestChunks(result: MetaResult, style: Style, width: number | undefined, how: How): Generator<string> {
  const studies = result.studies;
  const summary = summaryLines(result);
  const nullValue = PROPORTIONS.has(result.measure) ? null : 0;
  // Folds, not Math.max(...spread): a spread of a million studies overflows the call stack.
  let estimateWidth = 8;
  let floor = 5;
  let longest = 5;
  let lo = nullValue ?? Infinity;
  let hi = nullValue ?? -Infinity;
  const measure = (r: Line) => {
    estimateWidth = Math.max(estimateWidth, r.estimate.length);
    longest = Math.max(longest, r.label.length);
    if (r.draw) {
      if (Number.isFinite(r.draw.lo)) {
        lo = Math.min(lo, r.draw.lo);
        hi = Math.max(hi, r.draw.lo);
      }
      if (Number.isFinite(r.draw.hi)) {
        lo = Math.min(lo, r.draw.hi);
        hi = Math.max(hi, r.draw.hi);
      }
    }
  };
  // Labels are kept for the second pass; estimates are made again there: kept, a million of them
  // (each a tree of joined strings) held about 200 MB, and formatting them is cheap.
  const studyLabels: string[] = [];
  for (let i = 0; i < studies.length; i++) {
    floor = Math.max(floor, (studies.study_id[i] ?? '').length);
    const label = visibleLine(studies.label[i] ?? '');
    studyLabels.push(label);
    estimateWidth = Math.max(estimateWidth, studyEstimate(result, i).length);
    longest = Math.max(longest, label.length);
    if (Number.isFinite(studies.yi[i])) {
      const ciLb = studies.ci_lb[i] ?? NaN;
      const ciUb = studies.ci_ub[i] ?? NaN;
      if (Number.isFinite(ciLb)) {
        lo = Math.min(lo, ciLb);
        hi = Math.max(hi, ciLb);
      }
      if (Number.isFinite(ciUb)) {
        lo = Math.min(lo, ciUb);
        hi = Math.max(hi, ciUb);
      }
    }
  }
  for (const r of summary) measure(r);
  const { labelWidth, plotStart, plotWidth } = forestLayout(floor, longest, estimateWidth, width ?? 100);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const column = (x: number) =>
    Math.max(0, Math.min(plotWidth - 1, Math.round(((x - lo) / (hi - lo)) * (plotWidth - 1))));
  const nullColumn = nullValue === null ? -1 : column(nullValue);

  // The empty plot (the line of no effect only); each line replaces its whisker and square in it.
  const blank = Array.from({ length: plotWidth }, (_, i) => (i === nullColumn ? '│' : ' ')).join('');
  const put = (text: string, i: number, c: string) => `${text.slice(0, i)}${c}${text.slice(i + 1)}`;
  // Studies share whiskers (a plot is a few dozen columns wide): each drawing is made once.
  const drawn = new Map<number, string>();
  const KINDS = { study: 0, pooled: 1, pi: 2 } as const;
  const plot = (draw: NonNullable<Line['draw']>): string => {
    const [a, b, m] = [column(draw.lo), column(draw.hi), column(draw.mid)];
    // Columns are whole numbers below the plot's width (NaN for a value that is not a number).
    if (!(Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(m))) return drawing(draw.kind, a, b, m);
    const key = ((KINDS[draw.kind] * plotWidth + a) * plotWidth + b) * plotWidth + m;
    let cells = drawn.get(key);
    if (cells === undefined) drawn.set(key, (cells = drawing(draw.kind, a, b, m)));
    return cells;
  };
  const drawing = (kind: NonNullable<Line['draw']>['kind'], a: number, b: number, m: number): string => {
    const fill = kind === 'pooled' ? '◆' : kind === 'pi' ? '┄' : '─';
    let cells = a <= b ? `${blank.slice(0, a)}${fill.repeat(b - a + 1)}${blank.slice(b + 1)}` : blank;
    if (kind === 'study') {
      if (nullColumn >= a && nullColumn <= b) cells = put(cells, nullColumn, '┼');
      if (m >= 0 && m < plotWidth) cells = put(cells, m, '■');
    }
    return cells;
  };
  const pad = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text.padEnd(n));
  const gap = ' '.repeat(GAP);
  const margin = ' '.repeat(plotStart);
  const line = (r: Line) =>
    `${pad(r.label, labelWidth)}${gap}${r.estimate.padEnd(estimateWidth)}${gap}${r.weight.padStart(WEIGHT_WIDTH)}${gap}${r.draw ? plot(r.draw) : ''}`.trimEnd();
  const header = `${pad('study', labelWidth)}${gap}${pad(`estimate [${levelText(result.level)} CI]`, estimateWidth)}${gap}${'weight'.padStart(WEIGHT_WIDTH)}`;
  const head = [
    style.bold(
      wrapLine(
        `Meta-analysis of ${result.k === result.n_studies ? `${result.k} ${result.k === 1 ? 'study' : 'studies'}` : `${result.k} rows from ${result.n_studies} ${result.n_studies === 1 ? 'study' : 'studies'}`}: ${MEASURE_NAMES[result.measure]}`,
        width,
      ),
    ),
    '',
    style.bold(header),
  ];
  yield `${head.join('\n')}\n`;
  for (let start = 0; start < studies.length; start += CHUNK) {
    const chunk: string[] = [];
    const end = Math.min(studies.length, start + CHUNK);
    for (let i = start; i < end; i++) chunk.push(line(studyLine(result, i, studyLabels[i])));
    yield `${chunk.join('\n')}\n`;
  }
  const out = [`${margin}${'─'.repeat(plotWidth)}`];
  for (const r of summary) out.push(r.draw?.kind === 'pooled' ? style.bold(line(r)) : line(r));
  // Axis: a tick under both ends and the line of no effect, each labelled on the scale people read.
  const ticks = [lo, ...(nullValue === null ? [] : [nullValue]), hi];
  const rule = Array.from({ length: plotWidth }, () => '─');
  const total = plotStart + plotWidth;
  const labels = Array.from({ length: total }, () => ' ');
  const taken: [number, number][] = [];
  for (const t of ticks) rule[column(t)] = '┬';
  // The line of no effect is labelled first; an end label that would crowd another keeps quiet.
  const byImportance = nullValue === null ? ticks : [nullValue, lo, hi];
  for (const t of byImportance) {
    const at = column(t);
    const label = natural(result, backTransform(result.measure, t, result.ni ? { ni: result.ni } : {}));
    // Centred under its tick; it may reach into the margin, never past the plot's right end.
    const start = Math.min(plotStart + plotWidth - label.length, plotStart + at - Math.floor((label.length - 1) / 2));
    const end = start + label.length;
    if (taken.some(([a, b]) => start <= b && end >= a)) continue;
    taken.push([start, end]);
    for (let j = 0; j < label.length; j++) labels[start + j] = label[j] ?? ' ';
  }
  out.push(`${margin}${rule.join('')}`);
  out.push(labels.join('').trimEnd());
  out.push('');
  for (const text of [
    ...(how.reading ? readingLines(result, how.reading, false) : []),
    heterogeneity(result),
    testLine(result, how.verbose),
    ...extras(result, how.verbose),
    `Model: ${describeModel(result, !how.verbose)}`,
  ])
    out.push(wrapLine(text, width));
  yield `${out.join('\n')}\n`;
}

function sequentialLines(
  title: string,
  rows: readonly ({ label: string } & SequentialRow)[],
  result: MetaResult,
): string[] {
  return [
    '',
    title,
    ...rows.map((r) =>
      Number.isFinite(r.estimate)
        ? `  ${r.label.padEnd(32)} ${natural(result, r.transformed.estimate)} ${interval(result, r.transformed.ci_lb, r.transformed.ci_ub)}  ${p(r.pval)}  I² = ${r.I2.toFixed(1)}%`
        : `  ${r.label.padEnd(32)} not estimable from these studies`,
    ),
  ];
}

function extras(result: MetaResult, verbose: boolean): string[] {
  const out: string[] = [];
  if (result.subgroups && result.test_subgroup) {
    out.push('', 'Subgroups:');
    for (const g of result.subgroups) {
      out.push(
        `  ${g.group.padEnd(32)} k = ${g.k}  ${natural(result, g.transformed.estimate)} ${interval(result, g.transformed.ci_lb, g.transformed.ci_ub)}  I² = ${stat(g.I2, 1)}%`,
      );
    }
    const t = result.test_subgroup;
    out.push(
      `Test for subgroup differences: Q = ${stat(t.QM, 2)} (df = ${t.df}, ${p(t.pval)}), ${t.method}; common-tau² mixed model QM = ${stat(t.QM_common_tau2, 2)} (${p(t.QM_common_tau2_p)})`,
    );
  }
  if (result.leave_one_out)
    out.push(
      ...sequentialLines(
        'Leave one out (estimate without the study):',
        result.leave_one_out.map((r) => ({ label: r.omitted, ...r })),
        result,
      ),
    );
  if (result.cumulative)
    out.push(
      ...sequentialLines(
        'Cumulative (studies added in order):',
        result.cumulative.map((r) => ({ label: `+ ${r.added}`, ...r })),
        result,
      ),
    );
  if (result.egger) {
    const e = result.egger;
    out.push(
      '',
      `Egger's regression test (metafor regtest, predictor SE): ${e.df === null ? `z = ${stat(e.zval, 2)}` : `t = ${stat(e.zval, 2)} (df = ${e.df})`}, ${p(e.pval)}${verbose ? `; limit estimate ${stat(e.limit_estimate, 4)} [${stat(e.limit_ci_lb, 4)}, ${stat(e.limit_ci_ub, 4)}] (analysis scale)` : ''}. With few studies the test has little power.`,
    );
  }
  out.push(
    ...metaRegressionLines(result, verbose),
    ...trimfillLines(result, verbose),
    ...rankTestLines(result),
    ...failsafeLines(result, verbose),
  );
  return out;
}

/** A Markdown table with the forest plot's columns, then the model in a sentence. */
function* metaMarkdownChunks(result: MetaResult, how: How): Generator<string> {
  const head = `| study | estimate [${levelText(result.level)} CI] | weight |`;
  const rule = '| --- | --- | ---: |';
  const row = (r: Line) =>
    `| ${r.draw?.kind === 'pooled' ? `**${escapeMarkdownText(r.label)}**` : escapeMarkdownText(r.label)} | ${r.draw?.kind === 'pooled' ? `**${r.estimate.trim()}**` : r.estimate.trim()} | ${r.weight} |`;
  yield `${head}\n${rule}\n`;
  const studies = result.studies;
  for (let start = 0; start < studies.length; start += CHUNK) {
    const chunk: string[] = [];
    const end = Math.min(studies.length, start + CHUNK);
    for (let i = start; i < end; i++) chunk.push(row(studyLine(result, i)));
    yield `${chunk.join('\n')}\n`;
  }
  // The lines after the reading name data too (a moderator is a column of the user's file): as text.
  const text = [
    ...(how.reading ? readingLines(result, how.reading, true) : []),
    ...[
      heterogeneity(result),
      testLine(result, how.verbose),
      ...extras(result, how.verbose).filter((l) => l !== ''),
      `Model: ${describeModel(result, !how.verbose)}`,
    ].map(escapeMarkdownText),
  ];
  yield `${summaryLines(result).map(row).join('\n')}\n\n${text.join('  \n')}\n`;
}

/** What a CSV cell holds as it is, anywhere in it: ASCII but the quote, comma and line ends (a leading =, +, -, @ or tab is defused). */
const CSV_PLAIN = plainTable((c) => c !== 34 && c !== 44 && c !== 10 && c !== 13);

/** A text cell of the CSV: defused as `defuse` does (a leading ' before =, +, -, @, tab, CR), quoted when it must be. */
function csvText(text: string): string {
  const c = text.charCodeAt(0);
  const d = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
  return /[",\n\r]/.test(d) ? `"${d.replace(/"/g, '""')}"` : d;
}

const COMMA_PIECE = piece(',');
const NOTHING = piece('');

/**
 * Study lines from `start` on, written to `out` until it holds a chunk (FLUSH bytes) or the
 * studies end; returns where it stopped. A number cell is its shortest round-trip text (or empty),
 * which needs neither quoting nor defusing; a text cell is copied as it is when it can be (csvText
 * otherwise). `after` follows the numbers: commas, and the basis cell with the line's end last
 * (made anew when the basis changes, which it rarely does from one study to the next).
 */
function csvLines(
  t: MetaResult['studies'],
  start: number,
  out: ByteWriter,
  basis: { text?: string; after: Piece[] },
): number {
  const text = (s: string) => {
    const c = s.charCodeAt(0);
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || !out.plain(s, CSV_PLAIN)) out.text(csvText(s));
  };
  const columns = [t.yi, t.vi, t.ci_lb, t.ci_ub, t.weight, t.estimate, t.estimate_ci_lb, t.estimate_ci_ub];
  const n = t.length;
  let i = start;
  while (i < n && out.length < FLUSH) {
    const b = t.basis[i] ?? '';
    if (b !== basis.text) {
      basis.text = b;
      basis.after = [...Array.from({ length: 7 }, () => COMMA_PIECE), piece(`,${csvText(b)}\n`)];
    }
    text(t.label[i] ?? '');
    out.byte(COMMA);
    text(t.study_id[i] ?? '');
    out.byte(COMMA);
    out.numbers(columns, i, basis.after, NOTHING);
    i++;
  }
  return i;
}

function* metaCsvChunks(result: MetaResult): Generator<string | Uint8Array> {
  const header = [
    'label',
    'study_id',
    'yi',
    'vi',
    'ci_lb',
    'ci_ub',
    'weight',
    'estimate',
    'estimate_ci_lb',
    'estimate_ci_ub',
    'basis',
  ];
  const quote = (value: string | number) => {
    const t = defuse(value, typeof value === 'number' && !Number.isFinite(value) ? '' : String(value));
    return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  yield `${header.join(',')}\n`;
  // Study lines as bytes, a chunk at a time.
  const out = new ByteWriter();
  const basis: { text?: string; after: Piece[] } = { after: [] };
  for (let i = 0; i < result.studies.length;) {
    i = csvLines(result.studies, i, out, basis);
    yield out.take();
  }
  const pooled = [
    modelLabel(result),
    '',
    result.estimate,
    '',
    result.ci_lb,
    result.ci_ub,
    100,
    result.transformed.estimate,
    result.transformed.ci_lb,
    result.transformed.ci_ub,
    '',
  ]
    .map(quote)
    .join(',');
  yield `${pooled}\n`;
}

/** What the text printouts add to the numbers: the reading of the result, and the methods' names (`--verbose`). */
interface How {
  reading?: MetaReading | undefined;
  verbose: boolean;
}

/**
 * A meta-analysis in one format, in chunks of whole lines: a million studies are written without
 * being held as one text.
 */
export function renderMetaChunks(
  result: MetaResult,
  format: Format,
  style: Style,
  filters: readonly string[],
  width?: number,
  how: How = { verbose: true },
): Iterable<string | Uint8Array> {
  switch (format) {
    case 'table':
      return forestChunks(result, style, width, how);
    case 'markdown':
      return metaMarkdownChunks(result, how);
    case 'csv':
      return metaCsvChunks(result);
    case 'json':
      return metaJsonChunks(result, filters);
  }
}
