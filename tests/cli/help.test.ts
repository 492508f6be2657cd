import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const COMMANDS = [
  'summary',
  'studies',
  'patients',
  'treatments',
  'outcomes',
  'adverse-events',
  'meta',
  'value',
  'claims',
  'cite',
  'validate',
  'schema',
  'render',
  'clinic',
  'import',
  'init',
];

describe('help and version', () => {
  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it.each(COMMANDS)('%s --help lists its options and runnable examples', async (command) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: acu-evidence ${command}`);
    if (!['schema', 'render', 'import', 'init'].includes(command)) expect(stdout).toMatch(/--where <expr>/);
    expect(stdout).toMatch(/Examples:\n {2}\$ acu-evidence /);
  });

  it.each(COMMANDS)('every example of %s --help runs as printed', async (command) => {
    const { stdout } = await runCli([command, '--help']);
    // Examples that read stdin, a user's file or rewrite a file are shown, not run.
    const examples = stdout
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('  $ acu-evidence ') &&
          !l.includes('|') &&
          !l.includes('my') &&
          !l.includes('*') &&
          !(l.includes(' render ') && !l.includes('--check') && !l.includes('--diff')),
      );
    expect(examples.length).toBeGreaterThan(0);
    // Examples that write under /tmp write under a folder of this run instead, so two runs at once
    // (or a folder left by an older version) cannot meet; the examples of one command share it.
    const tmp = mkdtempSync(path.join(tmpdir(), `acu-help-${command}-`));
    for (const example of examples) {
      const argv = [...example.replace('  $ acu-evidence ', '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
        (m[1] ?? m[2] ?? '').replace(/^\/tmp\//, `${tmp}/`),
      );
      const out = argv.includes('--output') ? argv.slice(0, argv.indexOf('--output')) : argv;
      const { code, stderr } = await runCli(out);
      expect(code, `${example}\n${stderr}`).toBe(0);
    }
  });

  it('without a command prints help on stderr and exits 2', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: acu-evidence');
  });

  it('rejects an unknown command with a suggestion', async () => {
    const { code, stderr } = await runCli(['studeis']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command 'studeis'\n\(Did you mean studies\?\)/);
  });
});
