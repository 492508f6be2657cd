/**
 * `meta`'s fast lane: one plain study file (plain-studies.ts: 2×2 tables or means) and options that
 * read no field of the rows are pooled from columns, with no row, candidate or effect object per
 * study: at 10^6 studies those objects were most of the time and memory. The model and the printout
 * are the general pipeline's own (inverseVariance, the same renderers), so the output is the same
 * bytes; null sends everything else to the general pipeline.
 */
import { inverseVariance, type MetaResult } from '../core/meta/analysis.js';
import { plainStudies } from '../core/meta/plain-studies.js';
import { escalcBinaryColumns, escalcMeansColumns, isBinaryMeasure, isContinuousMeasure } from '../core/stats/index.js';
import type { Io } from '../io/io.js';
import { readPlainText } from '../io/plain-text.js';
import { modelOptions, type MetaCommandOptions } from './meta-pipeline.js';

/** The one file of a run whose options the lane answers as the general pipeline does, else null. */
function inLane(options: MetaCommandOptions): string | null {
  const [file, ...more] = options.data;
  if (file === undefined || file === '-' || more.length > 0) return null;
  if (options.where.length > 0 || options.groupBy !== undefined) return null;
  if (options.delimiter !== undefined || options.decimal !== undefined || options.outcome !== undefined) return null;
  if (options.method === 'MH' || options.method === 'Peto' || options.qAbout !== undefined) return null;
  // Zero-cell options change nothing on tables without a zero cell, but their checks are the general pipeline's.
  if (options.add !== undefined || options.to !== undefined || options.drop00) return null;
  if (options.mods !== undefined || (options.cumulative !== undefined && options.cumulative !== false)) return null;
  return file;
}

/** yi and vi of the file's studies for the measure, or null when the file does not give it. */
function effects(
  text: string,
  measure: MetaCommandOptions['measure'],
): { ids: string[]; yi: number[]; vi: number[] } | null {
  const studies = plainStudies(text);
  if (studies === null) return null;
  if (studies.kind === 'tables' && isBinaryMeasure(measure))
    return { ids: studies.study_id, ...escalcBinaryColumns(measure, studies.ai, studies.bi, studies.ci, studies.di) };
  if (studies.kind === 'means' && isContinuousMeasure(measure))
    return { ids: studies.study_id, ...escalcMeansColumns(measure, studies) };
  return null;
}

/** The pooled result of a plain study file, or null when the general pipeline must read it. */
export async function plainMeta(options: MetaCommandOptions, io: Io): Promise<MetaResult | null> {
  const file = inLane(options);
  const measure = options.measure;
  if (file === null || !(isBinaryMeasure(measure) || isContinuousMeasure(measure))) return null;
  const text = await readPlainText(file, io);
  const found = text === null ? null : effects(text, measure);
  if (found === null) return null;
  const studies = {
    study_id: found.ids,
    label: found.ids,
    basis: new Array<string>(found.yi.length).fill('arms'),
    yi: found.yi,
    vi: found.vi,
    ni: null,
    distinct: true,
  };
  return inverseVariance(studies, modelOptions(options), { skipped: [], warnings: [] });
}
