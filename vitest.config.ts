import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    // Each test's time against its limit, for the list `npm test` prints last.
    reporters: ['default', './scripts/test-durations/vitestReporter.ts'],
  },
});
