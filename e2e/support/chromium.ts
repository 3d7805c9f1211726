import { existsSync } from 'node:fs';

/**
 * Debian's Chromium, driven by playwright-core: npm's own browser downloads do not work here.
 *
 * The journeys run in Chromium's headless shell (`apt-get install -y chromium-headless-shell`):
 * the same Blink and V8 as the desktop browser, without the desktop browser's own layer, and about
 * a quarter less CPU per journey. What only the desktop browser has (its PDF viewer) is checked in
 * the desktop Chromium (`apt-get install -y chromium`), started by the journey that needs it
 * (`launchChromium({ desktop: true })`).
 *
 * `npm test` runs the journeys when a Chromium is installed (the desktop one stands in for the
 * shell when the shell is missing) and says that it skipped them when none is; in CI (`CI=true`)
 * a missing browser fails the run.
 */
export const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';
export const DESKTOP_CHROMIUM_PATH = '/usr/bin/chromium';

/** The browser the journeys share: the headless shell, or the desktop Chromium without it. */
export const CHROMIUM_PATH = existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : DESKTOP_CHROMIUM_PATH;
export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);
export const desktopChromiumAvailable = () => existsSync(DESKTOP_CHROMIUM_PATH);

/** What CI installs; named in the messages of a run without them. */
export const CHROMIUM_PACKAGES = 'apt-get install -y chromium chromium-headless-shell';

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
