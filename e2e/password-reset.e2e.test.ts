import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import { givenMemberSignedIn, givenRegister, PASSWORD } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../test/support/smtp.js';
import { chromiumAvailable, expectAccessible, launchChromium, openWatchedPage } from './support/browser.js';

/**
 * A member who forgot their password, in a real browser against a real server and a real SMTP
 * relay: "Forgot your password?" on the sign-in page, the link from the e-mail, a new password,
 * then in with it; the session on their other device has ended, and the link does not work twice.
 */
const JOURNEY_TIMEOUT = 120_000;

describe.skipIf(!chromiumAvailable())('password reset journey in Chromium', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  it(
    'a member asks for a link, chooses a new password through it and signs in; their other session ends',
    async () => {
      const email = 'alice@example.org';
      // Signed in on another device, which the new password signs out.
      const phone = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        email,
      );
      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await heading(page, 'Forgot your password?').waitFor();
      await page.getByLabel('E-mail address').fill('not an address');
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.getByText('Enter an e-mail address such as name@example.com.').waitFor();
      await expectAccessible(page, 'forgot your password, an address in error');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page
        .getByRole('status')
        .getByText('If an account uses this e-mail address', { exact: false })
        .waitFor();

      // The welcome e-mail, then the reset e-mail (in the account's language, Spanish).
      const mails = await smtp.waitFor(2);
      const resetMail = mails.find(
        (mail) => mail.parsed.subject === 'Elija una nueva contraseña de Consilium',
      );
      const link = /https?:\/\/\S*\/reset-password#token=[A-Za-z0-9_-]+/.exec(
        resetMail!.parsed.text ?? '',
      )![0];

      await page.goto(link);
      await heading(page, 'Choose a new password').waitFor();
      // The token leaves the address bar once read.
      await expect.poll(() => new URL(page.url()).hash).toBe('');
      await page.getByLabel(/^New password(?! again)/).fill('short');
      await page.getByRole('button', { name: 'Save my new password' }).click();
      await page.getByText('Use at least 12 characters.').waitFor();
      const newPassword = 'alice-chose-this-one-2026';
      await page.getByLabel(/^New password(?! again)/).fill(newPassword);
      await page.getByLabel(/^New password again/).fill('something-else-entirely');
      await page.getByRole('button', { name: 'Save my new password' }).click();
      await page.getByText('The two passwords are not the same.').waitFor();
      await expectAccessible(page, 'choose a new password, in error');
      await page.getByLabel(/^New password again/).fill(newPassword);
      await page.getByRole('button', { name: 'Save my new password' }).click();

      await heading(page, 'Sign in').waitFor();
      await page.getByRole('status').getByText('Your new password is saved', { exact: false }).waitFor();
      expect((await phone.get('/api/v1/me')).status).toBe(401);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel(/^Password/).fill(newPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // In: the Hub, in the account's language.
      await heading(page, 'Su Portal de Salud').waitFor();

      // The same link a second time: refused, with the way to a new one.
      const other = await openWatchedPage(browser, contexts, {
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await other.page.goto(link);
      await other.page.getByLabel(/^New password(?! again)/).fill('yet-another-password-2026');
      await other.page.getByLabel(/^New password again/).fill('yet-another-password-2026');
      await other.page.getByRole('button', { name: 'Save my new password' }).click();
      await other.page.getByText('This link has expired or was already used.', { exact: false }).waitFor();
      await other.page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
      expect((await new ApiClient(server.url).signIn(email, PASSWORD)).status).toBe(401);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
