import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Open findings are red until the library fixes them: vitest.open.config.ts runs them.
    exclude: ['test/open/**', '**/node_modules/**'],
    restoreMocks: true,
  },
});
