import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ci',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // Child processes (tsc, turbo, git, the linters) share 2 cores with the rest of CI: generous timeouts, no timing asserts.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
