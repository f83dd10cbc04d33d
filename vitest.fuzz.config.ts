/**
 * `npm run fuzz`: the property tests of test/property with a large budget. FUZZ_RUNS is the number
 * of generated validate() cases (hostile objects and executions get a tenth of it each); set
 * FUZZ_RUNS to change it and FUZZ_SEED to replay a run. Each property prints its cases, rate and
 * findings.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/property/**/*.test.ts'],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '50000' },
    testTimeout: 4 * 3600_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
