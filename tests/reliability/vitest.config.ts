import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Red until the issue 10 fixes land in the library: run with vitest.regressions.config.ts.
    exclude: ['test/regressions/**', '**/node_modules/**'],
    restoreMocks: true,
  },
});
