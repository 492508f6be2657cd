/**
 * A `commands` block: README's table of commands comes from the commands' declarations, so that
 * `render --check` fails when a command is added, renamed or described anew without the document.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/** The commands of `acu-evidence --help`, each with its summary unwrapped: what the table must hold. */
async function helpCommands(): Promise<{ name: string; summary: string }[]> {
  const { stdout } = await runCli(['--help']);
  const section = stdout.slice(stdout.indexOf('Commands:\n') + 'Commands:\n'.length).split('\n\n')[0] ?? '';
  const out: { name: string; summary: string }[] = [];
  for (const line of section.split('\n')) {
    const entry = /^ {2}(\S+)(?: [[<][^ ]*[\]>])*\s{2,}(.*)$/.exec(line);
    if (entry) out.push({ name: entry[1] ?? '', summary: entry[2] ?? '' });
    else if (out.length > 0) out[out.length - 1]!.summary += ` ${line.trim()}`;
  }
  return out.filter((c) => c.name !== 'help');
}

async function doc(content: string): Promise<string> {
  // A folder with no data in it: the block reads no file.
  const dir = await mkdtemp(path.join(tmpdir(), 'acu-commands-'));
  const file = path.join(dir, 'README.md');
  await writeFile(file, content);
  return file;
}

const BLOCK = '# Tool\n\n<!-- acu-evidence commands -->\n<!-- /acu-evidence -->\n';

describe('a commands block', () => {
  it('holds one row per command, in the order and with the summary help lists', async () => {
    const file = await doc(BLOCK);
    const out = await runCli(['render', file]);
    expect(out.code, out.stderr).toBe(0);
    const text = await readFile(file, 'utf8');
    const rows = [...text.matchAll(/^\| `([^`]*)` \| (.*) \|$/gm)].map((m) => ({
      usage: (m[1] ?? '').replace(/\\\|/g, '|'),
      summary: m[2] ?? '',
    }));
    const listed = await helpCommands();
    expect(listed.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.usage.split(' ')[0])).toEqual(listed.map((c) => c.name));
    expect(rows.map((r) => r.summary)).toEqual(listed.map((c) => c.summary));
    expect(text).toContain('| command | what it does |\n|---|---|\n| `summary` | ');
    // Arguments as the usage line names them; a pipe in a cell is escaped.
    expect(rows.map((r) => r.usage)).toEqual(
      expect.arrayContaining(['value <metric>', 'schema [table]', 'render <files...>', 'plot forest|funnel|summary']),
    );
    expect(text).toContain('| `plot forest\\|funnel\\|summary` |');
    expect((await runCli(['render', '--check', file])).code).toBe(0);
  });

  it('is stale under --check when a command is missing from it (a command added without the README)', async () => {
    const file = await doc(BLOCK);
    await runCli(['render', file]);
    const full = await readFile(file, 'utf8');
    const without = full.replace(/^\| `init \[folder\]` \|.*\n/m, '');
    expect(without).not.toBe(full);
    await writeFile(file, without);
    const out = await runCli(['render', '--check', file]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${file}:3: stale block "acu-evidence commands"`);
    expect(await readFile(file, 'utf8')).toBe(without);
  });
});
