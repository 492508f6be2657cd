/** `init [FOLDER]`: empty, commented templates of the tables a researcher fills in by hand. */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { VOCABULARIES, tableByName, type Column, type TableName } from '../core/evidence/schema/index.js';
import { bundledDataDir } from '../io/load.js';
import type { Io } from '../io/io.js';
import { notRegularFiles, writeFileAtomic } from '../io/output.js';

export interface InitOptions {
  force?: boolean;
  tables: string;
}

/** The tables a new study needs, in the order they are filled in. */
const DEFAULT_TABLES: readonly TableName[] = ['studies', 'outcomes', 'adverse-events'];
const CHOICES: readonly TableName[] = [
  'reviews',
  'review-studies',
  'studies',
  'outcomes',
  'adverse-events',
  'pooled',
  'distributions',
  'patient-records',
  'claims',
];

function describe(column: Column): string {
  const type =
    column.type.kind === 'enum'
      ? `one of: ${VOCABULARIES[column.type.vocabulary].join(', ')}`
      : column.type.kind === 'list'
        ? `a ;-separated list${column.type.vocabulary ? ` of: ${VOCABULARIES[column.type.vocabulary].join(', ')}` : ''}`
        : column.type.kind;
  const flags = [column.required ? 'required' : '', column.unit ? `unit: ${column.unit}` : '']
    .filter((f) => f !== '')
    .join(', ');
  return `#   ${column.name}: ${column.description} [${type}${flags ? `; ${flags}` : ''}]`;
}

/**
 * A template: comment lines (#) first, which the reader must skip, so they go in a separate .txt
 * beside an empty CSV holding only the header: the CSV loads as it is.
 */
export function templateOf(name: TableName, codebook: string): { csv: string; help: string } {
  const table = tableByName(name);
  const columns = table.columns.filter((c) => !c.derived);
  const help = [
    `# ${table.file}: ${table.description}`,
    `# One row per ${table.rowIs}. Leave a cell empty when the source does not give it; never estimate.`,
    '# Fill source on every row: DOI, PMID or URL, and where (abstract, Table 2, ...).',
    `# Codebook: ${codebook} (\`acu-evidence schema ${name}\` prints the same).`,
    '# Columns:',
    ...columns.map(describe),
    '',
  ].join('\n');
  return { csv: `${columns.map((c) => c.name).join(',')}\n`, help };
}

export async function init(folder: string | undefined, options: InitOptions, io: Io): Promise<void> {
  const names = options.tables.split(',').map((t) => t.trim());
  const unknown = names.filter((n) => !(CHOICES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new UsageError(`--tables: unknown table ${unknown.join(', ')}; tables are ${CHOICES.join(', ')}`);
  const target = path.resolve(io.cwd, folder ?? '.');
  const label = folder ?? '.';
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`${label} is a file, not a folder`);
  const files = (names as TableName[]).flatMap((name) => {
    const { csv, help } = templateOf(name, path.join(bundledDataDir(), 'README.md'));
    const file = tableByName(name).file;
    return [
      { file, text: csv },
      { file: file.replace(/\.csv$/, '.columns.txt'), text: help },
    ];
  });
  const existing = [];
  for (const f of files) if (await stat(path.join(target, f.file)).catch(() => undefined)) existing.push(f.file);
  if (existing.length > 0 && !options.force)
    throw new UsageError(`${label} already holds ${existing.join(', ')}; give --force to replace them`);
  const special = await notRegularFiles(files.map((f) => path.join(target, f.file)));
  if (special.length > 0) throw new UsageError(`cannot write ${label}: ${special.join(', ')}; nothing was written`);
  await mkdir(target, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot create ${label}: ${error.code ?? String(error)}`);
  });
  for (const f of files) await writeFileAtomic(path.join(target, f.file), f.text);
  io.stdout.write(
    `${files.map((f) => `wrote ${path.join(label, f.file)}`).join('\n')}\nFill in the CSV files (the .columns.txt beside each says what each column holds), then: acu-evidence validate --data ${label}\n`,
  );
}

export function register(program: Command, io: Io): void {
  program
    .command('init')
    .argument('[folder]', 'folder to write the templates to (default: the current folder)')
    .description(
      'Write empty tables (header only) with a commented column guide beside each, for adding studies by hand.',
    )
    .option('--tables <names>', `tables to write, comma-separated (of ${CHOICES.join(', ')})`, DEFAULT_TABLES.join(','))
    .option('--force', 'replace templates that already exist')
    .addHelpText(
      'after',
      `
Each table gets NAME.csv (the header only: it loads as it is) and NAME.columns.txt (every column with
its meaning, type and unit, and the codebook link). Derived columns are left out: the tool fills them.

Examples:
  $ acu-evidence init /tmp/acu-evidence-new-study --force
  $ acu-evidence init /tmp/acu-evidence-new-review --tables reviews,review-studies,studies,outcomes --force
  $ acu-evidence schema outcomes
`,
    )
    .action((folder: string | undefined, options: InitOptions) => init(folder, options, io));
}
