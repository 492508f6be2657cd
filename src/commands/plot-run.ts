/**
 * What `plot` runs, loaded only when a plot command runs (see plot.ts): select and compute as the
 * other commands do, lay the picture out, write it as SVG or PNG. `drawForest` and friends also
 * serve evidence blocks: they return the SVG and the alt text, and write nothing.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { armsOf } from '../core/plot/arms.js';
import { treatmentName } from '../core/meta/treatment-name.js';
import { layoutForest } from '../core/plot/forest.js';
import type { Scene, TextMeasure } from '../core/plot/scene.js';
import type { MetaResult } from '../core/meta/analysis.js';
import type { Io } from '../io/io.js';
import { loadPictureFont } from '../io/font.js';
import { replaceFile } from '../io/output.js';
import { forestAltText, forestSpec } from '../render/svg/forest.js';
import { funnelAltText, funnelSpec } from '../render/svg/funnel.js';
import { layoutFunnel } from '../core/plot/funnel.js';
import { StatsInputError } from '../core/stats/index.js';
import { renderSvg, type EmbeddedFont } from '../render/svg/scene.js';
import { metaFor, type MetaCommandOptions } from './meta-pipeline.js';
import type { PictureOptions, PlotMetaOptions, PlotSummaryOptions } from './plot.js';
import { aeRate, byGroup, exposureOverlaps, positiveRatio } from '../core/evidence/aggregate.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import { layoutIntervals, type IntervalSpec } from '../core/plot/intervals.js';
import { filterRows, parseGroupBy } from '../core/evidence/query.js';
import { adverseEventsSpec, outcomesSpec } from '../render/svg/summary.js';
import { conditionsFor, loadEnriched, requireTable } from './context.js';
import { emptyLabel, groupLabel } from './grouped.js';
import { parseLevel } from './options.js';

export interface Picture {
  svg: string;
  /** One sentence that states the result, for the image's alt text. */
  alt: string;
  font: EmbeddedFont;
  notes: string[];
}

/** Lays out with the bundled font subset to exactly the characters the picture uses. */
async function draw(
  texts: unknown,
  layout: (measure: TextMeasure) => Scene,
): Promise<{ svg: string; font: EmbeddedFont }> {
  const { font, measure } = await loadPictureFont([JSON.stringify(texts)]);
  return { svg: renderSvg(layout(measure), font), font };
}

function pair(text: string | undefined, option: string): [string, string] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === ''))
    throw new UsageError(`${option} needs two names separated by a comma, got "${text}"`);
  return [parts[0] as string, parts[1] as string];
}

function limits(text: string | undefined, measure: string): [number, number] | undefined {
  const names = pair(text, '--xlim');
  if (!names) return undefined;
  const [lo, hi] = names.map(Number) as [number, number];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi))
    throw new UsageError(`--xlim needs two numbers, low before high, got "${text}"`);
  if ((measure === 'RR' || measure === 'OR') && lo <= 0)
    throw new UsageError(`--xlim for a ratio needs limits above 0, got "${text}"`);
  if (['PLO', 'PR', 'PFT', 'PAS'].includes(measure) && (lo < 0 || hi > 1))
    throw new UsageError(`--xlim for a proportion lies within 0,1, got "${text}"`);
  return [lo, hi];
}

const COMPARATOR_NAMES: Record<string, string> = {
  sham: 'Sham',
  placebo: 'Placebo',
  'usual-care': 'Usual care',
  'no-acupuncture': 'No acupuncture',
  'waiting-list': 'Waiting list',
  medication: 'Medication',
  physiotherapy: 'Physiotherapy',
  exercise: 'Exercise',
  'other-acupuncture': 'Other acupuncture',
};

/** The control arm's name: the comparator type all selected rows share, else "Control". */
function controlName(result: MetaResult, rows: readonly Record<string, unknown>[]): string {
  const types = new Set(rows.map((r) => r['comparator_type']).filter((t) => typeof t === 'string'));
  const only = types.size === 1 ? ([...types][0] as string) : null;
  return result.measure && only ? (COMPARATOR_NAMES[only] ?? only) : 'Control';
}

function metaOptions(options: PlotMetaOptions): MetaCommandOptions {
  return { ...options, format: 'table' };
}

/** The forest plot of a selection, as SVG with its alt text. */
export async function drawForest(options: PlotMetaOptions, io: Io): Promise<Picture> {
  const { result, inputs, notes: settings } = await metaFor(metaOptions(options), io);
  const effects = result.method === 'MH' || result.method === 'Peto' ? inputs.tables : inputs.effects;
  const arms = effects.map((e) => armsOf(e, result.measure));
  const control = controlName(
    result,
    effects.map((e) => e.row),
  );
  const treatment = treatmentName(effects.map((e) => e.row)) ?? 'Treatment';
  const armNames = pair(options.arms, '--arms') ?? [treatment.charAt(0).toUpperCase() + treatment.slice(1), control];
  const favours: [string, string] | null =
    pair(options.favours, '--favours') ??
    (options.better === 'higher'
      ? [`Favours ${armNames[1].toLowerCase()}`, `Favours ${armNames[0].toLowerCase()}`]
      : options.better === 'lower'
        ? [`Favours ${armNames[0].toLowerCase()}`, `Favours ${armNames[1].toLowerCase()}`]
        : null);
  const xlim = limits(options.xlim, result.measure);
  const spec = forestSpec(
    result,
    arms,
    { favours, armNames, ...(options.title ? { title: options.title } : {}), ...(xlim ? { limits: xlim } : {}) },
    options.where,
  );
  const { svg, font } = await draw(spec, (measure) => layoutForest(spec, measure));
  const notes = [
    ...settings,
    ...result.skipped.map((s) => `left out ${s.label}: ${s.reason}`),
    ...result.warnings.map((w) => `warning: ${w}`),
    ...(favours === null && !['PLO', 'PR', 'PFT', 'PAS'].includes(result.measure)
      ? [
          'note: the sides of the axis are not labelled; say which values favour acupuncture with --better higher or --better lower (or --favours "left,right").',
        ]
      : []),
  ];
  return { svg, alt: forestAltText(result), font, notes };
}

function parsePositive(text: string | undefined, option: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new UsageError(`${option} needs a number above 0 and at most ${max}, got "${text}"`);
  return value;
}

/** Writes the picture where -o says: SVG or PNG by the file's extension, SVG to a pipe. */
/** A picture encoded in the format its output name picks: the bytes a file (or stdout) receives. */
export interface EncodedPicture {
  format: 'svg' | 'png';
  bytes: string | Uint8Array;
}

/** Checks the output options and encodes: SVG text, or PNG at --width or --scale. Writes nothing. */
export async function encodePicture(picture: Picture, options: PictureOptions): Promise<EncodedPicture> {
  const width = parsePositive(options.width, '--width', 20000);
  const scale = parsePositive(options.scale, '--scale', 20);
  if (width !== undefined && !Number.isInteger(width))
    throw new UsageError(`--width needs whole pixels, got "${options.width}"`);
  if (width !== undefined && scale !== undefined)
    throw new UsageError('--width and --scale both size the PNG; give one');
  const output = options.output;
  const extension = output === undefined || output === '-' ? '.svg' : path.extname(output).toLowerCase();
  if (extension !== '.svg' && extension !== '.png')
    throw new UsageError(`-o ${output}: the file name must end in .svg or .png (it picks the format)`);
  if ((width !== undefined || scale !== undefined) && extension !== '.png')
    throw new UsageError('--width and --scale size a PNG; write to FILE.png');
  if (extension === '.svg') return { format: 'svg', bytes: picture.svg };
  const { svgToPng } = await import('../io/png.js');
  const size = width !== undefined ? { width } : scale !== undefined ? { scale } : {};
  return { format: 'png', bytes: await svgToPng(picture.svg, picture.font, size) };
}

/** Writes the picture where -o says: SVG or PNG by the file's extension, SVG to a pipe. */
export async function deliverPicture(picture: Picture, options: PictureOptions, io: Io): Promise<void> {
  const output = options.output;
  if (output === undefined && io.stdout.isTTY) {
    throw new UsageError(
      'a plot is a picture: write it with -o FILE.svg or -o FILE.png (or redirect the SVG: ... > plot.svg)',
    );
  }
  const encoded = await encodePicture(picture, options);
  if (output === undefined || output === '-') io.stdout.write(picture.svg);
  else await replaceFile(output, encoded.bytes, io, 'direct');
  if (!options.quiet) {
    for (const note of picture.notes) io.stderr.write(`${note}\n`);
    if (output !== undefined && output !== '-') io.stderr.write(`wrote ${output}\n`);
  }
}

/**
 * For evidence blocks (issue 8): the picture a plot argument list describes, encoded as its -o
 * name asks, with the alt text that states the result. Parses `argv` ("forest --where ... -o
 * img/forest.svg") with the same options as the command line, reads data like any command, and
 * writes nothing: the block decides whether `output` is allowed (inside the document's folder),
 * compares the bytes with the file for --check, writes them and links the image.
 */
export async function plotForBlock(
  argv: readonly string[],
  io: Io,
): Promise<EncodedPicture & { output: string | undefined; alt: string; notes: string[] }> {
  const { Command } = await import('commander');
  const { registerPlot } = await import('./plot.js');
  let captured: { picture: Picture; options: PictureOptions } | undefined;
  const program = new Command('acu-evidence').exitOverride().configureOutput({
    writeOut: (t) => io.stdout.write(t),
    writeErr: (t) => io.stderr.write(t),
  });
  registerPlot(program, io, (picture, options) => {
    captured = { picture, options };
    return Promise.resolve();
  });
  program.commands.forEach((c) => c.exitOverride());
  await program.parseAsync(['plot', ...argv], { from: 'user' });
  if (!captured) throw new UsageError(`a plot block needs one of: plot forest, plot funnel, plot summary`);
  const encoded = await encodePicture(captured.picture, captured.options);
  return { ...encoded, output: captured.options.output, alt: captured.picture.alt, notes: captured.picture.notes };
}

/** Where a drawn picture goes: the file or stdout (the command), or back to an evidence block. */
export type PictureSink = (picture: Picture, options: PictureOptions) => Promise<void>;

export async function plotForest(options: PlotMetaOptions, io: Io, sink?: PictureSink): Promise<void> {
  const picture = await drawForest(options, io);
  await (sink ? sink(picture, options) : deliverPicture(picture, options, io));
}

/** The funnel plot of a selection, with Egger's test where the model and k allow it. */
export async function drawFunnel(options: PlotMetaOptions, io: Io): Promise<Picture> {
  let unavailable: string | null = null;
  let computed: Awaited<ReturnType<typeof metaFor>>;
  try {
    computed = await metaFor({ ...metaOptions(options), egger: true }, io);
  } catch (error) {
    if (!(error instanceof StatsInputError)) throw error;
    // Too few studies, or a model without it: the funnel is still drawn, the caption says why.
    computed = await metaFor(metaOptions(options), io);
    unavailable = /k >= 3|at least 2 studies/.test(error.message)
      ? 'it needs at least 3 studies'
      : error.message.replace(/^--egger is not available/, 'not available');
  }
  const { result, notes: settings } = computed;
  const spec = funnelSpec(result, { unavailable, ...(options.title ? { title: options.title } : {}) }, options.where);
  const { svg, font } = await draw(spec, (measure) => layoutFunnel(spec, measure));
  const notes = [
    ...settings,
    ...result.skipped.map((s) => `left out ${s.label}: ${s.reason}`),
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  return { svg, alt: funnelAltText(result, unavailable), font, notes };
}

export async function plotFunnel(options: PlotMetaOptions, io: Io, sink?: PictureSink): Promise<void> {
  const picture = await drawFunnel(options, io);
  await (sink ? sink(picture, options) : deliverPicture(picture, options, io));
}

/** The summary chart of a selection: positive-outcome ratios per group, or adverse-event rates per group. */
export async function drawSummary(options: PlotSummaryOptions, io: Io): Promise<Picture> {
  const dataset = await loadEnriched({ ...options, format: 'table' }, io);
  const level = parseLevel(options.level);
  const title = options.title ? { title: options.title } : {};
  let spec: IntervalSpec;
  const notes: string[] = [];
  if (options.of === 'outcomes') {
    const rows = filterRows(requireTable(dataset, 'studies').rows, conditionsFor('studies', options, dataset));
    const field = parseGroupBy(options.groupBy ?? 'review', fieldsOf('studies'));
    const grouped = byGroup(rows, field, (selected) => positiveRatio(selected, options.vs, options.method, level));
    const empty = emptyLabel('studies', field);
    spec = outcomesSpec(
      grouped,
      { field, of: (key) => groupLabel(key, empty) },
      { vs: options.vs, method: options.method, level, ...title },
      options.where,
    );
  } else {
    const rows = filterRows(
      requireTable(dataset, 'adverse-events').rows,
      conditionsFor('adverse-events', options, dataset),
    );
    const field = parseGroupBy(options.groupBy ?? 'event', fieldsOf('adverse-events'));
    const grouped = byGroup(rows, field, (selected) => aeRate(selected, options.method, level));
    const empty = emptyLabel('adverse-events', field);
    if (exposureOverlaps(rows).length > 0)
      notes.push(
        'warning: the total counts some patients exposed more than once (one row per event); acu-evidence adverse-events names them; narrow with --where.',
      );
    spec = adverseEventsSpec(
      grouped,
      { field, of: (key) => groupLabel(key, empty) },
      { method: options.method, level, ...title },
      options.where,
    );
  }
  if (spec.rows.every((r) => r.estimate === null))
    throw new UsageError('the selection has nothing to count; widen --where');
  const { svg, font } = await draw(spec, (measure) => layoutIntervals(spec, measure));
  return { svg, alt: spec.desc, font, notes };
}

export async function plotSummary(options: PlotSummaryOptions, io: Io, sink?: PictureSink): Promise<void> {
  const picture = await drawSummary(options, io);
  await (sink ? sink(picture, options) : deliverPicture(picture, options, io));
}
