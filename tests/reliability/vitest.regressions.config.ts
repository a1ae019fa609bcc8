import { defineConfig } from 'vitest/config';

/**
 * Issue 10's regression histories and the full generator (every shape on). They fail on the library
 * before the issue 10 fixes, so they run apart from CI: `pnpm --filter @forge-queue/reliability test:regressions`.
 */
export default defineConfig({
  test: {
    name: 'reliability-regressions',
    include: ['test/regressions/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 600_000,
  },
});
