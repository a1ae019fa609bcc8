import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'confluence-app',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // Emulator runs of 200 events and webpack bundling share 2 cores with the rest of CI: no timing asserts, generous timeouts.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
