/**
 * Colour policy: off with --no-color or NO_COLOR, on with FORCE_COLOR, else only on a TTY. chalk 5
 * ignores NO_COLOR, so the level is decided here and handed to a private Chalk instance.
 */
import { createRequire } from 'node:module';
import type { Chalk as ChalkClass, ChalkInstance } from 'chalk';
import type { Style } from '../render/report.js';
import type { Io } from './io.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(io: Io, flag: boolean | undefined): ColorLevel {
  if (flag === false) return 0;
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return 0;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  return io.stdout.isTTY ? 1 : 0;
}

export function styleFor(level: ColorLevel): Style {
  // Without colour, chalk (and the terminal probing it does as it loads) is not needed at all.
  if (level === 0) return { bold: (t) => t, dim: (t) => t };
  const { Chalk } = createRequire(import.meta.url)('chalk') as { Chalk: typeof ChalkClass };
  const chalk: ChalkInstance = new Chalk({ level });
  return { bold: (t) => chalk.bold(t), dim: (t) => chalk.dim(t) };
}
