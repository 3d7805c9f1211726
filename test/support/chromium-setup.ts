import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumArgs, chromiumAvailable } from '../../e2e/support/chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the Chromium the journeys share (connect with `chromium.connect`), if any. */
    chromiumEndpoint: string | undefined;
  }
}

/**
 * One Chromium for all the journeys of the run: each file connects to it (`launchChromium()` in
 * browser.ts) and each journey opens its own context (its own cookies, storage and service
 * workers), so journeys stay apart as they did with a browser each, without a launch per file.
 *
 * Without Chromium the journeys are skipped, loudly, except in CI, where a missing browser fails.
 */
export default async function setup(project: TestProject) {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true and no browser at ${CHROMIUM_PATH}: install it (apt-get install -y chromium)`);
    process.stdout.write(
      `\n!! Browser journeys (e2e/) SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)\n\n`,
    );
    project.provide('chromiumEndpoint', undefined);
    return undefined;
  }
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs,
  });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
