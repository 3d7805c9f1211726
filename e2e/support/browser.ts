import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { freshTotpCode } from '../../test/support/totp.js';
import {
  CHROMIUM_PACKAGES,
  CHROMIUM_PATH,
  DESKTOP_CHROMIUM_PATH,
  chromiumArgs,
  desktopChromiumAvailable,
} from './chromium.js';

export { CHROMIUM_PATH, chromiumAvailable, desktopChromiumAvailable } from './chromium.js';

export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * The run's shared Chromium (started by the browser project's global setup), connected to: close
 * the returned browser after the file, which closes the contexts the file opened and disconnects.
 * Started here instead when the file runs without that setup. With `desktop: true`, the file's own
 * desktop Chromium, for a journey through what only it has (its PDF viewer).
 */
export function launchChromium(options: { desktop?: boolean } = {}): Promise<Browser> {
  if (options.desktop) {
    // A browser of the file's own: the desktop Chromium, for what the headless shell lacks.
    if (!desktopChromiumAvailable())
      throw new Error(`no desktop Chromium at ${DESKTOP_CHROMIUM_PATH}: ${CHROMIUM_PACKAGES}`);
    return chromium.launch({ executablePath: DESKTOP_CHROMIUM_PATH, headless: true, args: chromiumArgs });
  }
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs });
}

export function artefactPath(name: string): string {
  mkdirSync(resultsDir, { recursive: true });
  return path.join(resultsDir, name);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core on the page as it is now: no serious or critical violation of WCAG 2.2 A/AA. The
 * script is evaluated through the DevTools protocol, so the app's strict CSP stays on.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // axe-core once per document: a page checked again keeps the one it was given.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  // A dialog still fading in has its text at part opacity, which axe reads as too little contrast:
  // the page is checked as the reader sees it once its transitions have ended.
  await page.evaluate(async () => {
    // Finite ones only: a spinner turns for ever.
    const running = ((globalThis as any).document.getAnimations() as any[]).filter(
      (animation) => animation.effect?.getComputedTiming().endTime !== Infinity,
    );
    await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
  });
  const violations = await page.evaluate(async (): Promise<Violation[]> => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node: any) => node.target.join(' ')),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `accessibility of ${where}`).toEqual([]);
}

/**
 * Nothing to scroll sideways: the page as it is now fits the width of its window (a phone's
 * 375 px in the members' journeys).
 */
export async function expectFitsWidth(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return { scrollWidth: root.scrollWidth as number, clientWidth: root.clientWidth as number };
  });
  expect(scrollWidth, `${where} fits a ${clientWidth} px wide window`).toBeLessThanOrEqual(clientWidth);
}

/** What the page complained about: script errors and anything the CSP refused. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // A refused request (401 before sign-in, 422 on a wrong proof) is logged by Chromium itself.
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) problems.push(text);
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

/**
 * A fresh browser window with its own cookies and storage (kept in `contexts` to be closed after
 * the file), its page, and the problems that page reports.
 */
export async function openWatchedPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: {
    viewport: { width: number; height: number };
    locale: string;
    timezoneId: string;
    /** 'block' for a journey that routes the app's own files (a worker would fetch them unseen). */
    serviceWorkers?: 'allow' | 'block';
  },
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { page, problems: watchPageProblems(page) };
}

/** The cookies of a staff member's first sign-in on a server, for the pages opened after it. */
const signedInCookies = new Map<string, Cookie[]>();

/**
 * A staff member signs in as staff do, password then the code of their authenticator app, in a
 * fresh English context (1280 px, Madrid time), kept in `contexts` to be closed with the browser.
 * With `next`, the page goes on there; without, it waits for the signed-in page. The first page of
 * an account on a server signs in through the form; the pages after it start from that session's
 * cookies (the server takes each authenticator code once, so a second sign-in within the app's
 * 30 s would wait for its next code), unless that session has ended.
 */
export async function staffSignedInPage(
  browser: Browser,
  contexts: BrowserContext[],
  input: {
    serverUrl: string;
    account: { email: string; password: string; totpSecret: string };
    next?: string;
    serviceWorkers?: 'allow' | 'block';
  },
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await openWatchedPage(browser, contexts, {
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Madrid',
    serviceWorkers: input.serviceWorkers ?? 'allow',
  });
  const key = `${input.serverUrl} ${input.account.email}`;
  const context = page.context();
  const kept = signedInCookies.get(key);
  if (kept) {
    await context.addCookies(kept);
    const session = await context.request.get(`${input.serverUrl}/api/auth/get-session`);
    if (session.ok() && (await session.json()) != null) {
      await page.goto(`${input.serverUrl}${input.next ?? '/'}`);
      if (!input.next) {
        await page.getByRole('heading', { level: 1, name: 'You are signed in', exact: true }).waitFor();
      }
      return { page, problems };
    }
    await context.clearCookies();
    signedInCookies.delete(key);
  }
  const query = input.next ? `?next=${encodeURIComponent(input.next)}` : '';
  await page.goto(`${input.serverUrl}/sign-in${query}`);
  await page.getByLabel('E-mail address').fill(input.account.email);
  await page.getByLabel(/^Password/).fill(input.account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByLabel('Code from your authenticator app')
    .fill(await freshTotpCode(input.account.totpSecret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  if (!input.next) {
    await page.getByRole('heading', { level: 1, name: 'You are signed in', exact: true }).waitFor();
  } else {
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }
  signedInCookies.set(key, await context.cookies());
  return { page, problems };
}
