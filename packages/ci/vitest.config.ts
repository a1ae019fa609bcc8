import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ci',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // The deploy tests run real turbo builds and the linter type-checks the apps: one file at a time,
    // on 2 cores shared with the rest of `pnpm test`, with generous timeouts and no timing asserts.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
