// Bundles the CLI into dist/cli.js with esbuild: one file starts faster than many ESM imports.
// The plot commands are a second bundle, dist/plot.js, that cli.js imports only when a plot runs
// (measured: keeping them in cli.js, even behind a dynamic import, or splitting into shared chunks,
// slows every command's start-up). Their packages (the font, HarfBuzz, resvg: wasm, native code and
// font files read at run time) stay external and are imported dynamically too.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  external: ['@resvg/resvg-js', 'subset-font', 'harfbuzzjs', '@fontsource/dejavu-sans'],
  define: { __ACU_VERSION__: JSON.stringify(pkg.version) },
  // commander and cli-table3 are CommonJS; an ESM bundle needs a real require for their node: imports.
  banner: {
    js: "import { createRequire as __acuCreateRequire } from 'node:module'; const require = __acuCreateRequire(import.meta.url);",
  },
};

/** In cli.js, `import('./plot-run.js')` loads the plot bundle beside it at run time. */
const plotApart = {
  name: 'plot-apart',
  setup(b) {
    b.onResolve({ filter: /\/plot-run\.js$/ }, () => ({ path: './plot.js', external: true }));
  },
};

rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/cli.js', plugins: [plotApart] });
await build({ ...common, entryPoints: ['src/commands/plot-run.ts'], outfile: 'dist/plot.js' });
