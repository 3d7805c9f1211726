import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode } from '../test/support/totp.js';
import { Browser as ApiClient } from '../test/support/client.js';
import { givenRegister, givenStaff, PASSWORD } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
} from './support/browser.js';

/**
 * The member's first steps, in a real browser against a real server on a fresh database: sign
 * up by proving membership, sign in, the Healthcare Hub in Spanish and in Arabic (right to left),
 * the keyboard alone, an ended session, and a staff member's second step. axe-core checks every
 * page visited; the app's CSP stays on and the page must not complain.
 */
const JOURNEY_TIMEOUT = 90_000;

describe.skipIf(!chromiumAvailable())('member journeys in Chromium', () => {
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

  /** A phone-sized window (375 px wide), English-speaking browser, its own cookies and storage. */
  async function openPage(options: { locale?: string } = {}): Promise<{ page: Page; problems: string[] }> {
    return openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: options.locale ?? 'en-US',
      timezoneId: 'Europe/Madrid',
    });
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  async function registerThroughApi(
    membershipNumber: string,
    dateOfBirth: string,
    email: string,
    locale: string,
  ) {
    const visitor = new ApiClient(server.url);
    const reply = await visitor.post('/api/v1/member-registrations', {
      membershipNumber,
      dateOfBirth,
      email,
      password: PASSWORD,
      locale,
      timeZone: 'Europe/Madrid',
    });
    expect(reply.status).toBe(201);
  }

  it(
    'a member chooses Spanish, signs up with membership proof, and sees the Healthcare Hub in Spanish',
    async () => {
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/`);
      // Not signed in: the app sends the visitor to sign in.
      await heading(page, 'Sign in').waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expectAccessible(page, 'sign-in (en)');
      await expectFitsWidth(page, 'sign-in (en)');

      await page.getByLabel('Language').selectOption('es');
      await heading(page, 'Iniciar sesión').waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('es');

      await page.getByRole('link', { name: 'Cree una cuenta con su número de afiliación' }).click();
      await heading(page, 'Cree su cuenta').waitFor();
      await expectAccessible(page, 'sign-up (es)');
      await expectFitsWidth(page, 'sign-up (es)');

      // A wrong date of birth: one calm, translated message, and nothing else is said.
      await page.getByLabel('Número de afiliación').fill('M-4000-01');
      await page.getByLabel('Fecha de nacimiento').fill('1992-12-13');
      await page.getByLabel('Correo electrónico').fill('fatima@example.org');
      await page.getByLabel(/^Contraseña/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
      await page
        .getByRole('alert')
        .getByText(
          'No hemos podido confirmar esta afiliación. Compruebe el número de afiliación y la fecha de nacimiento.',
        )
        .waitFor();
      await expectAccessible(page, 'sign-up with an error (es)');
      await expectFitsWidth(page, 'sign-up with an error (es)');

      await page.getByLabel('Fecha de nacimiento').fill('1992-12-12');
      await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
      await heading(page, 'Su Portal de Salud').waitFor();
      await page.getByText('Hola, Fatima').waitFor();

      // A company plan: Mind Health was added by the employer, the opinion is on the plan.
      const mindHealth = page.locator('[data-service="mind_health"]');
      await mindHealth.getByRole('heading', { name: 'Salud Mental' }).waitFor();
      await mindHealth.getByText('Añadido por su empresa').waitFor();
      const opinion = page.locator('[data-service="second_medical_opinion"]');
      await opinion.getByText('Incluido en su plan').waitFor();
      await page.getByText('Todavía no tiene casos.', { exact: false }).waitFor();
      await page.getByText('Ofrecido por Acme Ltd').waitFor();
      await expectAccessible(page, 'Healthcare Hub (es)');
      await expectFitsWidth(page, 'Healthcare Hub (es)');

      // The account took the language chosen before signing up.
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ locale: 'es', timeZone: 'Europe/Madrid' });

      await page.getByRole('button', { name: 'Cerrar sesión' }).click();
      await heading(page, 'Iniciar sesión').waitFor();
      await page.getByLabel('Correo electrónico').fill('fatima@example.org');
      await page.getByLabel(/^Contraseña/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await heading(page, 'Su Portal de Salud').waitFor();
      // Focus moved to the new page's heading.
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H1');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a sign-up whose automatic sign-in is refused by the rate limit leads to signing in, not to an error',
    async () => {
      const { page, problems } = await openPage();
      // The sign-in that follows the sign-up meets the limit of sign-in attempts, once.
      let refused = 0;
      await page.route('**/api/auth/sign-in/email', async (route) => {
        if (refused > 0) return route.continue();
        refused += 1;
        return route.fulfill({
          status: 429,
          headers: { 'retry-after': '60' },
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 429, code: 'auth.rate_limited', title: 'Too many attempts.' }),
        });
      });
      await page.goto(`${server.url}/sign-up`);
      await heading(page, 'Create your account').waitFor();
      await page.getByLabel('Membership number').fill('M-5000-01');
      await page.getByLabel('Date of birth').fill('1960-01-01');
      await page.getByLabel('E-mail address').fill('gustav@example.org');
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create my account' }).click();

      await heading(page, 'Sign in').waitFor();
      await page
        .getByRole('status')
        .getByText(
          'Your account has been created. Sign in with your e-mail address and password to continue.',
        )
        .waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.getByLabel('E-mail address').fill('gustav@example.org');
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(refused).toBe(1);
      // The refused call is the one the journey staged; nothing else went wrong.
      expect(problems.filter((problem) => !problem.includes('429'))).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the Arabic Healthcare Hub is laid out right to left',
    async () => {
      await registerThroughApi('M-3000-01', '1985-10-01', 'carmen@example.org', 'ar');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/sign-in`);
      await heading(page, 'Sign in').waitFor();
      await page.getByLabel('E-mail address').fill('carmen@example.org');
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // The account's language wins: the hub opens in Arabic, right to left.
      await heading(page, 'مركز الرعاية الصحية الخاص بك').waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      await page.getByText('العيادة الافتراضية').waitFor();
      // A family plan: the child the member is guardian of is listed.
      await page.getByText('Elena Tester (الابن أو الابنة)').waitFor();
      const direction = await page.evaluate(
        () =>
          (globalThis as any).getComputedStyle((globalThis as any).document.querySelector('main')).direction,
      );
      expect(direction).toBe('rtl');
      await expectAccessible(page, 'Healthcare Hub (ar)');
      await expectFitsWidth(page, 'Healthcare Hub (ar)');
      await page.screenshot({ path: artefactPath('healthcare-hub-ar.png'), fullPage: true });
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'sign-in works with the keyboard alone, and a wrong password is told in words',
    async () => {
      await registerThroughApi('M-1000-01', '1980-02-29', 'alice@example.org', 'en');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/sign-in`);
      await heading(page, 'Sign in').waitFor();

      const focused = () =>
        page.evaluate(() => {
          const element = (globalThis as any).document.activeElement;
          return `${element?.tagName ?? ''}:${element?.getAttribute('autocomplete') ?? element?.textContent ?? ''}`;
        });
      // Skip link, brand, language menu, then the e-mail field: a short, predictable path.
      let steps = 0;
      while ((await focused()) !== 'INPUT:username' && steps < 8) {
        await page.keyboard.press('Tab');
        steps += 1;
      }
      expect(await focused()).toBe('INPUT:username');
      await page.keyboard.type('alice@example.org');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('INPUT:current-password');
      await page.keyboard.type('not-the-password');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').getByText('The e-mail address or password is not correct.').waitFor();
      await expectAccessible(page, 'sign-in with an error (en)');
      await expectFitsWidth(page, 'sign-in with an error (en)');

      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(await focused()).toMatch(/^H1:/);
      await page.getByText('You have no cases yet.', { exact: false }).waitFor();
      await expectAccessible(page, 'Healthcare Hub (en)');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'an ended session returns to sign-in, and signing in again comes back to where the member was',
    async () => {
      await registerThroughApi('M-3000-02', '1984-03-03', 'dario@example.org', 'en');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/sign-in?next=${encodeURIComponent('/?view=cases')}`);
      await page.getByLabel('E-mail address').fill('dario@example.org');
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(new URL(page.url()).search).toBe('?view=cases');

      // The session ends on the server (signed out elsewhere); the next request answers 401. Here
      // that request is the member choosing French: they are asked to sign in again, in French.
      await page.context().clearCookies();
      await page.getByLabel('Language').selectOption('fr');
      await page.getByText('Votre session a pris fin.', { exact: false }).waitFor();
      const url = new URL(page.url());
      expect(url.pathname).toBe('/sign-in');
      expect(url.searchParams.get('next')).toBe('/?view=cases');
      await expectAccessible(page, 'sign-in after the session ended (fr)');

      await page.getByLabel('Adresse e-mail').fill('dario@example.org');
      await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      // Back where they were, in the language of their account.
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(new URL(page.url()).search).toBe('?view=cases');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff confirm their sign-in with the code of their authenticator app',
    async () => {
      const staff = await givenStaff(server, 'case_manager');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('E-mail address').fill(staff.email);
      await page.getByLabel(/^Password/).fill(staff.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const code = page.getByLabel('Code from your authenticator app');
      await code.waitFor();
      await expectAccessible(page, 'sign-in, second step');
      await code.fill('000000');
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('alert').getByText('This code is not correct.', { exact: false }).waitFor();
      await code.fill(await freshTotpCode(staff.totpSecret));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await heading(page, 'You are signed in').waitFor();
      await expectAccessible(page, 'staff start page');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
