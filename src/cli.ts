/**
 * run(argv, io): declares the commands, runs one, and maps what it throws to an exit code (0 ok,
 * 1 a check failed, 2 usage, input or output error, 3 a bug). Never calls process.exit(). Each command
 * declares itself in its own module, loaded only when it runs (or when help lists them all), so
 * that no command's code slows another's start.
 */
import { Command, CommanderError } from 'commander';
import type { CommandModule } from './commands/command.js';
import { examples } from './commands/examples.js';
import { visible } from './core/text/controls.js';
import { TABLES } from './core/evidence/schema/index.js';
import { StatsConvergenceError, StatsInputError } from './core/stats/errors.js';
import { CheckFailed, EXIT, InputError, UsageError } from './errors.js';
import type { Io } from './io/io.js';
import { VERSION } from './io/version.js';

/** Every command, in the order help lists them. */
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  summary: () => import('./commands/summary.js'),
  patients: () => import('./commands/patients.js'),
  treatments: () => import('./commands/treatments.js'),
  outcomes: () => import('./commands/outcomes.js'),
  'adverse-events': () => import('./commands/adverse-events.js'),
  meta: () => import('./commands/meta.js'),
  value: () => import('./commands/value.js'),
  claims: () => import('./commands/claims.js'),
  cite: () => import('./commands/cite.js'),
  studies: () => import('./commands/studies.js'),
  validate: () => import('./commands/validate.js'),
  schema: () => import('./commands/schema.js'),
  render: () => import('./commands/render.js'),
  clinic: () => import('./commands/clinic.js'),
  completion: () => import('./commands/completion.js'),
  import: () => import('./commands/import.js'),
  init: () => import('./commands/init.js'),
  plot: () => import('./commands/plot.js'),
};

const PROGRAM_HELP = `
Data: CSV files recognised by their header (default: the bundled data/ folder):
  ${TABLES.map((t) => t.file).join(', ')}.
  Every column and vocabulary is documented in data/README.md.

Exit codes: 0 ok, 1 a check failed, 2 usage, input or output error, 3 internal error (a bug).
Colour: only on a terminal; off with --no-color or NO_COLOR=1, forced with FORCE_COLOR=1.
${examples([
  'acu-evidence summary',
  'acu-evidence studies --where "condition=low-back-pain" --format markdown',
  'acu-evidence patients --where "review=vickers-2018"',
  'acu-evidence outcomes --vs sham --group-by condition',
  'acu-evidence value patients --where "review=vickers-2018"',
  'acu-evidence validate',
])}`;

/** The commands argv needs: the one it names, or all of them (for help and suggestions). */
function commandsFor(argv: readonly string[]): string[] {
  const version = argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version');
  if (version) return [];
  const named = argv.find((a) => !a.startsWith('-'));
  // completion describes every command, so it needs them all too.
  if (named !== undefined && named !== 'completion' && Object.hasOwn(COMMANDS, named)) return [named];
  return Object.keys(COMMANDS);
}

async function buildProgram(argv: readonly string[], io: Io): Promise<Command> {
  const program = new Command('acu-evidence')
    .description('Evidence summaries for acupuncture studies, from sourced CSV data.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', PROGRAM_HELP)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const loaders = commandsFor(argv).map((name) => COMMANDS[name] as () => Promise<CommandModule>);
  const declarations = async () => (await buildProgram([], io)).commands;
  for (const module of await Promise.all(loaders.map((load) => load())))
    module.register(program, io, run, declarations);
  for (const command of program.commands) {
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    command.showHelpAfterError(`(add --help for usage of ${command.name()})`);
  }
  return program;
}

/** An error line echoing a huge value (a 100,000-character field name) is cut to a readable length. */
function clip(line: string): string {
  return line.length > 2000 ? `${line.slice(0, 1000)}…(${line.length - 1000} more characters)` : line;
}

function exitCodeOf(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and --version end with exit code 0; no command at all is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    // Data in a message (a value, a file name) can hold control characters: shown as escapes.
    for (const line of error.message.split('\n')) io.stderr.write(`${clip(visible(line))}\n`);
    const n = error.problems.reduce((sum, p) => sum + (p.count ?? 1), 0);
    io.stderr.write(`${n} problem${n === 1 ? '' : 's'} found; nothing was written.\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof StatsInputError) {
    io.stderr.write(`error: ${clip(visible(error.message))}\n`);
    return EXIT.usage;
  }
  if (error instanceof StatsConvergenceError) {
    // The data, not the program: metafor stops with an error on the same studies.
    io.stderr.write(
      `error: ${clip(visible(error.message))}; these studies may not support the estimator: try another --method (e.g. DL or PM)\n`,
    );
    return EXIT.usage;
  }
  if (error instanceof CheckFailed) {
    io.stderr.write(`${error.message}\n`);
    return EXIT.checkFailed;
  }
  const detail =
    error instanceof Error
      ? io.env['ACU_EVIDENCE_DEBUG']
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  io.stderr.write(
    `internal error: ${detail}\nThis is a bug in acu-evidence ${VERSION}; please report it with the command you ran (ACU_EVIDENCE_DEBUG=1 shows the stack).\n`,
  );
  return EXIT.internal;
}

/** Runs the CLI in-process and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    await (await buildProgram(argv, io)).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}
