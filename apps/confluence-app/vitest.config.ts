import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'confluence-app',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
  },
});
