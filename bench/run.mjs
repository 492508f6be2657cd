// npm run bench: REML meta-analysis at k = 1,000 / 100,000 / 1,000,000 simulated studies, against a
// baseline measured in the same run (one inverse-variance pass over the same arrays), plus CLI
// start-up against a bare `node -e 0`. Prints medians and ratios; asserts nothing.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
// Seeded, so every run pools the same studies.
import { generate, random } from './generate.mjs';
import { compareWithDuckdb } from './duckdb.mjs';

const out = path.join(mkdtempSync(path.join(tmpdir(), 'acu-bench-')), 'stats.mjs');
await build({
  entryPoints: ['src/core/stats/index.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const stats = await import(pathToFileURL(out).href);

function simulate(k, seed = 42) {
  const u = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    vi[i] = 0.01 + 0.49 * u();
    yi[i] = 0.3 + Math.sqrt(0.1 + vi[i]) * normal();
  }
  return { yi, vi };
}

/** Baseline: the inverse-variance common effect, a single pass; any O(k) model costs a few of these. */
function baseline(yi, vi) {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < yi.length; i++) {
    const w = 1 / vi[i];
    sw += w;
    swy += w * yi[i];
  }
  return swy / sw;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, runs) {
  fn(); // warm-up
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(9);
console.log('REML random-effects meta-analysis (this machine, one core), median of runs:\n');
console.log('        k   baseline ms   REML ms  REML+tau2 CI ms   REML / baseline');
for (const [k, runs] of [
  [1_000, 50],
  [100_000, 15],
  [1_000_000, 5],
]) {
  const { yi, vi } = simulate(k);
  const base = time(() => baseline(yi, vi), runs);
  const reml = time(() => stats.rma(yi, vi, { method: 'REML', tau2CI: false }), runs);
  const full = time(() => stats.rma(yi, vi, { method: 'REML' }), runs);
  console.log(
    `${String(k).padStart(9)}  ${fmt(base)}     ${fmt(reml)}  ${fmt(full)}        ${(reml / base).toFixed(1).padStart(8)}×`,
  );
}

/**
 * CPU time (user + system) of one process, in ms: bash's `times` reports its children's, to the
 * millisecond. CPU time, not wall time, so that other work on the machine counts less.
 */
function cpuOnce(args, env) {
  const out = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null 2>&1; times', process.execPath, ...args], {
    encoding: 'utf8',
    env,
  }).stdout;
  const children = out.trim().split('\n')[1] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return (seconds[0] + seconds[1]) * 1000;
}

function startup(args, env, runs = 15) {
  const times = [];
  for (let r = 0; r < runs + 2; r++) {
    const t = cpuOnce(args, env);
    if (r >= 2) times.push(t);
  }
  return median(times);
}

// This machine sets NODE_EXTRA_CA_CERTS, a CA bundle Node parses at every start: measured with and without.
const withCa = { ...process.env };
const withoutCa = { ...process.env };
delete withoutCa.NODE_EXTRA_CA_CERTS;
console.log('\nStart-up, CPU time (user + system), median of 15 runs, goals: --version ≤ 1.5×, summary ≤ 2.0×:');
for (const [label, env] of [
  ['without NODE_EXTRA_CA_CERTS', withoutCa],
  ...(process.env.NODE_EXTRA_CA_CERTS ? [['with NODE_EXTRA_CA_CERTS', withCa]] : []),
]) {
  const bare = startup(['-e', '0'], env);
  const version = startup(['bin/acu-evidence.js', '--version'], env);
  const summary = startup(['bin/acu-evidence.js', 'summary', '--quiet'], env);
  console.log(`  ${label}:`);
  console.log(`    node -e 0                      ${fmt(bare)} ms   1.00×`);
  console.log(`    acu-evidence --version         ${fmt(version)} ms   ${(version / bare).toFixed(2)}×`);
  console.log(`    acu-evidence summary (bundled) ${fmt(summary)} ms   ${(summary / bare).toFixed(2)}×`);
}

// End to end through the built CLI on a generated file (bench/generate.mjs; BENCH_ROWS to change the
// size, default 100,000 study rows): CPU seconds (user + system) and peak memory of the child.
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const file = path.join(path.dirname(out), `studies-${rows}.csv`);
await generate('studies', rows, file);
const meansFile = path.join(path.dirname(out), `means-${rows}.csv`);
await generate('means', rows, meansFile);
function endToEnd(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, 'bin/acu-evidence.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: withoutCa,
  });
  const wall = performance.now() - t0;
  const [user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user ?? NaN) + (sys ?? NaN), mb: (kb ?? NaN) / 1024, code: r.status };
}
// The default printout, the forest, written with -o as a user would keep it.
const forest = path.join(path.dirname(out), 'forest.txt');
console.log(
  `\nCLI end to end on ${rows.toLocaleString('en')} study rows (one run each; goal at 10^6: ≤ 10 s CPU, ≤ 1 GB):`,
);
for (const [name, args] of [
  ['validate', ['validate', '--data', file]],
  ['meta --measure OR (forest)', ['meta', '--data', file, '--measure', 'OR', '-o', forest]],
  ['meta --measure OR --format markdown', ['meta', '--data', file, '--measure', 'OR', '--format', 'markdown']],
  ['meta --measure OR --format csv', ['meta', '--data', file, '--measure', 'OR', '--format', 'csv']],
  ['meta --measure OR --json', ['meta', '--data', file, '--measure', 'OR', '--json']],
  // Mantel-Haenszel pools 2×2 tables, not effects: always the general pipeline (no fast lane).
  [
    'meta --measure OR --method MH --format csv',
    ['meta', '--data', file, '--measure', 'OR', '--method', 'MH', '--format', 'csv'],
  ],
  ['meta --measure SMD --format csv (means)', ['meta', '--data', meansFile, '--measure', 'SMD', '--format', 'csv']],
]) {
  const r = endToEnd(args);
  console.log(
    `  ${name.padEnd(36)} ${(r.wall / 1000).toFixed(1).padStart(6)} s wall ${r.cpu.toFixed(1).padStart(6)} s CPU ${r.mb.toFixed(0).padStart(6)} MB  exit ${r.code}`,
  );
}

// Against DuckDB doing the same work in SQL on the same files (bench/duckdb.mjs; BENCH_PATIENTS for
// the patient-level sizes, default 1,000,000).
await compareWithDuckdb({ studyFile: file, studyRows: rows, dir: path.dirname(out) });
