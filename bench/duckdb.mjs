// The DuckDB baseline of `npm run bench` (issue 12): the same generated file through the built CLI
// and through DuckDB (@duckdb/node-api, a dev dependency used only here) doing the same work in SQL.
//
// - study rows (bench/generate.mjs studies): CLI `meta --measure OR --format csv`; DuckDB read_csv,
//   per-study log odds ratio and its variance (0.5 added to the four cells of a table with a zero
//   cell, as escalc's default), then the inverse-variance pooled estimate over them.
// - patient rows (bench/generate.mjs patients): CLI `meta --measure MD --format csv`; DuckDB read_csv,
//   per study and arm n, mean and SD of followup - baseline (GROUP BY study_id), each study's mean
//   difference and its variance sd1²/n1 + sd2²/n2, then the inverse-variance pooled estimate.
//
// The CLI does more on top (start-up, its checks of every cell with file:line:column errors, REML
// with its confidence intervals, the rendered table): the ratio is the price of all of that.
// Wall time and CPU time (user + system, all threads) of each; peak RSS of the CLI process.
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';

const STUDY_SQL = (file) => `
  WITH t AS (
    SELECT *, (events_treatment = 0 OR events_control = 0 OR events_treatment = n_treatment OR events_control = n_control) AS zero
    FROM read_csv('${file}', header = true, columns = {
      'study_id': 'VARCHAR', 'events_treatment': 'INTEGER', 'n_treatment': 'INTEGER',
      'events_control': 'INTEGER', 'n_control': 'INTEGER'})
  ), cells AS (
    SELECT study_id,
      events_treatment + (CASE WHEN zero THEN 0.5 ELSE 0 END) AS a,
      n_treatment - events_treatment + (CASE WHEN zero THEN 0.5 ELSE 0 END) AS b,
      events_control + (CASE WHEN zero THEN 0.5 ELSE 0 END) AS c,
      n_control - events_control + (CASE WHEN zero THEN 0.5 ELSE 0 END) AS d
    FROM t
  ), es AS (
    SELECT ln(a * d / (b * c)) AS yi, 1 / a + 1 / b + 1 / c + 1 / d AS vi FROM cells
  )
  SELECT count(*) AS k, sum(yi / vi) / sum(1 / vi) AS estimate FROM es`;

const PATIENT_SQL = (file) => `
  WITH p AS (
    SELECT study_id, arm, followup - baseline AS change
    FROM read_csv('${file}', header = true, columns = {
      'study_id': 'VARCHAR', 'patient_id': 'VARCHAR', 'arm': 'VARCHAR', 'baseline': 'DOUBLE',
      'followup': 'DOUBLE', 'adverse_event': 'VARCHAR'})
  ), arms AS (
    SELECT study_id,
      count(change) FILTER (WHERE arm = 'treatment') AS n1, avg(change) FILTER (WHERE arm = 'treatment') AS m1,
      stddev_samp(change) FILTER (WHERE arm = 'treatment') AS s1,
      count(change) FILTER (WHERE arm = 'control') AS n2, avg(change) FILTER (WHERE arm = 'control') AS m2,
      stddev_samp(change) FILTER (WHERE arm = 'control') AS s2
    FROM p GROUP BY study_id
  ), es AS (
    SELECT m1 - m2 AS yi, s1 * s1 / n1 + s2 * s2 / n2 AS vi FROM arms WHERE n1 > 1 AND n2 > 1
  )
  SELECT count(*) AS k, sum(yi / vi) / sum(1 / vi) AS estimate FROM es`;

function cli(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, 'bin/acu-evidence.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - t0) / 1000;
  const [user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user ?? NaN) + (sys ?? NaN), mb: (kb ?? NaN) / 1024, code: r.status };
}

async function duck(sql) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = (await connection.runAndReadAll(sql)).getRowObjects();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  connection.closeSync();
  instance.closeSync();
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, k: Number(rows[0]?.k), estimate: Number(rows[0]?.estimate) };
}

function line(label, file, c, d) {
  const mb = (statSync(file).size / 1048576).toFixed(0);
  console.log(
    `  ${label.padEnd(30)} ${mb.padStart(5)} MB  CLI ${c.wall.toFixed(2).padStart(6)} s wall ${c.cpu.toFixed(2).padStart(6)} s CPU ${c.mb.toFixed(0).padStart(5)} MB (exit ${c.code})` +
      `  DuckDB (k = ${d.k}) ${d.wall.toFixed(2).padStart(5)} s wall ${d.cpu.toFixed(2).padStart(5)} s CPU` +
      `  CLI/DuckDB ${(c.wall / d.wall).toFixed(1).padStart(5)}× wall ${(c.cpu / d.cpu).toFixed(1).padStart(5)}× CPU`,
  );
}

/** Prints the comparison; sizes of the patient files from BENCH_PATIENTS (comma-separated, default 10^6). */
export async function compareWithDuckdb({ studyFile, studyRows, dir }) {
  const sizes = (process.env.BENCH_PATIENTS ?? '1000000').split(',').map(Number);
  console.log('\nCLI against DuckDB on the same generated file (one run each; DuckDB on all cores):');
  line(
    `${studyRows.toLocaleString('en')} study rows, meta OR`,
    studyFile,
    cli(['meta', '--data', studyFile, '--measure', 'OR', '--format', 'csv']),
    await duck(STUDY_SQL(studyFile)),
  );
  for (const n of sizes) {
    const file = path.join(dir, `patients-${n}.csv`);
    await generate('patients', n, file);
    line(
      `${n.toLocaleString('en')} patient rows, meta MD`,
      file,
      cli(['meta', '--data', file, '--measure', 'MD', '--format', 'csv']),
      await duck(PATIENT_SQL(file)),
    );
  }
}
