import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { testFilesByKind, type TestKind } from './test/support/test-kinds.js';

/**
 * Four projects, by what a test file touches (docs/testing.md):
 *
 * - `unit`: nothing outside the process: no database, no server, no browser. No global setup.
 * - `integration`: a real database (each file its own, cloned from a migrated template with
 *   pg-boss's schema in it), usually through an in-process server (`test/support/server.ts`).
 *   The only project the PostgreSQL 15 pass runs (`DATABASE_URL=... npm run test:db`).
 * - `browser`: the journeys in `e2e/`, on Debian's Chromium against an in-process server; one
 *   browser for the whole run, a new context per journey (`test/support/chromium-setup.ts`).
 * - `process`: stories that start the app as an operator does (`test/support/app-process.ts`),
 *   each on its own embedded database whatever DATABASE_URL says.
 *
 * A file's project follows from what it uses (`test/support/test-kinds.ts`), so a file moved or
 * renamed keeps it: a file under `e2e/` is a journey; one that imports `support/app-process` is a
 * process story; one that imports `support/server` or injects the `adminUrl` is an integration
 * test; anything else is a unit test. A unit file that reaches for a database anyway fails at once
 * (its project provides none), so a wrong guess cannot pass quietly. The lists are made when the
 * config loads: a new test file needs a new `vitest` command (or a restart of watch mode).
 *
 * The unit, integration and browser files share their worker's loaded modules (`isolate: false`),
 * so the server's code is loaded once per worker instead of once per file (docs/testing.md says
 * what that asks of a test file). The process stories start whole apps and stay isolated.
 */
const files = testFilesByKind(fileURLToPath(new URL('.', import.meta.url)));

function project(
  name: TestKind,
  test: Omit<NonNullable<TestProjectInlineConfiguration['test']>, 'name' | 'include'> = {},
): TestProjectInlineConfiguration {
  // An empty include would fall back to vitest's defaults: a pattern that matches nothing instead.
  const include = files[name].length > 0 ? files[name] : [`no-${name}-tests-yet/**`];
  return { extends: true, test: { name, include, ...test } };
}

export default defineConfig({
  test: {
    // Two workers match the two cores of the machines we run on; the projects share them.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A story polls for the state it asserts (docs/testing.md); vitest's default bound of 1 s is
    // shorter than a busy machine sometimes takes to get there (a page re-rendering after a
    // request, a worker's commit), and failed such stories where nothing was wrong.
    expect: { poll: { timeout: 10_000 } },
    env: { NODE_ENV: 'test' },
    // The default report, then how many tests ran in each project (`.ci/run` reads it).
    reporters: ['default', './test/support/count-reporter.ts'],
    projects: [
      project('unit', { isolate: false }),
      project('integration', { globalSetup: ['./test/support/global-setup.ts'], isolate: false }),
      project('browser', {
        globalSetup: ['./test/support/global-setup.ts', './test/support/chromium-setup.ts'],
        isolate: false,
      }),
      project('process', { globalSetup: ['./test/support/web-build-setup.ts'] }),
    ],
  },
});
