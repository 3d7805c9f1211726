import { ensureWebBuild } from '../../src/server/platform/web/build.js';

/**
 * Servers started by the tests (in process or as `npm start` would) serve the built web app: build
 * it once before the run, when missing or stale, so that no test file builds it on its own. Cheap
 * when the build is fresh, and locked, so the projects that call it share one build.
 */
export default async function setup() {
  await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
}
