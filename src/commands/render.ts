/**
 * `render`: regenerates the evidence blocks of Markdown files by running each block's command
 * in-process. A block is data checked against a whitelist (core/blocks.ts), its paths resolve from
 * the document and stay inside its folder tree; the notes and warnings a command prints travel
 * into the document. A file with any failing block is left exactly as it was; --check and --diff
 * write nothing.
 */
import { examples } from './examples.js';
import { BLOCK_COMMANDS } from '../core/document/blocks.js';
import type { Command } from 'commander';
import type { Declarations, Runner } from './command.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { CheckFailed, InputError, UsageError, formatProblem, type Problem } from '../errors.js';
import { formatMarker, parseMarker, specArgv, type BlockSpec } from '../core/document/blocks.js';
import { findBlocks, spliceBlocks, type Block } from '../core/document/markers.js';
import type { Io } from '../io/io.js';
import { resolveBlockPaths } from '../io/block-paths.js';
import { readTextFile } from '../io/files.js';
import { replaceFile } from '../io/output.js';
import { escapeMarkdownText } from '../render/markdown.js';
import { sameBytes, writeBlockImage } from '../io/block-image.js';
import { plotBlock, type BlockImage } from './render-plot.js';
import { commandsBlock } from './render-commands.js';

export interface RenderOptions {
  check?: boolean;
  diff?: boolean;
  quiet?: boolean;
  strict?: boolean;
  upgrade?: boolean;
  verbose?: boolean;
}

/** What a block's command printed on stderr, sorted: caveats (warnings) and coverage notes. */
interface Caveats {
  warnings: string[];
  notes: string[];
}

interface BlockResult {
  output?: string;
  problem?: Problem;
  caveats: Caveats;
  /** A plot block's picture: render writes it beside the document (never under --check or --diff). */
  image?: BlockImage;
}

const OPEN_OR_CLOSE = /<!--\s*\/?acu-evidence/;

function caveatsOf(stderr: string): Caveats {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return {
    warnings: lines.filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length)),
    // A loader's "note: " prefix is for the terminal; the document (and --verbose) add their own.
    notes: lines.filter((l) => !l.startsWith('warning: ')).map((l) => (l.startsWith('note: ') ? l.slice(6) : l)),
  };
}

/** A caveat as a reader of the document sees it: the command-line advice at its end is for the terminal. */
function forReader(text: string): string {
  return escapeMarkdownText(text.replace(/[;:]\s*(add|narrow)\b.*$/i, '.').replace(/\.\.$/, '.'));
}

/** Notes for a reader: the rows a command left out are counted, not listed (the terminal lists them). */
function shortNotes(notes: readonly string[]): string[] {
  const leftOut = notes.filter((n) => n.startsWith('left out '));
  const rest = notes.filter((n) => !n.startsWith('left out '));
  if (leftOut.length === 0) return rest;
  const rows = leftOut.length === 1 ? '1 row that cannot enter' : `${leftOut.length} rows that cannot enter`;
  return [...rest, `left out ${rows} (the command lists ${leftOut.length === 1 ? 'it' : 'them'} on the terminal)`];
}

/** The caveats written into the document: under a table as a list, after an inline value in brackets. */
function withCaveats(output: string, block: Block, spec: BlockSpec, format: string, caveats: Caveats): string {
  if (format !== 'markdown') return output;
  if (block.inline) {
    if (spec.note === 'none' || caveats.warnings.length === 0) return output;
    return `${output.replace(/\r?\n$/, '')} (${caveats.warnings.map((w) => forReader(w).replace(/\.$/, '')).join('; ')})`;
  }
  const items = [
    ...caveats.warnings.map((w) => `- Warning: ${forReader(w)}`),
    ...shortNotes(caveats.notes).map((n) => `- Note: ${forReader(n)}`),
  ];
  if (spec.note === 'none' || items.length === 0) return output;
  return `${output.replace(/\n*$/, '\n')}\n${items.join('\n')}\n`;
}

/** How render runs a block: a command in-process, or the commands' declarations for a commands block. */
interface Runners {
  runner: Runner;
  declarations: Declarations;
}

async function runBlock(spec: BlockSpec, block: Block, file: string, io: Io, runners: Runners): Promise<BlockResult> {
  const at = (message: string): BlockResult => ({
    problem: { file, line: block.line, message },
    caveats: { warnings: [], notes: [] },
  });
  if (BLOCK_COMMANDS[spec.command]?.declared) {
    if (block.inline) return at(`a "${spec.command}" block is a table: put its markers on lines of their own`);
    return { output: await commandsBlock(runners.declarations), caveats: { warnings: [], notes: [] } };
  }
  const { runner } = runners;
  const dataValues = spec.options.filter((o) => o.name === 'data').map((o) => o.value ?? '');
  const resolved = await resolveBlockPaths(dataValues, path.resolve(io.cwd, file));
  if (!resolved.ok) return at(resolved.message);
  const options = [
    ...spec.options.filter((o) => o.name !== 'data'),
    ...resolved.paths.map((p) => ({ name: 'data', value: p })),
  ];
  if (spec.command === 'plot') {
    const drawn = await plotBlock(spec, options, path.resolve(io.cwd, file), io);
    if (!drawn.ok) return at(drawn.message);
    const caveats = { warnings: drawn.warnings, notes: drawn.notes };
    return { output: withCaveats(drawn.output, block, spec, 'markdown', caveats), caveats, image: drawn.image };
  }
  const format = spec.options.find((o) => o.name === 'format')?.value ?? 'markdown';
  // Format and colour are render's to choose; they go before "--", which starts the arguments.
  const argv = specArgv({ ...spec, options });
  const extra = [...(spec.options.some((o) => o.name === 'format') ? [] : ['--format=markdown']), '--no-color'];
  const split = argv.indexOf('--');
  const full = split === -1 ? [...argv, ...extra] : [...argv.slice(0, split), ...extra, ...argv.slice(split)];
  let stdout = '';
  let stderr = '';
  const captured: Io = {
    ...io,
    // Files are named from the document's folder (as data= names them), so that the notes written into
    // the document do not depend on where render runs and hold no absolute path.
    cwd: resolved.root,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    readStdin: () => Promise.reject(new UsageError('an evidence block cannot read stdin')),
  };
  const code = await runner(full, captured);
  if (code !== 0) {
    const reason = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`;
    return at(`block "acu-evidence ${block.command}" failed: ${reason}`);
  }
  // Data can hold anything; a marker in the output would open or close a block on the next run.
  if (OPEN_OR_CLOSE.test(stdout))
    return at(`block "acu-evidence ${block.command}": its output holds an evidence marker (from the data); refused`);
  const caveats = caveatsOf(stderr);
  return { output: withCaveats(stdout, block, spec, format, caveats), caveats };
}

interface Warning {
  line: number;
  message: string;
}

interface FileResult {
  file: string;
  text: string;
  rendered?: string;
  stale: { block: Block; now: string }[];
  problems: Problem[];
  warnings: Warning[];
  /** Pictures of plot blocks whose file is missing or holds other bytes than the block draws. */
  images?: { block: Block; image: BlockImage; missing: boolean }[];
}

/** The text with every opening marker in this form, and inline blocks that start a line joined to it. */
function upgradeText(text: string, blocks: readonly Block[], specs: readonly (BlockSpec | undefined)[]): string {
  let out = '';
  let last = 0;
  blocks.forEach((block, i) => {
    const spec = specs[i];
    const marker = spec ? formatMarker(spec) : undefined;
    if (!marker) return;
    let before = text.slice(last, block.openIndex);
    // "of\n<!-- ... -->39" becomes "of <!-- ... -->39", unless the line before is blank.
    if (block.startsLine) before = before.replace(/([^\s])[ \t]*\r?\n[ \t]*$/, '$1 ');
    out += before + marker;
    last = block.openIndex + block.openLength;
  });
  return out + text.slice(last);
}

async function renderFile(file: string, options: RenderOptions, io: Io, runners: Runners): Promise<FileResult> {
  // A FIFO or device among the files named would block the read: refuse it before opening.
  const info = await stat(path.resolve(io.cwd, file)).catch(() => undefined);
  if (info && !info.isFile() && !info.isDirectory())
    throw new UsageError(`cannot read ${file}: not a regular file (FIFOs and devices are refused)`);
  const original = await readTextFile(file, io);
  const warnings: Warning[] = [];
  let found = findBlocks(original);
  const problems: Problem[] = found.problems.map((p) => ({ file, line: p.line, message: p.message }));
  const parsed = found.blocks.map((b) => parseMarker(b.command));
  let text = original;
  if (options.upgrade) {
    text = upgradeText(
      original,
      found.blocks,
      parsed.map((p) => (p.ok ? p.spec : undefined)),
    );
    found = findBlocks(text);
    parsed.forEach((p, i) => {
      const block = found.blocks[i];
      if (p.ok && block && formatMarker(p.spec) === undefined)
        problems.push({
          file,
          line: block.line,
          message: 'cannot upgrade: a value holds "--", which no HTML comment may hold',
        });
    });
  }
  const outputs: string[] = [];
  const images: { block: Block; image: BlockImage }[] = [];
  for (const block of found.blocks) {
    const marker = parseMarker(block.command);
    if (!marker.ok) {
      problems.push({ file, line: block.line, message: marker.message });
      outputs.push(block.content);
      continue;
    }
    if (marker.legacy)
      warnings.push({
        line: block.line,
        message: `old marker form: "--" ends an HTML comment in CommonMark and GitHub, so the marker shows as text; run acu-evidence render --upgrade ${file}`,
      });
    if (block.startsLine)
      warnings.push({
        line: block.line,
        message:
          'an inline block that starts a line becomes an HTML block of its own (its number leaves the sentence); put a word before it on the line',
      });
    const { output, problem, caveats, image } = await runBlock(marker.spec, block, file, io, runners);
    if (problem) problems.push(problem);
    if (image && images.some((i) => i.image.full === image.full))
      problems.push({ file, line: block.line, message: `image=${image.given}: another block writes it too` });
    else if (image) images.push({ block, image });
    for (const w of caveats.warnings) warnings.push({ line: block.line, message: w });
    if (options.verbose) for (const n of caveats.notes) warnings.push({ line: block.line, message: `note: ${n}` });
    outputs.push(output ?? block.content);
  }
  if (problems.length > 0) return { file, text: original, stale: [], problems, warnings };
  const rendered = spliceBlocks(text, found.blocks, outputs);
  const fresh = findBlocks(rendered);
  if (fresh.blocks.length !== found.blocks.length || fresh.problems.length > 0)
    return {
      file,
      text: original,
      stale: [],
      problems: [
        {
          file,
          message:
            'the rendered blocks would change the document’s markers (a code fence or marker in the output); refused',
        },
      ],
      warnings,
    };
  const stale = found.blocks.flatMap((block, i) => {
    const now = fresh.blocks[i]?.content ?? '';
    return block.content === now ? [] : [{ block, now }];
  });
  const staleImages = [];
  for (const { block, image } of images)
    if (!(await sameBytes(image.full, image.bytes)))
      staleImages.push({ block, image, missing: !(await stat(image.full).catch(() => undefined)) });
  return { file, text: original, rendered, stale, problems, warnings, images: staleImages };
}

function clip(text: string): string {
  const one = text.trim().replace(/\s*\r?\n\s*/g, ' ⏎ ');
  return one.length > 70 ? `${one.slice(0, 69)}…` : one;
}

/** "old → new" for a stale block: the value of an inline block, the first changed line of a table. */
function change(block: Block, now: string): string {
  if (block.inline) return `${clip(block.content) || '(empty)'} → ${clip(now) || '(empty)'}`;
  const before = block.content.split(/\r?\n/);
  const after = now.split(/\r?\n/);
  const i = before.findIndex((l, j) => l !== after[j]);
  const k = i === -1 ? before.length : i;
  const changed = Math.max(before.length, after.length) - k;
  return `line ${block.line + 1 + k}: ${clip(before[k] ?? '') || '(empty)'} → ${clip(after[k] ?? '') || '(empty)'}${changed > 1 ? ` (and more lines)` : ''}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function render(
  files: readonly string[],
  options: RenderOptions,
  io: Io,
  runners: Runners,
): Promise<void> {
  if (files.length === 0) throw new UsageError('render needs at least one Markdown file');
  const results: FileResult[] = [];
  for (const file of files) results.push(await renderFile(file, options, io, runners));
  for (const r of results)
    for (const w of r.warnings)
      io.stderr.write(
        `${formatProblem({ file: r.file, line: w.line, message: w.message.startsWith('note: ') ? w.message : `warning: ${w.message}` })}\n`,
      );
  const problems = results.flatMap((r) => r.problems);
  if (problems.length > 0) throw new InputError(problems);
  const warned = results.reduce((n, r) => n + r.warnings.filter((w) => !w.message.startsWith('note: ')).length, 0);
  const strictFailure = (): void => {
    if (options.strict && warned > 0) throw new CheckFailed(`${plural(warned, 'warning')} (render --strict)`);
  };

  const stale = results.filter(
    (r) => (r.rendered !== undefined && r.rendered !== r.text) || (r.images?.length ?? 0) > 0,
  );
  const imageLine = (r: FileResult, i: NonNullable<FileResult['images']>[number], verb: string): string =>
    `${r.file}:${i.block.line}: ${verb} image ${i.image.given} (${i.missing ? 'missing' : 'its bytes differ from what the block draws'})\n`;
  if (options.diff) {
    for (const r of stale) for (const i of r.images ?? []) io.stderr.write(imageLine(r, i, 'would write'));
    for (const r of stale.filter((s) => s.rendered !== s.text))
      io.stdout.write(createTwoFilesPatch(r.file, r.file, r.text, r.rendered ?? r.text, 'on disk', 'rendered'));
    if (!options.quiet)
      io.stderr.write(`${stale.length} of ${plural(results.length, 'file')} would change; nothing was written.\n`);
    if (options.check && stale.length > 0)
      throw new CheckFailed(
        `${plural(stale.length, 'file')} out of date; run acu-evidence render ${stale.map((r) => r.file).join(' ')}`,
      );
    strictFailure();
    return;
  }
  if (options.check) {
    for (const r of stale) {
      for (const { block, now } of r.stale)
        io.stderr.write(
          `${r.file}:${block.line}: stale block "acu-evidence ${block.command}": ${change(block, now)}\n`,
        );
      for (const i of r.images ?? []) io.stderr.write(imageLine(r, i, 'stale'));
      if (r.stale.length === 0 && r.rendered !== r.text)
        io.stderr.write(`${r.file}: markers would be rewritten (render --upgrade)\n`);
    }
    if (stale.length > 0)
      throw new CheckFailed(
        `${plural(stale.length, 'file')} out of date; run acu-evidence render ${options.upgrade ? '--upgrade ' : ''}${stale.map((r) => r.file).join(' ')}`,
      );
    if (!options.quiet) io.stderr.write(`${plural(results.length, 'file')} up to date.\n`);
    strictFailure();
    return;
  }
  for (const r of stale) {
    if (r.rendered === undefined) continue;
    for (const i of r.images ?? []) {
      await writeBlockImage(i.image.full, i.image.bytes, io);
      if (!options.quiet) io.stderr.write(`wrote ${path.join(path.dirname(r.file), i.image.given)}\n`);
    }
    if (r.rendered === r.text) continue;
    await replaceFile(r.file, r.rendered, io);
    if (!options.quiet)
      io.stderr.write(
        `updated ${r.file} (${r.stale.length > 0 ? plural(r.stale.length, 'block') : 'markers upgraded'})\n`,
      );
  }
  if (!options.quiet && stale.length === 0) io.stderr.write(`${plural(results.length, 'file')} up to date.\n`);
  strictFailure();
}

const RENDER_HELP = `
A block is an HTML comment naming a command and its options as key=value (repeat a key to repeat
the option; a switch stands alone), the generated text, and a closing comment:

  <!-- acu-evidence studies where="condition=low-back-pain" columns=study_id,year -->
  ...table...
  <!-- /acu-evidence -->
  We pooled <!-- acu-evidence value patients where="review=vickers-2018" -->6,060<!-- /acu-evidence --> patients.

Blocks run ${Object.keys(BLOCK_COMMANDS)
  .filter((name) => BLOCK_COMMANDS[name]?.declared !== true)
  .join(', ')} with their query and
format options only (Markdown unless format= says otherwise); output options, render and anything
unknown are refused (exit 2). data= paths resolve from the document and must stay inside its
folder (or name the bundled data). Warnings of the command are printed as file:line: warning: and
written into the document: under a table as a list, after an inline value in brackets (note=none
drops them from the text). Put a word before an inline block on its line: a line that starts with a
comment is an HTML block in CommonMark. The old form (--where ...) is read with a warning;
--upgrade rewrites it. Markers inside code fences are ignored; an unchanged file is not rewritten;
a file with a failing block is left as it was (exit 2).

A plot block draws a picture and writes it to image=, the one file a block may write: .svg or .png,
relative to the document and inside its folder (no .., no absolute path, no link leading out):

  <!-- acu-evidence plot forest where="comparison=acupuncture vs sham" measure=RR better=higher image=img/sham-forest.svg -->
  <!-- /acu-evidence -->

The block then holds an image link whose alt text states the pooled result. --check and --diff
write nothing; they report the image stale when it is missing or its bytes differ from the drawing.

A commands block (<!-- acu-evidence commands --> on a line of its own, no options) holds the table
of the commands and their one-line summaries as --help lists them: a README that names them fails
--check when a command is added, renamed or described anew. It reads no file and runs nothing.
${examples([
  'acu-evidence render docs/acupuncture-back-pain.md',
  'acu-evidence render --check docs/*.md README.md',
  'acu-evidence render --check --diff docs/acupuncture-back-pain.md',
  'acu-evidence render --upgrade --diff README.md',
])}`;

/** Declares `render`: its description, options, examples and action. */
export function register(program: Command, io: Io, run: Runner, declarations: Declarations): void {
  program
    .command('render')
    .argument('<files...>', 'Markdown files with evidence blocks')
    .description(
      'Regenerate the evidence blocks (<!-- acu-evidence ... --> ... <!-- /acu-evidence -->) of Markdown files.',
    )
    // Lists (the program's help, README's table of commands) show this; a marker's syntax in a
    // document's table would be text that looks like a marker.
    .summary('Regenerate the evidence blocks of Markdown files: the output of the command each marker names.')
    .option('--check', 'write nothing; list stale blocks as file:line with old → new, exit 1 if any')
    .option('--diff', 'write nothing; print a unified diff of what would change (with --check: exit 1 if any)')
    .option('--strict', 'exit 1 when any block has a warning (a caveat of its command, an old marker)')
    .option('--upgrade', 'rewrite old markers (with --options) to the key=value form, then render')
    .option('-q, --quiet', 'no notes on stderr')
    .option('--verbose', "also print each block's notes as file:line: note: ...")
    .addHelpText('after', RENDER_HELP)
    .action((files: string[], options: RenderOptions) => render(files, options, io, { runner: run, declarations }));
}
