import { existsSync } from 'node:fs';

/**
 * Debian's Chromium (`apt-get install -y chromium`), driven by playwright-core: npm's own browser
 * downloads do not work here. `npm test` runs the journeys when it is installed and says that it
 * skipped them when it is not; in CI (`CI=true`) a missing browser fails the run.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);

/** How the journeys' Chromium is started (headless, no sandbox: the tests may run as root). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
