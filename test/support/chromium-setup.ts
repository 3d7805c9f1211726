import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import {
  CHROMIUM_PACKAGES,
  CHROMIUM_PATH,
  chromiumArgs,
  chromiumAvailable,
  desktopChromiumAvailable,
  HEADLESS_SHELL_PATH,
} from '../../e2e/support/chromium.js';

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
 * Without Chromium the journeys are skipped, loudly, except in CI, where a missing browser fails:
 * CI has both the headless shell the journeys share and the desktop Chromium one journey needs.
 */
export default async function setup(project: TestProject) {
  if (process.env.CI === 'true' && !(existsSync(HEADLESS_SHELL_PATH) && desktopChromiumAvailable()))
    throw new Error(`CI=true and a browser is missing: install them (${CHROMIUM_PACKAGES})`);
  if (!chromiumAvailable()) {
    process.stdout.write(
      `\n!! Browser journeys (e2e/) SKIPPED: no Chromium at ${CHROMIUM_PATH} (${CHROMIUM_PACKAGES})\n\n`,
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
