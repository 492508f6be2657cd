/**
 * A plot inside an evidence block: `<!-- acu-evidence plot forest ... image=img/forest.svg -->`.
 * The picture is drawn by the plot code (loaded as the plot commands load it, a separate bundle in
 * the built CLI) and comes back as bytes; render decides whether to write them (never under --check
 * or --diff) and the block holds a Markdown image link whose alt text states the result.
 */
import type { BlockSpec } from '../core/document/blocks.js';
import { specArgv } from '../core/document/blocks.js';
import { InputError, UsageError } from '../errors.js';
import { StatsInputError } from '../core/stats/index.js';
import type { Io } from '../io/io.js';
import { resolveBlockImage } from '../io/block-image.js';
import { loadPlotCode, ours } from './plot-loader.js';

const PLOTS = ['forest', 'funnel', 'summary'];

export interface BlockImage {
  /** The image= value, as the document gives it. */
  given: string;
  full: string;
  bytes: string | Uint8Array;
}

export type PlotBlock =
  { ok: true; output: string; image: BlockImage; warnings: string[]; notes: string[] } | { ok: false; message: string };

/** Alt text that stays text: no link, emphasis, code, HTML or marker can form from it. */
function escapeAlt(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]!#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Draws a plot block's picture; `options` are the block's options with data= already confined. */
export async function plotBlock(
  spec: BlockSpec,
  options: BlockSpec['options'],
  document: string,
  io: Io,
): Promise<PlotBlock> {
  const kind = spec.args[0] ?? '';
  if (!PLOTS.includes(kind))
    return { ok: false, message: `a plot block draws one of ${PLOTS.join(', ')}, not "${kind}"` };
  const given = options.find((o) => o.name === 'image')?.value;
  const image = await resolveBlockImage(given, document);
  if (!image.ok) return image;
  const rest = options.filter((o) => o.name !== 'image');
  const argv = [
    kind,
    ...specArgv({ ...spec, command: kind, args: [], options: rest }).slice(1),
    `--output=${image.full}`,
  ];
  let stderr = '';
  const captured: Io = {
    ...io,
    stdout: { write: () => true, isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    readStdin: () => Promise.reject(new UsageError('an evidence block cannot read stdin')),
  };
  let drawn: Awaited<ReturnType<Awaited<ReturnType<typeof loadPlotCode>>['plotForBlock']>>;
  try {
    const code = await loadPlotCode();
    drawn = await code.plotForBlock(argv, captured);
  } catch (error) {
    const mine = ours(error);
    if (mine instanceof InputError) return { ok: false, message: mine.problems[0]?.message ?? mine.message };
    if (mine instanceof UsageError || mine instanceof StatsInputError) return { ok: false, message: mine.message };
    // commander's own errors (a bad choice, an option this plot does not take) under exitOverride.
    if (mine instanceof Error && 'code' in mine && String(mine.code).startsWith('commander.'))
      return {
        ok: false,
        message: (stderr.split('\n').find((l) => l.trim() !== '') ?? mine.message).replace(/^error: /, ''),
      };
    throw mine;
  }
  const warnings = drawn.notes.filter((n) => n.startsWith('warning: ')).map((n) => n.slice('warning: '.length));
  const notes = drawn.notes.filter((n) => !n.startsWith('warning: '));
  return {
    ok: true,
    output: `![${escapeAlt(drawn.alt)}](${image.link})\n`,
    image: { given: given ?? '', full: image.full, bytes: drawn.bytes },
    warnings,
    notes,
  };
}
