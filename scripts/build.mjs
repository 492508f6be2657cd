// Builds what `bin/acu-evidence.js` starts from, all in dist/:
//   cli.cjs        the CLI bundled by esbuild into one CommonJS file (Node's CommonJS loader starts
//                  faster than its ES module loader, and one file beats many); a command's code is
//                  run only when that command runs (cli.ts imports each command module lazily);
//   cli.cjs.cache  V8's compiled code for it, made after a representative run, so that a start
//                  skips most of the compiling; it names the build it belongs to, as cli.cjs does
//                  on its first line, and the launcher uses it only when the two agree (with
//                  cli.cjs.help.cache for help and cli.cjs.meta.cache for meta, each made by a run
//                  of its own);
//   data.json      the bundled data/ folder already parsed and validated, beside the CSV bytes it
//                  was made from: a changed data/ no longer matches and is read from the CSV again;
//   plot.js        the plot commands, a second bundle (ES module) that cli.cjs imports only when a
//                  plot runs; their packages (the font, HarfBuzz, resvg: wasm, native code and font
//                  files read at run time) stay external and are imported dynamically too.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url);
for (const old of [
  'cli.js',
  'cli.cjs.cache',
  'cli.cjs.help.cache',
  'cli.cjs.meta.cache',
  'data.json',
  'data.json.source',
  'chunks',
])
  rmSync(new URL(old, dist), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  external: ['@resvg/resvg-js', 'subset-font', 'harfbuzzjs', '@fontsource/dejavu-sans'],
  define: { __ACU_VERSION__: JSON.stringify(pkg.version) },
};

/** In cli.cjs, `import('./plot-run.js')` loads the plot bundle beside it at run time. */
const plotApart = {
  name: 'plot-apart',
  setup(b) {
    b.onResolve({ filter: /\/plot-run\.js$/ }, () => ({ path: './plot.js', external: true }));
  },
};

/**
 * commander needs node:child_process only to run git-style executable subcommands, which this CLI
 * has none of; loading it costs every start several milliseconds, so commander gets it on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'acu' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'acu' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

/**
 * The launcher reads cli.cjs as Latin-1, which is three times faster than UTF-8 and gives V8 a
 * one-byte string: that holds only while the bundle is ASCII. esbuild escapes every non-ASCII
 * character in strings and templates but leaves those of regular expression literals (a `[-–]`);
 * a `\uXXXX` escape means the same character there (and in identifiers), so it replaces them.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/**
 * simple-statistics publishes one bundle whose top level also builds tables (the normal table)
 * that the median never needs; its ES sources, one function a file with no side effects, let
 * esbuild keep only the functions imported (the same code: the bundle is made from them).
 */
const statisticsByFunction = {
  name: 'statistics-by-function',
  setup(b) {
    const root = fileURLToPath(new URL('../node_modules/simple-statistics/', import.meta.url));
    b.onResolve({ filter: /^simple-statistics$/ }, () => ({ path: path.join(root, 'index.js'), sideEffects: false }));
    b.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.importer.startsWith(root) ? { path: path.join(args.resolveDir, args.path), sideEffects: false } : undefined,
    );
  },
};

/**
 * jstat (70 kB) builds its whole API when it is first required, a couple of milliseconds; the
 * stats core asks it only for the starting values of the t, chi-square, F and beta quantiles, so
 * it is required on first use (ES interop reads `__esModule`, which jstat never sets).
 */
const lazyJstat = {
  name: 'lazy-jstat',
  setup(b) {
    b.onResolve({ filter: /^jstat$/ }, (args) =>
      args.namespace === 'acu-jstat' ? undefined : { path: 'lazy-jstat', namespace: 'acu-jstat' },
    );
    b.onLoad({ filter: /.*/, namespace: 'acu-jstat' }, () => ({
      contents:
        "let m; module.exports = new Proxy({}, { get: (_, k) => (k === '__esModule' ? undefined : (m ??= require('jstat'))[k]) });",
      loader: 'js',
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
    }));
  },
};

/**
 * `node:fs/promises` loads Node's stream and readline modules with it, about 3 ms of every start;
 * the CLI needs it only to write a file or to read one given by the user. Here every function of
 * it is a stand-in that requires it on first call.
 */
const lazyFsPromises = {
  name: 'lazy-fs-promises',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
      args.namespace === 'acu-fs-promises'
        ? { path: 'node:fs/promises', external: true }
        : { path: 'fs-promises', namespace: 'acu-fs-promises' },
    );
    b.onLoad({ filter: /.*/, namespace: 'acu-fs-promises' }, async () => {
      const real = await import('node:fs/promises');
      const names = Object.keys(real).filter((name) => name !== 'default' && typeof real[name] === 'function');
      return {
        contents: names
          .map((name) => `export const ${name} = (...args) => require('node:fs/promises').${name}(...args);`)
          .join('\n'),
        loader: 'js',
      };
    });
  },
};

const buildId = randomUUID();
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  // Less to read and hash at every start; names are kept, so a stack (ACU_EVIDENCE_DEBUG=1) still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [plotApart, lazyChildProcess, statisticsByFunction, lazyJstat, lazyFsPromises],
  define: { ...common.define, 'import.meta.url': '__acuImportMetaUrl' },
  banner: {
    js: `/*acu-build:${buildId}*/\nconst __acuImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
});
asciiOnly('dist/cli.cjs');
await build({
  ...common,
  entryPoints: ['src/commands/plot-run.ts'],
  outfile: 'dist/plot.js',
  format: 'esm',
  // commander is CommonJS; an ES module bundle needs a real require for its node: imports.
  banner: {
    js: "import { createRequire as __acuCreateRequire } from 'node:module'; const require = __acuCreateRequire(import.meta.url);",
  },
});

// The snapshot and the code cache are made by the built CLI itself, so they match what runs.
for (const args of [['--build-caches'], ['--build-caches', 'summary'], ['--build-caches', 'meta']]) {
  const made = spawnSync(process.execPath, ['bin/acu-evidence.js', ...args], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
