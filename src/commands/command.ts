/** What a command module gives the command line: a function that declares it on the program. */
import type { Command } from 'commander';
import type { Io } from '../io/io.js';

/** Runs the CLI in-process (cli.ts passes its own run, so that no command imports the CLI). */
export type Runner = (argv: readonly string[], io: Io) => Promise<number>;

/**
 * Every command as declared, on a program of their own (cli.ts loads them all only when asked: a
 * commands block of render asks), so that a command can describe the others without importing them.
 */
export type Declarations = () => Promise<readonly Command[]>;

/** Adds the command (name, description, options, examples and action) to the program. */
type Register = (program: Command, io: Io, run: Runner, declarations: Declarations) => void;

export interface CommandModule {
  register: Register;
}
