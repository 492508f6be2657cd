/**
 * `render`: regenerates the evidence blocks of Markdown files by running each block's command
 * in-process. A file with any failing block is left exactly as it was; --check writes nothing.
 */
import { createTwoFilesPatch } from 'diff';
import { CheckFailed, InputError, UsageError, type Problem } from '../errors.js';
import { findBlocks, spliceBlocks, type Block } from '../core/markers.js';
import type { Io } from '../io/io.js';
import { readTextFile } from '../io/files.js';
import { replaceFile } from '../io/output.js';

export interface RenderOptions {
  check?: boolean;
  diff?: boolean;
  quiet?: boolean;
}

/** Runs the CLI in-process (cli.ts passes its own run, so this module does not import it). */
export type Runner = (argv: readonly string[], io: Io) => Promise<number>;

const FORMAT_FLAGS = ['-f', '--format', '--json'];

/** A block's command, with Markdown output and no colour unless the block asks otherwise. */
export function blockArgv(block: Block): string[] {
  const argv = [...block.argv];
  const hasFormat = argv.some((a) => FORMAT_FLAGS.includes(a) || a.startsWith('--format='));
  return [...argv, ...(hasFormat ? [] : ['--format', 'markdown']), '--no-color', '--quiet'];
}

async function runBlock(
  block: Block,
  file: string,
  io: Io,
  runner: Runner,
): Promise<{ output?: string; problem?: Problem }> {
  if (block.argv[0] === 'render')
    return { problem: { file, line: block.line, message: 'an evidence block cannot run render' } };
  if (block.argv.some((a) => a === '-o' || a === '--output' || a.startsWith('--output='))) {
    const message = 'an evidence block cannot write a file (--output): its output goes into the block';
    return { problem: { file, line: block.line, message } };
  }
  let stdout = '';
  let stderr = '';
  const captured: Io = {
    ...io,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    readStdin: () => Promise.reject(new UsageError('an evidence block cannot read stdin')),
  };
  const code = await runner(blockArgv(block), captured);
  if (code !== 0) {
    const reason = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`;
    return { problem: { file, line: block.line, message: `block "acu-evidence ${block.command}" failed: ${reason}` } };
  }
  return { output: stdout };
}

interface FileResult {
  file: string;
  text: string;
  rendered?: string;
  stale: Block[];
  problems: Problem[];
}

async function renderFile(file: string, io: Io, runner: Runner): Promise<FileResult> {
  const text = await readTextFile(file, io);
  const found = findBlocks(text);
  const problems: Problem[] = found.problems.map((p) => ({ file, line: p.line, message: p.message }));
  const outputs: string[] = [];
  for (const block of found.blocks) {
    const { output, problem } = await runBlock(block, file, io, runner);
    if (problem) problems.push(problem);
    outputs.push(output ?? block.content);
  }
  if (problems.length > 0) return { file, text, stale: [], problems };
  const rendered = spliceBlocks(text, found.blocks, outputs);
  const fresh = findBlocks(rendered).blocks;
  const stale = found.blocks.filter((block, i) => block.content !== fresh[i]?.content);
  return { file, text, rendered, stale, problems };
}

export async function render(files: readonly string[], options: RenderOptions, io: Io, runner: Runner): Promise<void> {
  if (files.length === 0) throw new UsageError('render needs at least one Markdown file');
  const results: FileResult[] = [];
  for (const file of files) results.push(await renderFile(file, io, runner));
  const problems = results.flatMap((r) => r.problems);
  if (problems.length > 0) throw new InputError(problems);

  const stale = results.filter((r) => r.rendered !== undefined && r.rendered !== r.text);
  if (options.diff) {
    for (const r of stale)
      io.stdout.write(createTwoFilesPatch(r.file, r.file, r.text, r.rendered ?? r.text, 'on disk', 'rendered'));
    if (!options.quiet)
      io.stderr.write(
        `${stale.length} of ${results.length} file${results.length === 1 ? '' : 's'} would change; nothing was written.\n`,
      );
    return;
  }
  if (options.check) {
    for (const r of stale)
      for (const block of r.stale)
        io.stderr.write(`${r.file}:${block.line}: stale evidence block "acu-evidence ${block.command}"\n`);
    if (stale.length > 0)
      throw new CheckFailed(
        `${stale.length} file${stale.length === 1 ? '' : 's'} out of date; run acu-evidence render ${stale.map((r) => r.file).join(' ')}`,
      );
    if (!options.quiet) io.stderr.write(`${results.length} file${results.length === 1 ? '' : 's'} up to date.\n`);
    return;
  }
  for (const r of stale) {
    if (r.rendered === undefined) continue;
    await replaceFile(r.file, r.rendered, io);
    if (!options.quiet)
      io.stderr.write(`updated ${r.file} (${r.stale.length} block${r.stale.length === 1 ? '' : 's'})\n`);
  }
  if (!options.quiet && stale.length === 0)
    io.stderr.write(`${results.length} file${results.length === 1 ? '' : 's'} up to date.\n`);
}
