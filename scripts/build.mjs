// Bundles the CLI into dist/cli.js with esbuild: one file starts faster than many ESM imports.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  define: { __ACU_VERSION__: JSON.stringify(pkg.version) },
  // commander and cli-table3 are CommonJS; an ESM bundle needs a real require for their node: imports.
  banner: {
    js: "import { createRequire as __acuCreateRequire } from 'node:module'; const require = __acuCreateRequire(import.meta.url);",
  },
});
