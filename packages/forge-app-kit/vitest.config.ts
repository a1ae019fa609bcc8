import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'forge-app-kit',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // webpack bundling shares 2 cores with the rest of CI: no timing asserts, generous timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
