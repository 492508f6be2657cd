#!/usr/bin/env node
'use strict';
// Starts dist/cli.cjs from V8's code cache when the build left one for this very bundle: compiling
// the bundle is most of a start-up. A missing or foreign cache only makes the start slower.
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The one answer that needs none of the CLI: the version the bundle was built from (package.json).
  process.stdout.write(`${JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
  return;
}

const file = path.join(__dirname, '..', 'dist', 'cli.cjs');
// Three caches: help lists every command, so its start wants all their code; meta, the command of
// large files, its own (effect sizes, the fit, the printouts: about 10 ms of compiling at each run);
// any other run wants only what its one command runs, and deserialising a cache costs by its size.
const named = argv.find((a) => !a.startsWith('-'));
const cacheFile = `${file}${named === undefined || named === 'completion' ? '.help' : named === 'meta' ? '.meta' : ''}.cache`;
// The build keeps the bundle ASCII: read as Latin-1, it decodes three times faster than as UTF-8.
const source = readFileSync(file, 'latin1');
// The build's id, on the bundle's first line, heads the cache made from it.
const id = Buffer.from(source.slice(0, source.indexOf('\n') + 1));
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  if (id.length > 1 && cache.subarray(0, id.length).equals(id)) cachedData = cache.subarray(id.length);
} catch {
  // no cache yet: compile from source
}
// Code compiled in a vm script has no loader for import(): the bundle gets this module's own, for
// the files beside it (the plot bundle, an ES module).
const wrapper = `(function (exports, require, module, __filename, __dirname, __acuImport) {${source}\n})`;
const script = new vm.Script(wrapper, { filename: file, cachedData });
const cli = { exports: {} };
const importBeside = (specifier) => import(pathToFileURL(path.join(path.dirname(file), specifier)).href);
script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, path.dirname(file), importBeside);

if (argv[0] === '--build-caches') {
  // Run three times by the build: `--build-caches` writes the data snapshot and the help cache, then
  // `--build-caches summary` the cache of a command's run and `--build-caches meta` meta's; each
  // exercises, then saves the compiled code.
  cli.exports.buildCaches(named === undefined ? 'help' : named === 'meta' ? 'meta' : 'run').then(() => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([id, script.createCachedData()]));
    renameSync(temp, cacheFile);
  });
} else {
  cli.exports.main(argv);
}
