// The built binary reads patient files with the WebAssembly scan (src/io/patient-scan.wat) when Node
// has WebAssembly, and with the JavaScript reader alone when it has not (`node --jitless`): the same
// output either way. (Expected: the binary's own output with WebAssembly, which the md5 checks of
// bench/README.md and the tests of tests/cli/patient-scan.test.ts hold to the text path.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };

function cli(nodeArgs: readonly string[], args: readonly string[]) {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd: REPO, encoding: 'utf8', env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('patient files in the built binary', () => {
  it('has a code cache of its own for meta', () => {
    expect(existsSync(`${REPO}/dist/cli.cjs.meta.cache`)).toBe(true);
  });

  it('without WebAssembly (node --jitless) reads them as with it', () => {
    for (const measure of ['MD', 'RR']) {
      const args = ['meta', '--data', 'examples/invented-patients.csv', '--measure', measure, '--format', 'csv'];
      const withWasm = cli([], args);
      const without = cli(['--jitless'], args);
      expect(withWasm.code).toBe(0);
      expect(without.code).toBe(0);
      expect(without.stdout).toBe(withWasm.stdout);
      expect(withWasm.stdout).toContain('RE model');
    }
  });
});
