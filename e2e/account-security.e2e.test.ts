import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode } from '../test/support/totp.js';
import { Browser as ApiClient } from '../test/support/client.js';
import { givenRegister, givenStaffSignedIn, PASSWORD } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
} from './support/browser.js';

/**
 * The account's own security, in a real browser against a real server on a fresh database: a
 * member turns on two-step sign-in on their profile and signs in with it (the app's code, then a
 * backup code) before turning it off; a case manager created by operations signs in with the
 * temporary password, chooses their own, sets up two-step sign-in and reaches their workspace,
 * in Arabic (right to left). axe-core checks every new page; the CSP stays on.
 */
const JOURNEY_TIMEOUT = 120_000;

describe.skipIf(!chromiumAvailable())('account security journeys in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** The key shown as text, as a person would type it into their app (without the spaces). */
  async function keyShown(page: Page): Promise<string> {
    const text = await page.getByTestId('two-step-key').innerText();
    return text.replace(/\s+/g, '');
  }

  it(
    'a member turns on two-step sign-in on the profile, signs in with a code and with a backup code, and turns it off',
    async () => {
      const visitor = new ApiClient(server.url);
      const registered = await visitor.post('/api/v1/member-registrations', {
        membershipNumber: 'M-1000-01',
        dateOfBirth: '1980-02-29',
        email: 'alice@example.org',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Madrid',
      });
      expect(registered.status).toBe(201);
      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'en-US',
        timezoneId: 'Europe/Madrid',
      });
      await signIn(page, 'alice@example.org', PASSWORD);
      await heading(page, 'Your Healthcare Hub').waitFor();

      await page.getByRole('link', { name: 'Profile' }).click();
      await heading(page, 'Your profile').waitFor();
      const section = page.getByRole('region', { name: 'Two-step sign-in' });
      await section.getByText('Two-step sign-in is off.').waitFor();
      await expectAccessible(page, 'profile with two-step sign-in off');

      await section.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      // The steps load when the button is pressed; the password field then takes the focus, and
      // the keyboard goes on from there.
      const passwordField = section.getByLabel(/^Password/);
      await passwordField.waitFor();
      expect(await passwordField.evaluate((field) => field === field.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.type('not-my-password');
      await page.keyboard.press('Enter');
      await section.getByRole('alert').getByText('The e-mail address or password is not correct.').waitFor();
      await section.getByLabel(/^Password/).fill(PASSWORD);
      await section.getByRole('button', { name: 'Continue' }).click();

      await section
        .getByRole('img', { name: 'QR code that adds your Consilium account to an authenticator app' })
        .waitFor();
      const key = await keyShown(page);
      expect(key).toMatch(/^[A-Z2-7]{16,}$/);
      const appLink = await section
        .getByRole('link', { name: 'Open in an authenticator app on this device' })
        .getAttribute('href');
      expect(new URL(appLink!).searchParams.get('secret')).toBe(key);
      await expectAccessible(page, 'two-step sign-in, the key');
      await page.screenshot({ path: artefactPath('two-step-key.png'), fullPage: true });

      await section.getByLabel(/^Code shown in the app/).fill('000000');
      await section.getByRole('button', { name: 'Confirm and turn on' }).click();
      await section.getByRole('alert').getByText('This code is not correct.', { exact: false }).waitFor();
      await section.getByLabel(/^Code shown in the app/).fill(await freshTotpCode(key));
      await section.getByRole('button', { name: 'Confirm and turn on' }).click();
      await section.getByRole('status').getByText('Two-step sign-in is on.').waitFor();
      const backupCodes = (await page.getByTestId('backup-codes').locator('li').allInnerTexts()).map((code) =>
        code.trim(),
      );
      expect(backupCodes).toHaveLength(10);
      expect(backupCodes[0]).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
      await expectAccessible(page, 'two-step sign-in, the backup codes');
      await section.getByRole('button', { name: 'I have kept my backup codes' }).click();
      await section.getByRole('button', { name: 'Turn off two-step sign-in' }).waitFor();

      // Signing in now takes the app's code.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await heading(page, 'Sign in').waitFor();
      expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(1);
      await signIn(page, 'alice@example.org', PASSWORD);
      await page.getByText('This account confirms each sign-in with a second step.').waitFor();
      // The account exists: its second step offers no sign-up.
      expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
      await page.getByLabel('Code from your authenticator app').fill(await freshTotpCode(key));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();

      // Or a backup code, once, in place of the phone.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await heading(page, 'Sign in').waitFor();
      await signIn(page, 'alice@example.org', PASSWORD);
      await page.getByRole('button', { name: 'Use a backup code instead' }).click();
      await page.getByLabel(/^Backup code/).fill(backupCodes[0]!);
      await expectAccessible(page, 'sign-in with a backup code');
      await page.getByRole('button', { name: 'Confirm' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();

      await page.getByRole('link', { name: 'Profile' }).click();
      await section.getByText('Two-step sign-in is on.').waitFor();
      await section.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
      await section.getByLabel(/^Password/).fill(PASSWORD);
      await expectAccessible(page, 'two-step sign-in, turning it off');
      await section.getByRole('button', { name: 'Turn off', exact: true }).click();
      await section.getByRole('status').getByText('Two-step sign-in is off.').waitFor();
      await section.getByRole('button', { name: 'Turn on two-step sign-in' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await heading(page, 'Sign in').waitFor();
      await signIn(page, 'alice@example.org', PASSWORD);
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a case manager created by operations chooses a password, sets up two-step sign-in and reaches the workspace, in Arabic',
    async () => {
      const { browser: ops } = await givenStaffSignedIn(server, 'ops');
      const created = await ops.post('/api/v1/staff', {
        email: 'nadia@staff.test',
        name: 'Nadia Haddad',
        role: 'case_manager',
        locale: 'ar',
        languages: ['ar', 'en'],
        timeZone: 'Asia/Dubai',
        weeklyShifts: [],
      });
      expect(created.status).toBe(201);
      const temporaryPassword = created.body.temporaryPassword as string;

      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Asia/Dubai',
      });
      // A link to the workspace: the app first takes the newcomer through their account's setup.
      await page.goto(`${server.url}/sign-in?next=${encodeURIComponent('/workspace')}`);
      await page.getByLabel('E-mail address').fill('nadia@staff.test');
      await page.getByLabel(/^Password/).fill(temporaryPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // The account's language is Arabic: right to left from here on.
      await heading(page, 'اختيار كلمة المرور الخاصة بك').waitFor();
      expect(new URL(page.url()).pathname).toBe('/me/password');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/workspace');
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      await expectAccessible(page, 'choose your own password (ar)');

      const ownPassword = 'nadia-chose-this-one-2026';
      await page.getByLabel(/^كلمة المرور المؤقتة/).fill(temporaryPassword);
      await page.getByLabel(/^كلمة المرور الجديدة(?! مرة)/).fill(ownPassword);
      await page.getByLabel(/^كلمة المرور الجديدة مرة أخرى/).fill('something-else-entirely');
      await page.getByRole('button', { name: 'حفظ كلمة المرور' }).click();
      await page.getByText('كلمتا المرور الجديدتان غير متطابقتين.').waitFor();
      await page.getByLabel(/^كلمة المرور الجديدة مرة أخرى/).fill(ownPassword);
      await page.getByRole('button', { name: 'حفظ كلمة المرور' }).click();

      await heading(page, 'إعداد تسجيل الدخول بخطوتين').waitFor();
      expect(new URL(page.url()).pathname).toBe('/me/two-step');
      // Nothing else opens until two-step sign-in is on.
      await page.goto(`${server.url}/workspace`);
      await heading(page, 'إعداد تسجيل الدخول بخطوتين').waitFor();
      await expectAccessible(page, 'set up two-step sign-in (ar)');

      await page.getByLabel(/^كلمة المرور/).fill(ownPassword);
      await page.getByRole('button', { name: 'متابعة' }).click();
      await page.getByRole('img', { name: 'رمز QR يضيف حسابك في Consilium إلى تطبيق مصادقة' }).waitFor();
      const key = await keyShown(page);
      await page.screenshot({ path: artefactPath('two-step-setup-ar.png'), fullPage: true });
      await page.getByLabel(/^الرمز الظاهر في التطبيق/).fill(await freshTotpCode(key));
      await page.getByRole('button', { name: 'تأكيد وتفعيل' }).click();
      await page.getByTestId('backup-codes').waitFor();
      await expectAccessible(page, 'backup codes (ar)');
      await page.getByRole('button', { name: 'احتفظت برموزي الاحتياطية' }).click();

      await heading(page, 'حالاتي').waitFor();
      expect(new URL(page.url()).pathname).toBe('/workspace');
      await expectAccessible(page, 'workspace after the first sign-in (ar)');

      // The next sign-in: the new password and the app's code.
      const next = new ApiClient(server.url);
      expect((await next.signIn('nadia@staff.test', temporaryPassword)).status).toBe(401);
      expect((await next.signInWithTwoFactor('nadia@staff.test', ownPassword, key)).status).toBe(200);
      expect((await next.get('/api/v1/cases?assigned=me')).status).toBe(200);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
