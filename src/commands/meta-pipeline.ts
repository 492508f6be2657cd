/**
 * The meta-analysis pipeline that meta and plot share: its options, and load → select → compute
 * (the pooled result with the rows it used).
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import {
  metaAnalysis,
  type I2Basis,
  type MetaOptions,
  type MetaResult,
  type PoolMethod,
} from '../core/meta/analysis.js';
import { PROPORTION, effectInputs, type EffectInputs } from '../core/meta/input.js';
import { MORE } from '../core/meta/input-more.js';
import { filterRows, parseGroupBy } from '../core/evidence/query.js';
import {
  StatsInputError,
  type Measure,
  type PredictionIntervalType,
  type TestType,
  type ZeroCellTarget,
} from '../core/stats/index.js';
import { isList, type Dataset, type Row } from '../core/evidence/table.js';
import { analysisSettingsFor } from '../core/meta/revman-settings.js';
import type { Io } from '../io/io.js';
import { moderatorCells } from './meta-mods.js';
import { conditionsFor, loadEnriched, requireTable } from './context.js';
import { parseLevel, type CommonOptions } from './options.js';
import { addPatientOutcomeOption, patientOptions, type PatientOutcomeOption } from './patient-options.js';

const MEASURES: readonly Measure[] = ['RR', 'OR', 'RD', 'MD', 'SMD', 'PLO', 'PR', 'PFT', 'PAS', ...MORE];
const METHODS: readonly PoolMethod[] = ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'HS', 'SJ', 'EB', 'MH', 'Peto'];

export interface MetaCommandOptions extends CommonOptions, PatientOutcomeOption {
  measure: Measure;
  method: PoolMethod;
  test: TestType;
  level: string;
  pi?: 'z' | 't' | 'riley';
  i2: I2Basis;
  add?: string;
  to?: ZeroCellTarget;
  drop00?: boolean;
  leaveOneOut?: boolean;
  cumulative?: string | boolean;
  egger?: boolean;
  mods?: string;
  trimfill?: 'L0' | 'R0' | boolean;
  ranktest?: boolean;
  failsafe?: boolean;
  /** The options the user gave on the command line; with it, an imported analysis pools with RevMan's settings. */
  given?: ReadonlySet<RevmanOption>;
  /** Set from RevMan's settings only (random-effects Mantel-Haenszel): Q about the MH estimate. */
  qAbout?: 'MH';
}

const REVMAN_OPTIONS = ['measure', 'method', 'level', 'i2'] as const;
type RevmanOption = (typeof REVMAN_OPTIONS)[number];

/** Which of the options RevMan's settings may fill did the user give (not commander's defaults)? */
export function givenOptions(command: Command): ReadonlySet<RevmanOption> {
  return new Set(
    REVMAN_OPTIONS.filter((name) => {
      const source = command.getOptionValueSource(name);
      return source !== undefined && source !== 'default';
    }),
  );
}

/** RevMan's settings (analyses.csv) for the options the user left unset, when the rows are one imported analysis. */
function withRevmanSettings(
  options: MetaCommandOptions,
  dataset: Dataset,
): { options: MetaCommandOptions; notes: string[]; chose?: string } {
  const analyses = dataset.analyses;
  const outcomes = dataset.outcomes;
  if (!options.given || !analyses || !outcomes) return { options, notes: [] };
  // RevMan's analyses are outcomes rows; a proportion measure reads adverse events.
  if (options.given.has('measure') && PROPORTION.includes(options.measure)) return { options, notes: [] };
  let rows: readonly Row[];
  try {
    rows = filterRows(outcomes.rows, conditionsFor('outcomes', options, dataset));
  } catch (error) {
    // A filter outcomes cannot take: the pooling below reports it on the table it reads.
    if (error instanceof UsageError) return { options, notes: [] };
    throw error;
  }
  const resolved = rows.length === 0 ? null : analysisSettingsFor(rows, analyses.rows, options.given);
  if (resolved === null) return { options, notes: [] };
  return {
    options: { ...options, ...resolved.defaults },
    notes: [resolved.note],
    ...(resolved.chose === undefined ? {} : { chose: resolved.chose }),
  };
}

export function addMetaOptions(command: Command): Command {
  return addPatientOutcomeOption(command)
    .addOption(
      new Option(
        '--measure <measure>',
        'effect measure, as metafor escalc (IRR/IRD incidence rates, MN/MNLN means, ROM, SMCR/SMCC pre/post, COR/ZCOR)',
      )
        .choices(MEASURES)
        .default('RR'),
    )
    .addOption(
      new Option(
        '--method <method>',
        'model: FE (inverse variance), DL, REML, ML, PM, HE, HS, SJ, EB (random effects), MH (Mantel-Haenszel), Peto',
      )
        .choices(METHODS)
        .default('REML'),
    )
    .addOption(
      new Option('--test <test>', 'z, or knha (Hartung-Knapp, t with k-1 df)').choices(['z', 'knha']).default('z'),
    )
    .option('--level <percent>', 'confidence level, in percent', '95')
    .addOption(
      new Option(
        '--pi <type>',
        'prediction interval: z, t (k-1 df) or riley (k-2 df); default as metafor (z, or t under knha)',
      ).choices(['z', 't', 'riley']),
    )
    .addOption(
      new Option('--i2 <basis>', 'I² from tau2 (metafor) or from q (RevMan 5, meta)')
        .choices(['tau2', 'q'])
        .default('tau2'),
    )
    .option('--add <number>', 'continuity correction added to zero cells (default 0.5; 0 for PFT, PAS)')
    .addOption(
      new Option('--to <which>', 'which tables get the correction').choices(['only0', 'all', 'if0all', 'none']),
    )
    .option('--drop00', 'leave out tables with no events (or only events) in both arms')
    .option('--leave-one-out', 'pool again without each study in turn')
    .option('--cumulative [field]', 'pool cumulatively, adding studies in the order of a numeric field (default year)')
    .option('--egger', "Egger's regression test for funnel-plot asymmetry")
    .option(
      '--mods <fields>',
      'meta-regression on these fields, comma-separated (numbers as they are, text as dummies; a CSV column of your own is named x_...)',
    )
    .addOption(
      new Option(
        '--trimfill [estimator]',
        'trim-and-fill: estimator L0 (default) or R0, the side chosen as metafor does',
      ).choices(['L0', 'R0']),
    )
    .option('--ranktest', "Begg's rank correlation test for funnel-plot asymmetry")
    .option('--failsafe', 'fail-safe N: Rosenthal, Orwin and Rosenberg');
}

function piType(options: MetaCommandOptions): PredictionIntervalType {
  if (options.pi === undefined) return 'default';
  if (options.pi === 'z') {
    if (options.test === 'knha')
      throw new UsageError(
        '--pi z cannot go with --test knha (the prediction interval then uses t with k-1 df, as in metafor); use --pi t',
      );
    return 'default';
  }
  return options.pi;
}

function parseAdd(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--add needs a number ≥ 0, got "${text}"`);
  return value;
}

/** Loads, selects and pools as `meta` does; `plot` draws the same result. */
export async function metaFor(
  given: MetaCommandOptions,
  io: Io,
): Promise<{ result: MetaResult; inputs: EffectInputs; tableName: 'outcomes' | 'adverse-events'; notes: string[] }> {
  const dataset = await loadEnriched(given, io, patientOptions(given, given.measure));
  const { options, notes, chose } = withRevmanSettings(given, dataset);
  if (chose === undefined) return pool(options, dataset, notes);
  try {
    return pool(options, dataset, notes);
  } catch (error) {
    // An error RevMan's settings led to says that analyses.csv, not the user, chose them.
    if (error instanceof UsageError) throw new UsageError(`${error.message} (${chose})`);
    if (error instanceof StatsInputError) throw new StatsInputError(`${error.message} (${chose})`);
    throw error;
  }
}

function pool(
  options: MetaCommandOptions,
  dataset: Dataset,
  notes: string[],
): { result: MetaResult; inputs: EffectInputs; tableName: 'outcomes' | 'adverse-events'; notes: string[] } {
  const tableName = PROPORTION.includes(options.measure) ? 'adverse-events' : 'outcomes';
  const rows = filterRows(requireTable(dataset, tableName).rows, conditionsFor(tableName, options, dataset));
  const add = parseAdd(options.add);
  const inputs = effectInputs(rows, options.measure, tableName, {
    ...(add === undefined ? {} : { add }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.drop00 ? { drop00: true } : {}),
  });
  if (inputs.effects.length === 0) {
    const reasons = inputs.skipped.map((s) => `${s.label}: ${s.reason}`).join('; ');
    throw new UsageError(
      `no selected ${tableName} row gives ${options.measure}${reasons ? ` (${reasons})` : ' (no row matches the filters)'}`,
    );
  }

  const fields = fieldsOf(tableName);
  let groups: string[] | undefined;
  if (options.groupBy !== undefined) {
    const field = parseGroupBy(options.groupBy, fields);
    groups = inputs.effects.map((e) => {
      const value = e.row[field] ?? null;
      if (isList(value)) {
        if (value.length > 1)
          throw new UsageError(
            `--group-by ${field}: ${e.label} has several values (${value.join(', ')}); subgroups need one value per study`,
          );
        return value[0] ?? '(none)';
      }
      return value === null ? '(unknown)' : String(value);
    });
  }
  let cumulativeOrder: number[] | undefined;
  if (options.cumulative !== undefined && options.cumulative !== false) {
    const field = parseGroupBy(options.cumulative === true ? 'year' : options.cumulative, fields);
    cumulativeOrder = inputs.effects.map((e) => {
      const value = e.row[field];
      if (typeof value !== 'number') throw new UsageError(`--cumulative ${field}: ${e.label} has no numeric ${field}`);
      return value;
    });
  }

  const moderators = options.mods === undefined ? undefined : moderatorCells(options.mods, inputs.effects, fields);
  const result = metaAnalysis(inputs, {
    ...modelOptions(options),
    ...(groups ? { groups } : {}),
    ...(cumulativeOrder ? { cumulativeOrder } : {}),
    ...(moderators ? { moderators } : {}),
  });
  return { result, inputs, tableName, notes };
}

/** The model the options ask for, without what reads fields of the rows (groups, cumulative order, moderators). */
export function modelOptions(options: MetaCommandOptions): MetaOptions {
  const add = parseAdd(options.add);
  return {
    measure: options.measure,
    method: options.method,
    test: options.test,
    level: parseLevel(options.level),
    pi: piType(options),
    i2: options.i2,
    ...(options.qAbout && options.method === 'DL' ? { qAbout: options.qAbout } : {}),
    ...(options.leaveOneOut ? { leaveOneOut: true } : {}),
    ...(options.egger ? { egger: true } : {}),
    ...(options.trimfill ? { trimfill: options.trimfill === true ? 'L0' : options.trimfill } : {}),
    ...(options.ranktest ? { ranktest: true } : {}),
    ...(options.failsafe ? { failsafe: true } : {}),
    zero: {
      ...(add === undefined ? {} : { add }),
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(options.drop00 ? { drop00: true } : {}),
    },
  };
}
