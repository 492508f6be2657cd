// Runs DuckDB's side of the comparison in a process of its own, so that it is timed as the CLI is:
// from the shell, start-up included (Node, loading DuckDB's native library, making the database).
// Reads a JSON array of SQL statements from argv[2]; prints the last statement's first row and the
// time of the queries alone (in-process CPU of all threads), as JSON.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let rows = [];
for (const sql of statements) rows = (await connection.runAndReadAll(sql)).getRowObjects();
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
connection.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({
    k: Number(rows[0]?.k),
    estimate: Number(rows[0]?.estimate),
    queryWall: wall,
    queryCpu: (cpu.user + cpu.system) / 1e6,
  }),
);
