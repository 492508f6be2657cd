// Bundles the CLI into dist/cli.js with esbuild: one file starts faster than many ESM imports.
// Code behind a dynamic import (the plot commands) goes to dist/chunks/ and loads only when used;
// the font, HarfBuzz and resvg stay packages (wasm, native code and font files are read at run time).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
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
});
