import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // The e2e tests spawn the built binary; keep the pool small on 2-core machines.
    maxWorkers: 2,
  },
});
