/**
 * run(argv, io): builds the command line, runs one command, and maps what it throws to an exit
 * code (0 ok, 1 a check failed, 2 usage or input error, 3 a bug). Never calls process.exit().
 */
import { Command, CommanderError } from 'commander';
import { CheckFailed, EXIT, InputError, UsageError } from './errors.js';
import { addCommonOptions, addListOptions, addOutputOptions, type CommonOptions } from './commands/options.js';
import { studies, type StudiesOptions } from './commands/studies.js';
import { validate } from './commands/validate.js';
import { schema, type SchemaOptions } from './commands/schema.js';
import { render, type RenderOptions } from './commands/render.js';
import { TABLES } from './core/schema.js';
import type { Io } from './io/io.js';
import { VERSION } from './version.js';

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const PROGRAM_HELP = `
Data: CSV files recognised by their header (default: the bundled data/ folder):
  ${TABLES.map((t) => t.file).join(', ')}.
  Every column and vocabulary is documented in data/README.md.

Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 3 internal error (a bug).
Colour: only on a terminal; off with --no-color or NO_COLOR=1, forced with FORCE_COLOR=1.
${examples([
  'acu-evidence studies --where "condition=low-back-pain" --format markdown',
  'acu-evidence studies --where "review=vickers-2018" --sort -n_randomised --limit 5',
  'acu-evidence studies --group-by condition',
  'acu-evidence validate',
])}`;

function buildProgram(io: Io): Command {
  const program = new Command('acu-evidence')
    .description('Evidence summaries for acupuncture studies, from sourced CSV data.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', PROGRAM_HELP)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const studiesCommand = program
    .command('studies')
    .description('List the selected studies, one per row (or counted per group with --group-by).')
    .addHelpText(
      'after',
      examples([
        'acu-evidence studies',
        'acu-evidence studies --where "condition=low-back-pain" --format markdown',
        'acu-evidence studies --where "year>=2005" --where "design=rct" --sort -year',
        'acu-evidence studies --where "review=vickers-2018" --columns study_id,n_randomised,review',
        'acu-evidence studies --group-by review',
        'acu-evidence studies --format csv --output studies.csv',
      ]),
    );
  addListOptions(addCommonOptions(studiesCommand)).action((options: StudiesOptions) => studies(options, io));

  const validateCommand = program
    .command('validate')
    .description('Check data files (every problem as file:line:column: message), then report what each review covers.')
    .addHelpText(
      'after',
      examples(['acu-evidence validate', 'acu-evidence validate --data data/ my-outcomes.csv', 'cat my.csv | acu-evidence validate --data -']),
    );
  addCommonOptions(validateCommand, { groupBy: false }).action((options: CommonOptions) => validate(options, io));

  const schemaCommand = program
    .command('schema')
    .argument('[table]', 'a table to describe column by column')
    .description('Describe the data model: the tables, the columns of one table, or the vocabularies.')
    .option('--vocabularies', 'list the controlled vocabularies')
    .addHelpText(
      'after',
      examples(['acu-evidence schema', 'acu-evidence schema outcomes', 'acu-evidence schema --vocabularies', 'acu-evidence schema studies --format markdown']),
    );
  addOutputOptions(schemaCommand).action((table: string | undefined, options: SchemaOptions) => schema(table, options, io));

  program
    .command('render')
    .argument('<files...>', 'Markdown files with evidence blocks')
    .description('Regenerate the evidence blocks (<!-- acu-evidence ... --> ... <!-- /acu-evidence -->) of Markdown files.')
    .option('--check', 'write nothing; list stale blocks as file:line and exit 1 if any')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText(
      'after',
      `
A block's opening marker holds an ordinary acu-evidence argument list; render runs it (Markdown
format unless the block names one) and replaces what stands between the markers. Markers inside
code fences are ignored; an unchanged file is not rewritten; a file with a failing block is left
as it was (exit 2).
${examples(['acu-evidence render data/README.md', 'acu-evidence render --check data/README.md README.md'])}`,
    )
    .action((files: string[], options: RenderOptions) => render(files, options, io, run));

  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    command.showHelpAfterError(`(add --help for usage of ${command.name()})`);
  }
  return program;
}

function exitCodeOf(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and --version end with exit code 0; no command at all is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    for (const line of error.message.split('\n')) io.stderr.write(`${line}\n`);
    const n = error.problems.length;
    io.stderr.write(`${n} problem${n === 1 ? '' : 's'} found; nothing was written.\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof CheckFailed) {
    io.stderr.write(`${error.message}\n`);
    return EXIT.checkFailed;
  }
  const detail = error instanceof Error ? (io.env['ACU_EVIDENCE_DEBUG'] ? (error.stack ?? error.message) : error.message) : String(error);
  io.stderr.write(`internal error: ${detail}\nThis is a bug in acu-evidence ${VERSION}; please report it with the command you ran (ACU_EVIDENCE_DEBUG=1 shows the stack).\n`);
  return EXIT.internal;
}

/** Runs the CLI in-process and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}
