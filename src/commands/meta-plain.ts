/**
 * `meta`'s fast lane: one plain 2×2 file (plain-arm-counts.ts) and options that read no field of
 * the rows are pooled from columns, with no row, candidate or effect object per study: at 10^6
 * studies those objects were most of the time and memory. The model and the printout are the
 * general pipeline's own (inverseVariance, the same renderers), so the output is the same bytes;
 * null sends everything else to the general pipeline.
 */
import { inverseVariance, type MetaResult } from '../core/meta/analysis.js';
import { plainArmCounts } from '../core/meta/plain-arm-counts.js';
import { escalcBinaryColumns, isBinaryMeasure } from '../core/stats/index.js';
import type { Io } from '../io/io.js';
import { readPlainText } from '../io/plain-text.js';
import { modelOptions, type MetaCommandOptions } from './meta-pipeline.js';

/** Options the lane answers as the general pipeline does; any other sends the run there. */
function inLane(options: MetaCommandOptions): string | null {
  const [file, ...more] = options.data;
  if (file === undefined || file === '-' || more.length > 0) return null;
  if (options.where.length > 0 || options.groupBy !== undefined) return null;
  if (options.delimiter !== undefined || options.decimal !== undefined || options.outcome !== undefined) return null;
  if (!isBinaryMeasure(options.measure) || options.method === 'MH' || options.method === 'Peto') return null;
  // Zero-cell options change nothing on tables without a zero cell, but their checks are the general pipeline's.
  if (options.add !== undefined || options.to !== undefined || options.drop00) return null;
  if (options.mods !== undefined || (options.cumulative !== undefined && options.cumulative !== false)) return null;
  if (options.qAbout !== undefined) return null;
  return file;
}

/** The pooled result of a plain 2×2 file, or null when the general pipeline must read it. */
export async function plainMeta(options: MetaCommandOptions, io: Io): Promise<MetaResult | null> {
  const file = inLane(options);
  const measure = options.measure;
  if (file === null || !isBinaryMeasure(measure)) return null;
  const text = await readPlainText(file, io);
  const counts = text === null ? null : plainArmCounts(text);
  if (counts === null) return null;
  const { yi, vi } = escalcBinaryColumns(measure, counts.ai, counts.bi, counts.ci, counts.di);
  const studies = {
    study_id: counts.study_id,
    label: counts.study_id,
    basis: new Array<string>(yi.length).fill('arms'),
    yi,
    vi,
    ni: null,
    distinct: true,
  };
  return inverseVariance(studies, modelOptions(options), { skipped: [], warnings: [] });
}
