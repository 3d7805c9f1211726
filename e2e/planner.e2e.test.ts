import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStaff, type StaffAccount } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { chromiumAvailable, expectAccessible, launchChromium, staffSignedInPage } from './support/browser.js';

/**
 * Operations plan the roster in a real browser: the fresh database holds too few requests to
 * forecast from, so the planner says so and offers the example Gulf market; they ask for 99.5 %,
 * read the roster it proposes per language with the promise it predicts, try a surge of Arabic
 * requests and see what changes. The server confirms each plan over two seeds (PLANNER_SEEDS) on
 * one worker thread, so that a plan takes seconds here instead of the console's twenty seeds.
 */
const JOURNEY_TIMEOUT = 180_000;

describe.skipIf(!chromiumAvailable())('the staffing planner in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ops: StaffAccount;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ PLANNER_SEEDS: '2', PLANNER_THREADS: '1' }, { workers: true });
    ops = await givenStaff(server, 'ops', { name: 'Olga Ops', timeZone: 'Europe/Madrid' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it(
    'operations plan the Gulf market for 99.5 %, then see what a surge of Arabic requests changes',
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: ops,
        next: '/ops',
      });
      // From the service-level dashboard, as operations find it.
      await page.getByRole('link', { name: 'Staffing planner', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Staffing planner', exact: true }).waitFor();
      await page
        .getByTestId('planner-too-few')
        .getByText(/Only 0 requests were submitted/)
        .waitFor();
      expect(await page.getByLabel('Plan on', { exact: true }).inputValue()).toBe('example:gulf-market');
      await page
        .getByTestId('planner-summary')
        .getByText(/180 requests a week in Arabic, English/)
        .waitFor();
      await page.getByLabel('Target: share contacted within 24 hours (%)', { exact: true }).fill('99.5');
      await page.getByRole('button', { name: 'Plan the roster' }).click();

      const roster = page.getByTestId('planner-base-roster');
      await roster.waitFor({ timeout: 90_000 });
      await roster.getByRole('rowheader', { name: 'Arabic, Middle East and South Asia' }).waitFor();
      await roster.getByRole('rowheader', { name: 'English, Europe and Africa' }).waitFor();
      const arabicBefore = Number(await page.getByTestId('planner-base-proposed-ar').innerText());
      expect(arabicBefore).toBeGreaterThan(0);
      await page.getByRole('rowheader', { name: 'Roster proposed', exact: true }).first().waitFor();
      await page
        .getByRole('img', { name: 'Requests expected in each hour of the week (UTC)' })
        .locator('svg')
        .first()
        .waitFor();
      await expectAccessible(page, 'the planner with a roster proposed');

      await page
        .getByLabel('Language with a surge of requests', { exact: true })
        .selectOption({ label: 'Arabic' });
      await page.getByLabel('Surge factor (1.5 = half as many again)', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Try the what-if' }).click();
      const comparison = page.getByTestId('planner-compare');
      await comparison.waitFor({ timeout: 90_000 });
      const arabicAfter = Number(await page.getByTestId('compare-after-ar').innerText());
      expect(arabicAfter).toBeGreaterThan(arabicBefore);
      await page.getByTestId('planner-after-roster').waitFor();
      await expectAccessible(page, 'the planner with a what-if beside the plan');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
