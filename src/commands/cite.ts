/** `cite`: the references behind the selected studies and the reviews a filter names. */
import { addCommonOptions } from './options.js';
import { examples } from './examples.js';
import { Option, type Command } from 'commander';
import { referencesFor, type Reference } from '../core/references/citations.js';
import { filterRows } from '../core/evidence/query.js';
import type { Io } from '../io/io.js';
import { renderBibtex, renderReferenceList, vancouver } from '../render/citations.js';
import { renderCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import type { Report } from '../render/report.js';
import { renderTableFitted } from '../render/table.js';
import { wrapHanging } from '../render/fit.js';
import { conditionsFor, deliverText, loadEnriched, requireTable, viewFor } from './context.js';
import type { CommonOptions } from './options.js';

export const CITE_FORMATS = ['markdown', 'bibtex', 'table', 'csv', 'json'] as const;
export type CiteOptions = Omit<CommonOptions, 'format'> & { format: (typeof CITE_FORMATS)[number] };

/** cite has its own --format (BibTeX is one); the other shared options are added by the caller. */
export function addCiteFormat(command: Command): Command {
  return command.addOption(
    new Option('-f, --format <format>', 'output format').choices(CITE_FORMATS).default('markdown'),
  );
}

function report(refs: readonly Reference[], filters: readonly string[]): Report {
  const rows = refs.map((r) => ({ id: r.id, kind: r.kind, reference: vancouver(r) }));
  return {
    command: 'cite',
    filters,
    columns: [
      { key: 'id', kind: 'text' },
      { key: 'kind', kind: 'text' },
      { key: 'reference', kind: 'text' },
    ],
    rows,
    notes: [],
    json: { references: refs.map((r) => ({ ...r, vancouver: vancouver(r) })) },
  };
}

export async function cite(options: CiteOptions, io: Io): Promise<void> {
  const format = options.json ? 'json' : options.format;
  const dataset = await loadEnriched({ ...options, format: 'table' }, io);
  const conditions = conditionsFor('studies', options, dataset);
  const studies = filterRows(requireTable(dataset, 'studies').rows, conditions);
  const reviewIds = conditions
    .filter((c) => (c.field === 'review' || c.field === 'review_verified') && c.op === '=')
    .flatMap((c) => c.values.map(String));
  const refs = referencesFor(dataset, reviewIds, studies);
  const { view } = viewFor({ ...options, format: 'table' }, io);
  const fitted = renderTableFitted(report(refs, options.where), view.style, view.width);
  const table = () => fitted.text;
  const text =
    format === 'markdown'
      ? wrapHanging(renderReferenceList(refs), view.width)
      : format === 'bibtex'
        ? renderBibtex(refs)
        : format === 'json'
          ? renderJson(report(refs, options.where))
          : format === 'csv'
            ? renderCsv(report(refs, options.where))
            : table();
  const notes = [
    ...refs
      .filter((r) => r.missing.length > 0)
      .map((r) => `incomplete: ${r.id} has no ${r.missing.join(', ')} in the data`),
    `${refs.length} reference${refs.length === 1 ? '' : 's'}.`,
    ...(format === 'table' ? fitted.notes : []),
  ];
  await deliverText(text, notes, { ...options, format: 'table' }, io);
}

/** Declares `cite`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
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
}
