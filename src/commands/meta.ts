/** `meta`: pool outcome (or adverse-event) rows the way metafor does, with a forest plot. */
import { examples } from './examples.js';
import { Option, type Command } from 'commander';
import type { Io } from '../io/io.js';
import { renderMetaChunks } from '../render/meta.js';
import { readingRows, type MetaReading } from '../render/meta-reading.js';
import type { MetaResult } from '../core/meta/analysis.js';
import { deliverText, viewFor } from './context.js';
import { addCommonOptions } from './options.js';

import { addMetaOptions, givenOptions, metaFor, type MetaCommandOptions } from './meta-pipeline.js';
import { plainMeta } from './meta-plain.js';

interface MetaOptions extends MetaCommandOptions {
  better?: 'higher' | 'lower';
}

/** The result and what its printout reads of the rows, so that the rows need not outlive the pooling. */
function pooled(
  { result, inputs, notes }: Awaited<ReturnType<typeof metaFor>>,
  better: MetaOptions['better'],
): { result: MetaResult; reading: MetaReading; settings: string[] } {
  // The rows that entered: Mantel-Haenszel and Peto pool every 2×2 table, the others the estimable effects.
  const entered = result.method === 'MH' || result.method === 'Peto' ? inputs.tables : inputs.effects;
  const rows = readingRows(entered.map((e) => e.row));
  return { result, reading: { rows, ...(better ? { better } : {}) }, settings: notes };
}

export async function meta(options: MetaOptions, io: Io): Promise<void> {
  const plain = await plainMeta(options, io);
  // A plain file has no field a reading reads (comparison, outcome, arms): its reading is that of no rows.
  const { result, reading, settings } = plain
    ? { result: plain, reading: { rows: [], ...(options.better ? { better: options.better } : {}) }, settings: [] }
    : pooled(await metaFor(options, io), options.better);
  const { format, view } = viewFor(options, io);
  const notes = [
    ...settings,
    ...result.skipped.map((s) => `left out ${s.label}: ${s.reason}`),
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  await deliverText(
    renderMetaChunks(result, format, view.style, options.where, view.width, {
      reading,
      verbose: options.verbose === true,
    }),
    notes,
    options,
    io,
  );
}

/** Declares `meta`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
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
(x_weeks) can be moderators for --mods. On one analysis of a review read by \`import\` (--data FOLDER
--where "analysis=1.1"), what --measure, --method, --level and --i2 do not say comes from RevMan's
settings in analyses.csv, and a note says so.
A patient-level file (study_id,arm,baseline,followup,adverse_event: one row per patient, arm
treatment or control) is streamed and aggregated per study and arm first (two-stage IPD): MD and
SMD pool the change from baseline (--outcome followup: the follow-up score), RR, OR and RD the
patients with an adverse event; a patient without the value is left out of it and counted in a note.
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
  'acu-evidence meta --where "comparison=acupuncture vs sham" --where "outcome~response" --measure RR --better higher',
  'acu-evidence meta --data my-trials.csv --measure OR --leave-one-out --egger',
  'acu-evidence meta --data examples/invented-patients.csv --measure MD',
  'acu-evidence meta --data examples/invented-patients.csv --measure SMD --outcome followup',
  'acu-evidence meta --data examples/invented-patients.csv --measure RR --better lower',
])}`,
    );
  addMetaOptions(addCommonOptions(metaCommand, { totals: false }))
    .addOption(
      new Option(
        '--better <direction>',
        'which values favour acupuncture: higher (e.g. response) or lower (e.g. pain, adverse events); said under the result',
      ).choices(['higher', 'lower']),
    )
    .action((options: MetaOptions, command: Command) => meta({ ...options, given: givenOptions(command) }, io));
}
