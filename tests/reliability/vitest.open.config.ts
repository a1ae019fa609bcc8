import { defineConfig } from 'vitest/config';

/**
 * Open findings: shrunk histories that still break a guarantee on the current library, reported and
 * not yet fixed. Kept out of CI (they are red by definition); run with
 * `pnpm --filter @forge-queue/reliability test:open`. A finding moves to test/regressions/ (CI) once fixed.
 */
export default defineConfig({
  test: {
    name: 'reliability-open',
    include: ['test/open/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 600_000,
  },
});
