import { createEmailVerificationToken } from 'better-auth/api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenRegister, givenStaff, PASSWORD } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../test/support/smtp.js';
import { chromiumAvailable, expectAccessible, launchChromium, openWatchedPage } from './support/browser.js';

/**
 * A new member confirms their e-mail address before their first case, in a real browser against a
 * real server and a real SMTP relay: they sign up and look around, their request is held back with
 * words that say why, they ask for the link again, open it from the e-mail, and send the request.
 */
const JOURNEY_TIMEOUT = 120_000;

describe.skipIf(!chromiumAvailable())('confirming the e-mail address in Chromium', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    await givenStaff(server, 'case_manager', {
      name: 'Dr Lena Fischer',
      languages: ['en', 'es'],
      weeklyShifts: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
      maxOpenCases: 10,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  /** The e-mails with a confirmation link that reached the relay for an address, in order. */
  async function linkMailsTo(address: string, count: number): Promise<ReceivedMail[]> {
    let found: ReceivedMail[] = [];
    for (let total = 1; found.length < count; total += 1) {
      found = (await smtp.waitFor(total)).filter(
        (mail) => mail.to.includes(address) && /verify-email/.test(mail.parsed.text ?? ''),
      );
    }
    return found;
  }
  const linkIn = (mail: ReceivedMail) =>
    /https?:\/\/\S*\/verify-email#token=[A-Za-z0-9_.-]+/.exec(mail.parsed.text ?? '')![0];

  it(
    'a member signs up, is asked to confirm their address, opens the link from the e-mail and sends their first request',
    async () => {
      const email = 'alice.new@example.org';
      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await page.goto(`${server.url}/sign-up`);
      await heading(page, 'Create your account').waitFor();
      await page.getByLabel('Membership number').fill('M-1000-01');
      await page.getByLabel('Date of birth').fill('1980-02-29');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create my account' }).click();

      // Signed in and free to look around, with the one thing left to do said first.
      await heading(page, 'Your Healthcare Hub').waitFor();
      const notice = page.getByTestId('confirm-email');
      await notice.getByText('Confirm your e-mail address').waitFor();
      await notice.getByText(`We sent a link to ${email}.`, { exact: false }).waitFor();
      await expectAccessible(page, 'Healthcare Hub, address not confirmed (en)');

      // The request can be written, and is held back when sent, in words.
      await page.getByRole('link', { name: 'Request a second opinion' }).click();
      await heading(page, 'Request a second opinion').waitFor();
      await page.getByTestId('confirm-email').waitFor();
      await page.getByLabel('What worries you?').fill('I was offered heart surgery and I have doubts.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 2 of 5').waitFor();
      await page.getByLabel('The diagnosis you received').fill('Severe aortic stenosis');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 3 of 5').waitFor();
      await page.getByRole('textbox', { name: 'Question 1' }).fill('Are there alternatives to open surgery?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 4 of 5').waitFor();
      await page.getByLabel('By video call').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 5 of 5').waitFor();
      await page.getByRole('combobox', { name: /^Country/ }).selectOption('ES');
      await page.getByLabel('City').fill('Valencia');
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page
        .getByRole('alert')
        .getByText('Confirm your e-mail address first', { exact: false })
        .waitFor();
      const cases = await server.sql.query(`SELECT count(*)::int AS n FROM opinion_case`);
      expect(cases.rows[0].n).toBe(0);

      // The first e-mail went a moment ago; a minute later the member asks for the link again.
      const [welcome] = await linkMailsTo(email, 1);
      expect(welcome!.parsed.subject).toBe('Confirm your e-mail address for Consilium');
      server.clock.advance(61_000);
      await page.getByTestId('confirm-email').getByRole('button', { name: 'Send the link again' }).click();
      await page.getByText(`A new link is on its way to ${email}.`, { exact: false }).waitFor();
      const link = linkIn((await linkMailsTo(email, 2))[1]!);
      expect(link.startsWith(`${server.url}/verify-email#token=`)).toBe(true);

      // The link from the e-mail, opened in the same browser: confirmed, still signed in.
      await page.goto(link);
      await heading(page, 'Your e-mail address').waitFor();
      await page.getByText('Thank you: your e-mail address is confirmed.', { exact: false }).waitFor();
      // The token leaves the address bar once read.
      await expect.poll(() => new URL(page.url()).hash).toBe('');
      await expectAccessible(page, 'e-mail address confirmed (en)');
      await page.getByRole('link', { name: 'Request a second opinion' }).click();

      // The request was kept on the device: it goes now.
      await page.getByText('Step 5 of 5').waitFor();
      // The account is read again after the link: the notice goes.
      await expect.poll(() => page.getByTestId('confirm-email').count(), { timeout: 10_000 }).toBe(0);
      await page.getByRole('button', { name: 'Send my request' }).click();
      await heading(page, 'Your request has been sent').waitFor();

      // The same link again, in another browser: it has done its work, and says so.
      const other = await openWatchedPage(browser, contexts, {
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await other.page.goto(link);
      await other.page.getByText('This link was already used: your e-mail address is confirmed.').waitFor();
      await other.page.getByRole('link', { name: 'Sign in to continue' }).click();
      await heading(other.page, 'Sign in').waitFor();
      expect(problems).toEqual([]);
      expect(other.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'an expired link says so, and a signed-in member gets a new one from the same page',
    async () => {
      const email = 'carmen.new@example.org';
      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await page.goto(`${server.url}/sign-up`);
      await page.getByLabel('Membership number').fill('M-3000-01');
      await page.getByLabel('Date of birth').fill('1985-10-01');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create my account' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();
      const { id: userId } = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as {
        id: string;
      };
      await linkMailsTo(email, 1);

      // A link sent more than a day ago, signed as the server signs them: past its lifetime.
      const authContext = await server.runtime.auth.$context;
      const stale = await createEmailVerificationToken(authContext.secret, email, undefined, -60, { userId });
      await page.goto(`${server.url}/verify-email#token=${stale}`);
      await page.getByRole('alert').getByText('This link has expired.', { exact: false }).waitFor();
      await expectAccessible(page, 'e-mail link expired (en)');
      // The sign-up e-mail went a moment ago: a new link must wait a minute, and the page says so.
      await page.getByRole('button', { name: 'Send the link again' }).click();
      await page.getByRole('alert').getByText('A link was sent a moment ago.', { exact: false }).waitFor();
      server.clock.advance(61_000);
      await page.getByRole('button', { name: 'Send the link again' }).click();
      await page.getByText(`A new link is on its way to ${email}.`, { exact: false }).waitFor();
      const fresh = await linkMailsTo(email, 2);
      // Opened from the mail in a new tab of the same browser: confirmed, and signed in there too.
      const tab = await page.context().newPage();
      await tab.goto(linkIn(fresh[1]!));
      await tab.getByText('Thank you: your e-mail address is confirmed.', { exact: false }).waitFor();
      await tab.getByRole('link', { name: 'Request a second opinion' }).waitFor();
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
