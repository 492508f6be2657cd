/**
 * `plot forest | funnel | summary`: pictures as SVG or PNG. This module only declares the
 * commands; the layout, the font and the rasteriser load (dynamic import) when a plot runs, so
 * that every other command keeps its start-up time.
 */
import { Option, type Command } from 'commander';
import { WHERE_HELP } from '../core/evidence/query.js';
import type { Io } from '../io/io.js';
import type { PictureSink } from './plot-run.js';
import { addMetaOptions, givenOptions, type MetaCommandOptions } from './meta-pipeline.js';
import { loadPlotCode, ours, type PlotModule } from './plot-loader.js';

export interface PictureOptions {
  output?: string;
  width?: string;
  scale?: string;
  title?: string;
  quiet?: boolean;
}

export interface PlotMetaOptions
  extends Omit<MetaCommandOptions, 'format' | 'json' | 'output' | 'color'>, PictureOptions {
  better?: 'higher' | 'lower';
  favours?: string;
  arms?: string;
  xlim?: string;
}

export interface PlotSummaryOptions extends PictureOptions {
  data: string[];
  where: string[];
  groupBy?: string;
  of: 'outcomes' | 'adverse-events';
  vs: 'sham' | 'usual-care' | 'any';
  method: 'wilson' | 'exact';
  level: string;
}

/** Loads the plot code and runs one of its commands. */
async function runPlot<K extends 'plotForest' | 'plotFunnel' | 'plotSummary'>(
  name: K,
  ...args: Parameters<PlotModule[K]>
): Promise<void> {
  const module = await loadPlotCode();
  const command = module[name] as (...a: typeof args) => Promise<void>;
  try {
    await command(...args);
  } catch (error) {
    throw ours(error);
  }
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const OUTPUT_HELP = `
Output: -o FILE.svg or -o FILE.png picks the format (PNG at --width pixels, or --scale times the
SVG's size, default 2). Without -o the SVG goes to stdout when it is piped or redirected; on a
terminal plot asks where to write. Text stays text (selectable, read by screen readers); the
bundled DejaVu Sans font is embedded, so pictures look the same on every machine.`;

function addPictureOptions(command: Command): Command {
  return command
    .option('-o, --output <file>', 'write the picture to FILE.svg or FILE.png (atomically); "-" writes SVG to stdout')
    .option('--width <pixels>', 'PNG width in pixels (the height follows)')
    .option('--scale <factor>', 'PNG pixels per SVG unit (default 2)')
    .option('--title <text>', 'the title over the picture (default: what is plotted)')
    .option('-q, --quiet', 'no notes on stderr');
}

function addSelection(command: Command, groupBy = true): Command {
  command
    .option('-d, --data <path...>', 'CSV files or folders to read ("-" reads stdin)', [])
    .option('-w, --where <expr>', `keep rows where ${WHERE_HELP}; repeatable, ANDed`, collect, []);
  if (groupBy) command.option('-g, --group-by <field>', 'one block per value of the field, with its own diamond');
  return command;
}

function addForestOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--better <direction>',
        'which values favour acupuncture: higher (e.g. response) or lower (e.g. pain, adverse events); labels the sides',
      ).choices(['higher', 'lower']),
    )
    .option('--favours <left,right>', 'the words under the axis, left and right of the line of no effect')
    .option('--arms <treatment,control>', 'arm names for the column headers (default: Acupuncture and the comparator)')
    .option(
      '--xlim <low,high>',
      'axis limits on the natural scale (e.g. 0.1,10 for a ratio); longer intervals get arrows',
    );
}

/**
 * Adds `plot` and its subcommands. `sink`, when given, receives each drawn picture instead of the
 * file or stdout (plotForBlock in plot-run.ts uses it for evidence blocks).
 */
export function registerPlot(program: Command, io: Io, sink?: PictureSink): void {
  const plot = program
    .command('plot')
    .description('Pictures for posts and papers: forest, funnel and summary plots as SVG or PNG.')
    .addHelpText(
      'after',
      `${OUTPUT_HELP}
${examples([
  'acu-evidence plot forest --where "comparison=acupuncture vs sham" --measure RR --better higher -o forest.svg',
  'acu-evidence plot funnel --where "comparison=acupuncture vs sham" --measure RR -o funnel.png',
  'acu-evidence plot summary -o summary.svg',
])}`,
    );

  const forest = plot
    .command('forest')
    .description(
      'Forest plot of a meta-analysis (the selection and options of meta): studies with their arms, estimates, intervals and weights, the pooled diamond, the prediction interval, heterogeneity.',
    )
    .addHelpText(
      'after',
      `${OUTPUT_HELP}
${examples([
  'acu-evidence plot forest --where "comparison=acupuncture vs sham" --measure RR --better higher -o forest.svg',
  'acu-evidence plot forest --where "comparison=acupuncture vs sham" --measure RR --better higher -o forest.png --width 1600',
  'acu-evidence plot forest --where "comparator_type=sham,placebo" --where "timepoint=6 months,1 month,after treatment (8 weeks)" --measure OR --better higher --group-by comparator_type -o subgroups.svg',
  'acu-evidence plot forest --data my-trials.csv --measure RR --method REML --better lower -o my-forest.png',
])}`,
    );
  addForestOptions(addPictureOptions(addMetaOptions(addSelection(forest)))).action(
    (options: PlotMetaOptions, command: Command) =>
      runPlot('plotForest', { ...options, given: givenOptions(command) }, io, sink),
  );

  const funnel = plot
    .command('funnel')
    .description(
      "Funnel plot: each study's effect against its standard error, with the pseudo-confidence region around the pooled estimate and Egger's test in the caption.",
    )
    .addHelpText(
      'after',
      `${OUTPUT_HELP}
${examples([
  'acu-evidence plot funnel --where "comparison=acupuncture vs sham" --measure RR -o funnel.svg',
  'acu-evidence plot funnel --data my-trials.csv --measure OR -o my-funnel.png',
])}`,
    );
  addPictureOptions(addMetaOptions(addSelection(funnel, false))).action((options: PlotMetaOptions, command: Command) =>
    runPlot('plotFunnel', { ...options, given: givenOptions(command) }, io, sink),
  );

  const summary = plot
    .command('summary')
    .description(
      'The main numbers as a chart: positive-outcome ratios with their intervals per review (or --group-by field), or adverse-event rates per event type (--of adverse-events).',
    )
    .addOption(
      new Option('--of <what>', 'positive-outcome ratios, or adverse-event rates')
        .choices(['outcomes', 'adverse-events'])
        .default('outcomes'),
    )
    .addOption(
      new Option('--vs <comparator>', 'positive-outcome ratios against sham, usual care, or any comparator')
        .choices(['sham', 'usual-care', 'any'])
        .default('any'),
    )
    .addOption(
      new Option('--method <method>', 'interval: Wilson score, or exact (Clopper-Pearson)')
        .choices(['wilson', 'exact'])
        .default('wilson'),
    )
    .option('--level <percent>', 'confidence level, in percent', '95')
    .addHelpText(
      'after',
      `${OUTPUT_HELP}
${examples([
  'acu-evidence plot summary -o summary.svg',
  'acu-evidence plot summary --vs sham --group-by condition -o sham.png',
  'acu-evidence plot summary --of adverse-events --where "serious=no" -o adverse-events.svg',
])}`,
    );
  addPictureOptions(addSelection(summary)).action((options: PlotSummaryOptions) =>
    runPlot('plotSummary', options, io, sink),
  );

  // Subcommands need the same exit and output handling that cli.ts gives top-level commands.
  for (const command of plot.commands) {
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
      .showHelpAfterError(`(add --help for usage of plot ${command.name()})`);
  }
}

/** The command line's name for registerPlot (see command.ts). */
export const register = (program: Command, io: Io): void => registerPlot(program, io);
