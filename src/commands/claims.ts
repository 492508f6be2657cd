/** `claims`: recompute every claim's metric with its filter and give a verdict. */
import type { Command } from 'commander';
import { examples } from './examples.js';
import { checkClaims, type ClaimResult } from '../core/claims/claims.js';
import { enrich } from '../core/evidence/dataset.js';
import type { Io } from '../io/io.js';
import { loadDataset } from '../io/load.js';
import { claimReason, claimReasonShort, claimedText, computedText } from '../render/notes.js';
import { shortCitations, type Citer } from '../core/references/short-citation.js';
import type { ReportColumn } from '../render/report.js';
import { requireTable } from './context.js';
import { runSelection, type Loaded, type SelectionCommand } from './selection.js';
import {
  addCommonOptions,
  addComparatorOption,
  addIntervalOptions,
  addListOptions,
  parseLevel,
  type CommonOptions,
  type ComparatorOptions,
  type IntervalOptions,
  type ListOptions,
} from './options.js';

export type ClaimsOptions = CommonOptions &
  ListOptions &
  IntervalOptions &
  ComparatorOptions & { strict?: boolean; long?: boolean };

/** A compact table by default: a few words of reason, at most this many short citations. */
const COMPACT_SOURCES = 2;

const COMPACT: ReportColumn[] = [
  { key: 'claim_id', kind: 'text' },
  { key: 'verdict', kind: 'text', priority: 1 },
  { key: 'claimed', kind: 'text', priority: 2 },
  { key: 'computed', kind: 'text', priority: 3 },
  { key: 'reason', kind: 'text', priority: 4 },
  { key: 'sources', kind: 'list', priority: 5 },
];

/** --long (and CSV, JSON): the claim's text, the whole reason and every source. */
const LONG: ReportColumn[] = [
  { key: 'claim_id', kind: 'text' },
  { key: 'verdict', kind: 'text', priority: 1 },
  { key: 'claimed', kind: 'text', priority: 3 },
  { key: 'computed', kind: 'text', priority: 4 },
  { key: 'text', kind: 'text', priority: 2 },
  { key: 'reason', kind: 'text', priority: 5 },
  { key: 'sources', kind: 'list', priority: 6 },
];

/** A user's file that holds only claims is checked against the bundled evidence. */
async function evidenceFor(options: ClaimsOptions, io: Io): Promise<Loaded<undefined>> {
  const loaded = await loadDataset(options.data, io, {
    delimiter: options.delimiter,
    decimal: options.decimal,
    quiet: options.quiet,
  });
  const onlyClaims = options.data.length > 0 && Object.keys(loaded).every((name) => name === 'claims');
  if (!onlyClaims) return { dataset: enrich(loaded), extra: undefined };
  const bundled = await loadDataset([], io);
  return {
    dataset: enrich({ ...bundled, claims: loaded.claims }),
    notes: ['evidence: the bundled data/ (the files given hold only claims).'],
    extra: undefined,
  };
}

function row(result: ClaimResult, cite: Citer, long: boolean) {
  const sources = [...new Set(result.sources.map((source) => cite(source, !long)))];
  const shown =
    long || sources.length <= COMPACT_SOURCES
      ? sources
      : [...sources.slice(0, COMPACT_SOURCES), `+${sources.length - COMPACT_SOURCES} more (--long)`];
  return {
    claim_id: result.claim_id,
    verdict: result.verdict,
    claimed: claimedText(result.claimed_value, result.claimed_high, result.unit),
    computed: result.computed === null ? null : computedText(result),
    ...(long ? { text: result.text } : {}),
    reason: long ? claimReason(result) : claimReasonShort(result),
    sources: shown,
  };
}

/** Each selected claim recomputed and judged; --strict fails the run when one is contradicted. */
export const claims: SelectionCommand<ClaimsOptions> = {
  command: 'claims',
  table: 'claims',
  load: evidenceFor,
  compute: ({ options, dataset, rows, machine }) => {
    const selected = { ...dataset, claims: { ...requireTable(dataset, 'claims'), rows: [...rows] } };
    const results = checkClaims(selected, {
      vs: options.vs,
      method: options.method,
      level: parseLevel(options.level),
    });
    const count = (v: ClaimResult['verdict']) => results.filter((r) => r.verdict === v).length;
    const contradicted = count('contradicted');
    const notes = [
      `${results.length} claims: ${count('supported')} supported, ${contradicted} contradicted, ${count('not checkable')} not checkable.`,
      'supported: the recomputed value equals the claim at the precision it is printed; not checkable: the data cannot decide (reason given).',
    ];
    // Scripts get the long form; people the compact one unless they ask.
    const long = options.long === true || machine;
    const cite = shortCitations(dataset);
    return {
      columns: long ? LONG : COMPACT,
      rows: results.map((r) => row(r, cite, long)),
      notes,
      json: { claims: results.map((r) => ({ ...r, reason: claimReason(r) })) },
      ...(options.strict && contradicted > 0
        ? {
            failed: `${contradicted} claim${contradicted === 1 ? ' is' : 's are'} contradicted by the data (--strict).`,
          }
        : {}),
    };
  },
};

/** Declares `claims`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
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
    (options: ClaimsOptions) => runSelection(claims, options, io),
  );
}
