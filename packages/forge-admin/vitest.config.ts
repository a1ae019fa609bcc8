import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'forge-admin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
  },
});
