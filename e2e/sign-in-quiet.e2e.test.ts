import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { chromiumAvailable, launchChromium, openWatchedPage } from './support/browser.js';

/**
 * A visitor on the sign-in page is simply signed out: asking "who is this?" before anyone has
 * signed in is no error, and the browser's console says nothing of it.
 */
describe.skipIf(!chromiumAvailable())('the sign-in page, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('opens for a visitor without a refused request in the console', async () => {
    const { page, problems } = await openWatchedPage(browser, contexts, {
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/')) answers.push(response.status());
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').waitFor();
    await page.waitForLoadState('networkidle');
    expect(answers).not.toContain(401);
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
  });
});
