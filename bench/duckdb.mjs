// The DuckDB baseline of `npm run bench` (issue 12): the same generated file through the built CLI
// and through DuckDB (@duckdb/node-api, a dev dependency used only here) doing the same work in SQL.
//
// The same work, on both sides: read the CSV; make each study's effect and its variance (study rows:
// the log odds ratio, 0.5 added to the four cells of a table with a zero cell, as escalc's default;
// patient rows: per study and arm n, mean and SD of followup - baseline, then the mean difference and
// sd1²/n1 + sd2²/n2); pool them by DerSimonian-Laird (closed form, so SQL can do it); write every
// study's row (yi, vi, 95% CI, weight, back-transformed estimate and CI) and the pooled row to a CSV
// file. The CLI runs `meta --method DL --format csv -o FILE`. The bench checks that both give the
// same k and pooled estimate with its CI (1e-9 relative), so a faster side cannot be doing less.
//
// A second line per study-level file keeps the earlier, harsher comparison: the CLI's default REML
// (with the confidence intervals of τ², I² and H²) against DuckDB computing only the one-pass
// inverse-variance estimate and writing nothing.
//
// Both sides are timed end to end from the shell, as a user runs them: the CLI with `/usr/bin/time`,
// and DuckDB in a Node process of its own (bench/duckdb-child.mjs: start-up, DuckDB's native library,
// the database made, the queries run; all threads), and DuckDB's queries alone. The goal (no slower
// than DuckDB) is judged against the queries alone, the stricter: DuckDB's start-up, about 0.6 s of CPU
// here (most of it its native library), would otherwise decide every small file.
// The CLI does more on top in every case: its checks of every cell with file:line:column errors.
// Wall time and CPU time (user + system, all threads) of each; peak RSS of the CLI process.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';

const CHILD = fileURLToPath(new URL('./duckdb-child.mjs', import.meta.url));

const Z = 1.959963984540054; // qnorm(0.975)

const STUDY_EFFECTS = (file) => `
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
  )
  SELECT study_id, ln(a * d / (b * c)) AS yi, 1 / a + 1 / b + 1 / c + 1 / d AS vi FROM cells`;

const PATIENT_EFFECTS = (file) => `
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
  )
  SELECT study_id, m1 - m2 AS yi, s1 * s1 / n1 + s2 * s2 / n2 AS vi FROM arms WHERE n1 > 1 AND n2 > 1`;

/** DerSimonian-Laird over table es(study_id, yi, vi), as metafor's rma(method = "DL"). */
const POOLED = `
  CREATE TEMP TABLE pooled AS
  WITH fe AS (
    SELECT count(*) AS k, sum(1 / vi) AS sw, sum(1 / (vi * vi)) AS sw2, sum(yi / vi) / sum(1 / vi) AS mu FROM es
  ), q AS (SELECT sum((yi - fe.mu) * (yi - fe.mu) / vi) AS q FROM es, fe),
  tau AS (SELECT greatest(0, (q.q - (fe.k - 1)) / (fe.sw - fe.sw2 / fe.sw)) AS tau2 FROM q, fe)
  SELECT fe.k, tau.tau2, sum(1 / (vi + tau.tau2)) AS sws, sum(yi / (vi + tau.tau2)) / sum(1 / (vi + tau.tau2)) AS estimate
  FROM es, fe, tau GROUP BY fe.k, tau.tau2`;

/** The CLI's CSV columns; `back` is the back-transformation of the measure (exp for OR). */
const COPY = (back, out) => `
  COPY (
    SELECT study_id AS label, study_id, yi, vi, yi - ${Z} * sqrt(vi) AS ci_lb, yi + ${Z} * sqrt(vi) AS ci_ub,
      100 / (vi + tau2) / sws AS weight, ${back('yi')} AS estimate, ${back(`yi - ${Z} * sqrt(vi)`)} AS estimate_ci_lb,
      ${back(`yi + ${Z} * sqrt(vi)`)} AS estimate_ci_ub, 'arms' AS basis
    FROM es, pooled
    UNION ALL
    SELECT 'RE model (DL)', NULL, estimate, NULL, estimate - ${Z} * sqrt(1 / sws), estimate + ${Z} * sqrt(1 / sws), 100,
      ${back('estimate')}, ${back(`estimate - ${Z} * sqrt(1 / sws)`)}, ${back(`estimate + ${Z} * sqrt(1 / sws)`)}, NULL
    FROM pooled
  ) TO '${out}' (HEADER)`;

const FE_ONLY = (effects) => `
  WITH es AS (${effects}) SELECT count(*) AS k, sum(yi / vi) / sum(1 / vi) AS estimate FROM es`;

// Both sides run without NODE_EXTRA_CA_CERTS: this machine sets it (a CA bundle for its network),
// and Node parses that bundle at every start, about 85 ms of CPU before any code of either side runs.
const ENV = { ...process.env };
delete ENV.NODE_EXTRA_CA_CERTS;

function cli(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, 'bin/acu-evidence.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: ENV,
  });
  const wall = (performance.now() - t0) / 1000;
  const [user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user ?? NaN) + (sys ?? NaN), mb: (kb ?? NaN) / 1024, code: r.status };
}

/** DuckDB end to end, as the CLI is timed: a process of its own (bench/duckdb-child.mjs). */
function duck(statements) {
  const file = path.join(tmpdir(), `acu-bench-duckdb-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(statements));
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, CHILD, file], {
    encoding: 'utf8',
    env: ENV,
  });
  const wall = (performance.now() - t0) / 1000;
  rmSync(file, { force: true });
  const [user, sys] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const out = JSON.parse(r.stdout || '{}');
  return {
    wall,
    cpu: (user ?? NaN) + (sys ?? NaN),
    k: out.k,
    estimate: out.estimate,
    queryWall: out.queryWall,
    queryCpu: out.queryCpu,
  };
}

/** DuckDB's whole job: effects, DL, the CSV written; then the pooled row read back for the check. */
function sameWork(effects, back, out) {
  return duck([`CREATE TEMP TABLE es AS ${effects}`, POOLED, COPY(back, out), 'SELECT k, estimate FROM pooled']);
}

/** The pooled row (last line) and the number of study rows of a CSV written by either side. */
function pooledOf(file) {
  const lines = readFileSync(file, 'latin1').trimEnd().split('\n');
  const last = lines[lines.length - 1].split(',');
  return { k: lines.length - 2, estimate: Number(last[2]), lb: Number(last[4]), ub: Number(last[5]) };
}

function agree(a, b) {
  const close = (x, y) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return a.k === b.k && close(a.estimate, b.estimate) && close(a.lb, b.lb) && close(a.ub, b.ub);
}

const secs = (x) => `${x.toFixed(2).padStart(6)} s`;

/** One comparison: the CLI, then DuckDB end to end and its queries alone, with the CLI's ratio to each. */
function line(label, file, c, d, extra = '') {
  const mb = (statSync(file).size / 1048576).toFixed(0);
  const ratio = (wall, cpu) => `CLI ${(c.wall / wall).toFixed(2)}× its wall, ${(c.cpu / cpu).toFixed(2)}× its CPU`;
  console.log(`  ${label} (${mb} MB, k = ${d.k})${extra}`);
  console.log(
    `    CLI                    ${secs(c.wall)} wall ${secs(c.cpu)} CPU  ${c.mb.toFixed(0)} MB peak (exit ${c.code})`,
  );
  console.log(`    DuckDB, end to end     ${secs(d.wall)} wall ${secs(d.cpu)} CPU  ${ratio(d.wall, d.cpu)}`);
  console.log(
    `    DuckDB, queries alone  ${secs(d.queryWall)} wall ${secs(d.queryCpu)} CPU  ${ratio(d.queryWall, d.queryCpu)}`,
  );
}

async function compareOne(label, file, measure, effects, back, dir) {
  const cliOut = path.join(dir, 'cli-out.csv');
  const duckOut = path.join(dir, 'duckdb-out.csv');
  const c = cli(['meta', '--data', file, '--measure', measure, '--method', 'DL', '--format', 'csv', '-o', cliOut]);
  const d = await sameWork(effects, back, duckOut);
  const same = c.code === 0 && agree(pooledOf(cliOut), pooledOf(duckOut));
  line(
    `${label}, DL, CSV of every study`,
    file,
    c,
    d,
    same ? ': the same k and pooled DL estimate and CI' : ': RESULTS DIFFER',
  );
  rmSync(cliOut, { force: true });
  rmSync(duckOut, { force: true });
  return same;
}

/** Prints the comparison; sizes of the patient files from BENCH_PATIENTS (comma-separated, default 10^6). */
export async function compareWithDuckdb({ studyFile, studyRows, dir }) {
  const sizes = (process.env.BENCH_PATIENTS ?? '1000000').split(',').map(Number);
  console.log(
    '\nCLI against DuckDB on the same generated file (one run each; DuckDB on all cores; CPU = user + system):',
  );
  let ok = await compareOne(
    `${studyRows.toLocaleString('en')} study rows, OR`,
    studyFile,
    'OR',
    STUDY_EFFECTS(studyFile),
    (x) => `exp(${x})`,
    dir,
  );
  line(
    `${studyRows.toLocaleString('en')} study rows, OR, REML vs FE only`,
    studyFile,
    cli(['meta', '--data', studyFile, '--measure', 'OR', '--format', 'csv']),
    await duck([FE_ONLY(STUDY_EFFECTS(studyFile))]),
  );
  for (const n of sizes) {
    const file = path.join(dir, `patients-${n}.csv`);
    await generate('patients', n, file);
    ok =
      (await compareOne(
        `${n.toLocaleString('en')} patient rows, MD`,
        file,
        'MD',
        PATIENT_EFFECTS(file),
        (x) => x,
        dir,
      )) && ok;
  }
  if (!ok) process.exitCode = 1;
}
