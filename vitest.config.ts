import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Browser journeys (e2e/) run too when Chromium is installed; see e2e/support/browser.ts.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // Each file runs against its own database cloned from a migrated template, so files can run
    // in parallel; two workers match the two cores of the machines we run on.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
