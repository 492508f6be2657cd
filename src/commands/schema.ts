/** `schema`: the tables, their columns and the vocabularies, as the codebook in data/README.md shows them. */
import { addListOptions, addOutputOptions } from './options.js';
import type { Command } from 'commander';
import { examples } from './examples.js';
import { UsageError } from '../errors.js';
import { fieldsOf } from '../core/evidence/dataset.js';
import {
  TABLES,
  TABLE_NAMES,
  VOCABULARIES,
  type Column,
  type ColumnType,
  type TableName,
} from '../core/evidence/schema/index.js';
import { didYouMean } from '../core/text/suggest.js';
import type { Row } from '../core/evidence/table.js';
import type { Io } from '../io/io.js';
import type { Report, ReportColumn } from '../render/report.js';
import { deliver } from './context.js';
import type { OutputOptions } from './options.js';

export interface SchemaOptions extends OutputOptions {
  vocabularies?: boolean;
}

function typeName(type: ColumnType): string {
  switch (type.kind) {
    case 'boolean':
      return 'yes/no';
    case 'enum':
      return `one of ${type.vocabulary}`;
    case 'list':
      return type.vocabulary ? `;-list of ${type.vocabulary}` : ';-list';
    default:
      return type.kind;
  }
}

function columnRow(column: Column): Row {
  const notes = [
    column.required ? 'required' : null,
    column.key ? 'key' : null,
    column.derived ? 'derived' : null,
  ].filter((n) => n !== null);
  return {
    column: column.name,
    type: typeName(column.type),
    unit: column.unit ?? null,
    flags: notes.join(', ') || null,
    description: column.description,
  };
}

function tableReport(name: TableName): Report {
  // A narrow terminal keeps the description (wrapped) and gives up unit and flags first.
  const priority: Record<string, number> = { column: 0, description: 1, type: 2, flags: 3, unit: 4 };
  const columns: ReportColumn[] = ['column', 'type', 'unit', 'flags', 'description'].map((key) => ({
    key,
    kind: 'text',
    priority: priority[key] ?? 5,
  }));
  const rows = fieldsOf(name).map(columnRow);
  return { command: 'schema', filters: [], columns, rows, notes: [], json: { table: name, columns: rows } };
}

function tablesReport(): Report {
  const columns: ReportColumn[] = ['table', 'file', 'row', 'required'].map((key) => ({ key, kind: 'text' }));
  const rows = TABLES.map((t) => ({
    table: t.name,
    file: t.file,
    row: t.rowIs,
    required:
      t.columns
        .filter((c) => c.required)
        .map((c) => c.name)
        .join(', ') || null,
  }));
  return { command: 'schema', filters: [], columns, rows, notes: [], json: { tables: rows } };
}

function vocabulariesReport(): Report {
  const columns: ReportColumn[] = [
    { key: 'vocabulary', kind: 'text' },
    { key: 'values', kind: 'list' },
  ];
  const rows = Object.entries(VOCABULARIES).map(([vocabulary, values]) => ({ vocabulary, values }));
  return { command: 'schema', filters: [], columns, rows, notes: [], json: { vocabularies: VOCABULARIES } };
}

export async function schema(table: string | undefined, options: SchemaOptions, io: Io): Promise<void> {
  if (table !== undefined && !TABLE_NAMES.includes(table as TableName)) {
    throw new UsageError(
      `unknown table "${table}"${didYouMean(table, TABLE_NAMES)}; tables are ${TABLE_NAMES.join(', ')}`,
    );
  }
  const report = options.vocabularies
    ? vocabulariesReport()
    : table !== undefined
      ? tableReport(table as TableName)
      : tablesReport();
  await deliver(report, options, io);
}

/** Declares `schema`: its description, options, examples and action. */
export function register(program: Command, io: Io): void {
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
}
