// `plot` through the built binary: the plot bundle (dist/plot.js) loads only for plot commands,
// its errors keep their exit codes, and a PNG comes out with no system fonts or libraries.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';

const BIN = `${REPO}/bin/acu-evidence.js`;
const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
// Each picture subsets the font (HarfBuzz in wasm) and may rasterise: seconds on a loaded 2-core machine.
const SLOW = 120_000;
const TMP = mkdtempSync(path.join(tmpdir(), 'acu-plot-e2e-'));

function cli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: TMP, encoding: 'utf8', env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('plot, built', { timeout: SLOW }, () => {
  it('cli.cjs holds no plot code and loads neither the plot bundle nor the picture packages to start', () => {
    const cli = readFileSync(`${REPO}/dist/cli.cjs`, 'utf8');
    expect(cli).toContain('__acuImport("./plot.js")');
    expect(cli).not.toContain('layoutForest');
    expect(readFileSync(`${REPO}/dist/plot.js`, 'utf8')).toContain('layoutForest');
    // A command other than plot, run in-process from the bundle: which modules did it load?
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const m = require(${JSON.stringify(`${REPO}/dist/cli.cjs`)});
         m.run(['summary', '--quiet'], { stdout: { write() {} }, stderr: { write() {} }, readStdin: async () => '', env: {}, cwd: process.cwd() })
          .then(() => console.log(JSON.stringify(Object.keys(require.cache))));`,
      ],
      { encoding: 'utf8', env: ENV },
    );
    expect(probe.status, probe.stderr).toBe(0);
    const loaded = JSON.parse(probe.stdout) as string[];
    expect(loaded.some((f) => /resvg|harfbuzz|subset-font|fontsource|plot\.js/.test(f))).toBe(false);
  });

  it('writes a PNG of the sham-controlled comparisons', () => {
    const out = cli([
      'plot',
      'forest',
      '--where',
      'comparison=acupuncture vs sham',
      '--measure',
      'RR',
      '-o',
      'sham.png',
      '-q',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const png = readFileSync(path.join(TMP, 'sham.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
  });

  it('usage errors from the plot bundle exit 2 with one line, not as internal errors', () => {
    const out = cli(['plot', 'forest', '--measure', 'RR', '-o', 'forest.jpg']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: -o forest\.jpg: the file name must end in \.svg or \.png/);
    const stats = cli([
      'plot',
      'forest',
      '--measure',
      'RR',
      '--method',
      'MH',
      '--group-by',
      'comparison',
      '-o',
      'f.svg',
    ]);
    expect(stats.code).toBe(2);
    expect(stats.stderr).not.toMatch(/internal error/);
  });
});
