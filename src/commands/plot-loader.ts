/**
 * Loads the plot code (the plot commands and evidence blocks that hold a plot share it): in the
 * built CLI it is a separate bundle, dist/plot.js, loaded only when a picture is drawn, so that
 * every other command keeps its start-up time.
 */
import { InputError, UsageError } from '../errors.js';
import { StatsInputError } from '../core/stats/index.js';

/**
 * The built plot bundle (dist/plot.js) has its own copies of the error classes: map its errors to
 * this bundle's, by name, so that cli.ts gives them their exit codes (render blocks calling
 * plotForBlock need the same).
 */
export function ours(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof UsageError || error instanceof InputError) return error;
  if (error instanceof StatsInputError) return error;
  if (error.name === 'UsageError') return new UsageError(error.message);
  if (error.name === 'StatsInputError') return new StatsInputError(error.message);
  if (error.name === 'InputError' && 'problems' in error) return new InputError((error as InputError).problems);
  return error;
}

/**
 * The launcher's import(), when the CLI runs from its bundle: the bundle is compiled from V8's code
 * cache in a vm script, where import() has no loader, so the launcher lends its own.
 */
declare const __acuImport: ((specifier: string) => Promise<unknown>) | undefined;

export type PlotModule = typeof import('./plot-run.js');

export function loadPlotCode(): Promise<PlotModule> {
  // In the bundle, './plot-run.js' is the plot bundle beside it (see scripts/build.mjs).
  return typeof __acuImport === 'function'
    ? (__acuImport('./plot.js') as Promise<PlotModule>)
    : import('./plot-run.js');
}
