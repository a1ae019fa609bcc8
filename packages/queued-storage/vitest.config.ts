import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'queued-storage',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
  },
});
