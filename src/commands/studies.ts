/** `studies`: the selected studies, one per row, or counted per group. */
import type { Command } from 'commander';
import { examples } from './examples.js';
import { byGroup, countPatients } from '../core/evidence/aggregate.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import { parseColumns, parseLimit, parseSort, sortRows } from '../core/evidence/query.js';
import type { Row } from '../core/evidence/table.js';
import type { Io } from '../io/io.js';
import { kindOfColumn } from '../render/format.js';
import type { ReportColumn } from '../render/report.js';
import { addCommonOptions, addListOptions, type CommonOptions, type ListOptions } from './options.js';
import {
  runSelection,
  type GroupedResult,
  type RowsResult,
  type Selection,
  type SelectionCommand,
} from './selection.js';

export type StudiesOptions = CommonOptions & ListOptions;

/** Which default columns a narrow terminal keeps longest (see ReportColumn.priority). */
const PRIORITY: Record<string, number> = {
  study_id: 0,
  year: 1,
  condition: 2,
  n_randomised: 3,
  result_vs_sham: 4,
  result_vs_usual_care: 5,
  review: 6,
  sessions_min: 7,
  sessions_max: 7,
  design: 8,
};

/** What a terminal or a Markdown page shows by default; CSV and JSON carry every column. */
const DEFAULT_COLUMNS = [
  'study_id',
  'year',
  'condition',
  'design',
  'n_randomised',
  'sessions_min',
  'sessions_max',
  'result_vs_sham',
  'result_vs_usual_care',
  'review',
];

/** Per group: how many studies and patients. */
function counts(rows: readonly Row[], field: string): GroupedResult {
  const count = (selected: readonly Row[]) => {
    const { studies, patients, studies_without_n } = countPatients(selected);
    return { studies, patients, studies_without_n };
  };
  const columns: ReportColumn[] = [
    { key: 'studies', kind: 'integer' },
    { key: 'patients', kind: 'integer' },
    { key: 'studies_without_n', kind: 'integer' },
  ];
  return {
    columns,
    grouped: byGroup(rows, field, count),
    notes: [
      'patients: sum of n_randomised over the studies that report it; a study in several groups counts once in the total.',
    ],
  };
}

/** The selected studies, sorted, cut and narrowed on the schema's fields (any field, shown or not). */
function listing({ options, dataset, rows: matching, machine }: Selection<StudiesOptions>): RowsResult {
  const fields = fieldsOf('studies');
  let rows = matching;
  if (options.sort !== undefined) rows = sortRows(rows, parseSort(options.sort, fields));
  const matched = rows.length;
  if (options.limit !== undefined) rows = rows.slice(0, parseLimit(options.limit));

  const names =
    options.columns !== undefined
      ? parseColumns(options.columns, fields)
      : machine
        ? fields.map((f) => f.name)
        : DEFAULT_COLUMNS;
  const columns: ReportColumn[] = names.map((name) => {
    const field = fields.find((f) => f.name === name);
    const priority = PRIORITY[name];
    return { key: name, kind: field ? kindOfColumn(field) : 'text', ...(priority === undefined ? {} : { priority }) };
  });
  const selected = rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])));
  const all = dataset.studies?.rows.length ?? 0;
  const notes = [`${matched} of ${all} studies match${rows.length < matched ? `; showing ${rows.length}` : ''}.`];
  return { columns, rows: selected, notes, json: { count: matched, rows: selected }, listed: true };
}

/** The selected studies one per row, or counted per --group-by field. */
export const studies: SelectionCommand<StudiesOptions> = {
  command: 'studies',
  table: 'studies',
  compute: (selection) =>
    selection.field === undefined ? listing(selection) : counts(selection.rows, selection.field),
};

/** Declares `studies`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
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
  addListOptions(addCommonOptions(studiesCommand)).action((options: StudiesOptions) =>
    runSelection(studies, options, io),
  );
}
