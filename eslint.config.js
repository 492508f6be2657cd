// Lint: typescript-eslint's type-aware rules that catch real bugs (promises nobody awaits, `any`
// leaking through, switches that miss a case). Formatting is prettier's job, not eslint's.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'tests/fixtures/'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A switch over a union names every case; a deliberate `default` is the catch-all it says it is.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `const { dropped: _, ...rest } = row` is how a property is left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `return promise` inside try/catch skips the catch; `await` it there.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // Node and library APIs marked @deprecated.
      '@typescript-eslint/no-deprecated': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Plain JavaScript (bin, build script, bench) is outside tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The launcher is CommonJS on purpose (Node's CommonJS loader starts faster): require is its import.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
