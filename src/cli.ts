/**
 * run(argv, io): builds the command line, runs one command, and maps what it throws to an exit
 * code (0 ok, 1 a check failed, 2 usage or input error, 3 a bug). Never calls process.exit().
 */
import { visible } from './core/controls.js';
import { Command, CommanderError } from 'commander';
import { CheckFailed, EXIT, InputError, UsageError } from './errors.js';
import {
  addCommonOptions,
  addComparatorOption,
  addIntervalOptions,
  addListOptions,
  addOutputOptions,
  type CommonOptions,
} from './commands/options.js';
import { adverseEvents, type AdverseEventsOptions } from './commands/adverse-events.js';
import { outcomes, type OutcomesOptions } from './commands/outcomes.js';
import { patients } from './commands/patients.js';
import { summary, type SummaryOptions } from './commands/summary.js';
import { claims, type ClaimsOptions } from './commands/claims.js';
import { treatments } from './commands/treatments.js';
import { METRICS, value, type ValueOptions } from './commands/value.js';
import { addMetaOptions, meta, type MetaCommandOptions } from './commands/meta.js';
import { addCiteFormat, cite, type CiteOptions } from './commands/cite.js';
import { StatsInputError } from './core/stats/index.js';
import { studies, type StudiesOptions } from './commands/studies.js';
import { validate, type ValidateOptions } from './commands/validate.js';
import { schema, type SchemaOptions } from './commands/schema.js';
import { render, type RenderOptions } from './commands/render.js';
import { registerClinic } from './commands/clinic.js';
import { BLOCK_COMMANDS } from './core/blocks.js';
import { registerPlot } from './commands/plot.js';
import { TABLES } from './core/schema.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import type { Io } from './io/io.js';
import { VERSION } from './io/version.js';
import { registerCompletion } from './commands/completion.js';

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
  'acu-evidence summary',
  'acu-evidence studies --where "condition=low-back-pain" --format markdown',
  'acu-evidence patients --where "review=vickers-2018"',
  'acu-evidence outcomes --vs sham --group-by condition',
  'acu-evidence value patients --where "review=vickers-2018"',
  'acu-evidence validate',
])}`;

const RENDER_HELP = `
A block is an HTML comment naming a command and its options as key=value (repeat a key to repeat
the option; a switch stands alone), the generated text, and a closing comment:

  <!-- acu-evidence studies where="condition=low-back-pain" columns=study_id,year -->
  ...table...
  <!-- /acu-evidence -->
  We pooled <!-- acu-evidence value patients where="review=vickers-2018" -->6,060<!-- /acu-evidence --> patients.

Blocks run ${Object.keys(BLOCK_COMMANDS).join(', ')} with their query and
format options only (Markdown unless format= says otherwise); output options, render and anything
unknown are refused (exit 2). data= paths resolve from the document and must stay inside its
folder (or name the bundled data). Warnings of the command are printed as file:line: warning: and
written into the document: under a table as a list, after an inline value in brackets (note=none
drops them from the text). Put a word before an inline block on its line: a line that starts with a
comment is an HTML block in CommonMark. The old form (--where ...) is read with a warning;
--upgrade rewrites it. Markers inside code fences are ignored; an unchanged file is not rewritten;
a file with a failing block is left as it was (exit 2).
${examples([
  'acu-evidence render docs/acupuncture-back-pain.md',
  'acu-evidence render --check docs/*.md README.md',
  'acu-evidence render --check --diff docs/acupuncture-back-pain.md',
  'acu-evidence render --upgrade --diff README.md',
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

  const summaryCommand = program
    .command('summary')
    .description(
      'Per review (or --group-by field): studies and patients against what the review reports, sessions, positive-outcome ratio, serious adverse events.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence summary',
        'acu-evidence summary --where "condition=low-back-pain" --format markdown',
        'acu-evidence summary --group-by condition',
        'acu-evidence summary --where "review=ji-2015"',
        'acu-evidence summary --json',
      ]),
    );
  addListOptions(addIntervalOptions(addCommonOptions(summaryCommand))).action((options: SummaryOptions) =>
    summary(options, io),
  );

  const patientsCommand = program
    .command('patients')
    .description(
      'Studies and randomised patients per group (default: per review), each study counted once, beside what each review itself reports.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence patients',
        'acu-evidence patients --where "condition=low-back-pain"',
        'acu-evidence patients --where "condition=sciatica"',
        'acu-evidence patients --group-by review_verified',
        'acu-evidence patients --group-by condition --format markdown',
      ]),
    );
  addListOptions(addCommonOptions(patientsCommand)).action((options: CommonOptions) => patients(options, io));

  const treatmentsCommand = program
    .command('treatments')
    .description(
      'Planned sessions per patient (range; mean and median of per-study midpoints), weeks of treatment, longest follow-up.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence treatments',
        'acu-evidence treatments --where "condition=low-back-pain" --group-by review',
        'acu-evidence treatments --group-by condition --format markdown',
      ]),
    );
  addListOptions(addCommonOptions(treatmentsCommand)).action((options: CommonOptions) => treatments(options, io));

  const outcomesCommand = program
    .command('outcomes')
    .description(
      'Positive-outcome ratio: studies whose primary result favours acupuncture over the studies with a known result, with a confidence interval.',
    )
    .option('--by-study', 'list each study, its results and whether it counts as positive')
    .addHelpText(
      'after',
      examples([
        'acu-evidence outcomes',
        'acu-evidence outcomes --vs sham --where "condition=low-back-pain"',
        'acu-evidence outcomes --vs any',
        'acu-evidence outcomes --vs usual-care --method exact --level 90',
        'acu-evidence outcomes --group-by condition',
        'acu-evidence outcomes --by-study --where "review=vickers-2018"',
      ]),
    );
  addListOptions(
    addComparatorOption(addIntervalOptions(addCommonOptions(outcomesCommand)), { sideBySide: true }),
  ).action((options: OutcomesOptions) => outcomes(options, io));

  const aeCommand = program
    .command('adverse-events')
    .description(
      'Adverse-event rates per patient (and per session) with confidence intervals; serious and non-serious apart (default grouping); --by-event for one row per event.',
    )
    .option('--by-event', 'one row per event type, with published rates and ranges as printed')
    .addHelpText(
      'after',
      examples([
        'acu-evidence adverse-events',
        'acu-evidence adverse-events --by-event',
        'acu-evidence adverse-events --where "acupuncture_arm=yes" --where "serious=yes"',
        'acu-evidence adverse-events --where "study_id=ternov-2001" --by-event --method exact',
        'acu-evidence adverse-events --group-by study_id --where "serious=no"',
      ]),
    );
  addListOptions(addIntervalOptions(addCommonOptions(aeCommand))).action((options: AdverseEventsOptions) =>
    adverseEvents(options, io),
  );

  const metaCommand = program
    .command('meta')
    .description(
      'Pool effects the way R metafor does: outcomes rows (2x2 arms, means and SDs, or a reported effect with its CI) or adverse-events rows (single proportions); a forest plot in the terminal.',
    )
    .addHelpText(
      'after',
      `
Rows come from outcomes.csv (RR, OR, RD, MD, SMD) or adverse-events.csv (PLO, PR, PFT, PAS): arm
counts (or counts derived from printed percentages), means with SDs, or a reported effect of the
same measure with its 95% CI, or with its SE on the analysis scale in effect_se (generic inverse
variance, as rma(yi, sei = ...)), turned into yi/vi on the analysis scale. Rows that cannot enter are
listed on stderr. A researcher's CSV with only study_id,events_treatment,n_treatment,events_control,
n_control (or the mean/sd/n columns, or study_id,patients_with_event,patients_exposed) works too.
Incidence rates (IRR, IRD) read episodes_ and persontime_treatment/_control; one arm's mean (MN,
MNLN) mean_, sd_, n_treatment; ROM both arms' means; a pre/post change (SMCR, SMCC) mean_treatment
(later), mean_baseline_treatment, sd_baseline_treatment (and sd_treatment for SMCC),
r_baseline_treatment and n_treatment; COR and ZCOR correlation and n_treatment. Columns of your own
(x_weeks) can be moderators for --mods.
${examples([
  'acu-evidence meta --where "comparison=acupuncture vs sham" --measure RR',
  'acu-evidence meta --where "comparison=acupuncture vs sham" --where "timepoint=6 months,after treatment (8 weeks)" --measure RD --method DL --test knha',
  'acu-evidence meta --measure OR --method MH --where "comparator_type=sham,placebo" --where "timepoint=6 months,1 month,after treatment (8 weeks)"',
  'acu-evidence meta --measure OR --method MH --where "comparator_type=sham,placebo" --where "timepoint=6 months,1 month,after treatment (8 weeks)" --leave-one-out --cumulative',
  'acu-evidence meta --where "comparison=acupuncture vs sham" --measure RR --mods year',
  'acu-evidence meta --where "comparison=acupuncture vs sham" --measure RR --method SJ --test knha',
  'acu-evidence meta --data my-trials.csv --measure SMD --mods x_weeks,x_style --test knha',
  'acu-evidence meta --where "comparison=acupuncture vs sham" --measure RR --trimfill R0 --ranktest --failsafe',
  'acu-evidence meta --data my-rates.csv --measure IRR --cumulative',
  'acu-evidence meta --data my-clinic.csv --measure SMCR',
  'acu-evidence meta --measure PLO --where "serious=yes"',
  'acu-evidence meta --where "comparison=acupuncture vs sham" --measure RR --format markdown',
  'acu-evidence meta --data my-trials.csv --measure OR --leave-one-out --egger',
])}`,
    );
  addMetaOptions(addCommonOptions(metaCommand, { totals: false })).action((options: MetaCommandOptions) =>
    meta(options, io),
  );

  const valueCommand = program
    .command('value')
    .argument('<metric>', `one of: ${METRICS.join(', ')}`)
    .description('One number (with --json: its interval and coverage), for sentences and scripts.')
    .addHelpText(
      'after',
      `
Metrics read one table: studies, patients, sessions-*, follow-up-months-max and positive-* read
studies.csv; reported-* reviews.csv; event-proportion outcomes.csv; ae-* adverse-events.csv;
pooled-* pooled.csv; distribution-count distributions.csv; clinic-improved a clinic's own
records (clinic-records, see acu-evidence clinic --help). --where takes that table's fields.
${examples([
  'acu-evidence value reported-patients --where "review_id=vickers-2018"',
  'acu-evidence value patients --where "review=vickers-2018"',
  'acu-evidence value event-proportion --where "study_id=soliday-2018" --json',
  'acu-evidence value positive-ratio --vs sham --where "condition=low-back-pain"',
  'acu-evidence value ae-rate --where "study_id=ternov-2001" --where "event~premature" --method exact',
  'acu-evidence value distribution-count --where "characteristic~Maximum number of sessions" --where "range_low>15"',
])}`,
    );
  addComparatorOption(addIntervalOptions(addCommonOptions(valueCommand, { groupBy: false }))).action(
    (metric: string, options: ValueOptions) => value(metric, options, io),
  );

  const claimsCommand = program
    .command('claims')
    .description(
      'Check each claim (claims.csv): recompute its metric with its filter; verdict supported, contradicted or not checkable, with the sources.',
    )
    .option('--strict', 'exit 1 when any claim is contradicted')
    .option('--long', "the claim's text, the whole reason and every source (CSV and JSON always have them)")
    .addHelpText(
      'after',
      examples([
        'acu-evidence claims',
        'acu-evidence claims --long --where "claim_id=vickers-patients"',
        'acu-evidence claims --where "metric=reported-patients,reported-studies"',
        'acu-evidence claims --format markdown --output claims.md',
        'acu-evidence claims --strict',
        'acu-evidence claims --data my-post-claims.csv',
      ]),
    );
  addListOptions(addComparatorOption(addIntervalOptions(addCommonOptions(claimsCommand, { groupBy: false })))).action(
    (options: ClaimsOptions) => claims(options, io),
  );

  const citeCommand = program
    .command('cite')
    .description(
      'References of the selected studies (and of the reviews a --where review=... names), de-duplicated: a Vancouver list in Markdown, or BibTeX.',
    )
    .addHelpText(
      'after',
      examples([
        'acu-evidence cite --where "review=vickers-2018"',
        'acu-evidence cite --where "condition=low-back-pain" --format bibtex',
        'acu-evidence cite --where "study_id=haake-2007,brinkhaus-2006"',
      ]),
    );
  addCommonOptions(addCiteFormat(citeCommand), { groupBy: false, format: false }).action((options: CiteOptions) =>
    cite(options, io),
  );

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
      examples([
        'acu-evidence validate',
        'acu-evidence validate --data data/ my-outcomes.csv',
        'cat my.csv | acu-evidence validate --data -',
        'acu-evidence validate --strict',
      ]),
    );
  validateCommand.option(
    '--strict',
    'exit 1 when a row cites no DOI, PMID or PMCID, or only a mirror (see data/README.md)',
  );
  addListOptions(addCommonOptions(validateCommand, { groupBy: false })).action((options: ValidateOptions) =>
    validate(options, io),
  );

  const schemaCommand = program
    .command('schema')
    .argument('[table]', 'a table to describe column by column')
    .description('Describe the data model: the tables, the columns of one table, or the vocabularies.')
    .option('--vocabularies', 'list the controlled vocabularies')
    .addHelpText(
      'after',
      examples([
        'acu-evidence schema',
        'acu-evidence schema outcomes',
        'acu-evidence schema --vocabularies',
        'acu-evidence schema studies --format markdown',
      ]),
    );
  addListOptions(addOutputOptions(schemaCommand)).action((table: string | undefined, options: SchemaOptions) =>
    schema(table, options, io),
  );

  program
    .command('render')
    .argument('<files...>', 'Markdown files with evidence blocks')
    .description(
      'Regenerate the evidence blocks (<!-- acu-evidence ... --> ... <!-- /acu-evidence -->) of Markdown files.',
    )
    .option('--check', 'write nothing; list stale blocks as file:line with old → new, exit 1 if any')
    .option('--diff', 'write nothing; print a unified diff of what would change (with --check: exit 1 if any)')
    .option('--strict', 'exit 1 when any block has a warning (a caveat of its command, an old marker)')
    .option('--upgrade', 'rewrite old markers (with --options) to the key=value form, then render')
    .option('-q, --quiet', 'no notes on stderr')
    .option('--verbose', "also print each block's notes as file:line: note: ...")
    .addHelpText('after', RENDER_HELP)
    .action((files: string[], options: RenderOptions) => render(files, options, io, run));

  registerClinic(program, io);
  registerCompletion(program, io);
  registerImport(program, io);
  registerInit(program, io);
  registerPlot(program, io);

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
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}
