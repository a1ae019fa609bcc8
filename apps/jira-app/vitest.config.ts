import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'jira-app',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
  },
});
