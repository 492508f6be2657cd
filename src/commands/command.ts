/** What a command module gives the command line: a function that declares it on the program. */
import type { Command } from 'commander';
import type { Io } from '../io/io.js';

/** Runs the CLI in-process (cli.ts passes its own run, so that no command imports the CLI). */
export type Runner = (argv: readonly string[], io: Io) => Promise<number>;

/** Adds the command (name, description, options, examples and action) to the program. */
type Register = (program: Command, io: Io, run: Runner) => void;

export interface CommandModule {
  register: Register;
}
