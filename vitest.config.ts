import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The default report, then one plain summary line for CI.
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
