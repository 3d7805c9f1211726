import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import {
  givenAddressConfirmed,
  givenPersonInRegister,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * Service reviews, in a real browser: a member in Madrid rates the service 4 stars in Spanish and
 * names her case manager; the moderator withholds the words (a staff name); the stars still count
 * on the public page, whose HTML carries the rating for search engines; she changes her words and
 * the moderator publishes them. The public page is read in Arabic too, right to left.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MANAGER = 'Lucía Romero';

describe.skipIf(!chromiumAvailable())('service reviews, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: ApiClient;
  let moderatorAccount: StaffAccount;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    await givenPersonInRegister(server, {
      membershipNumber: 'M-7100',
      givenName: 'Marta',
      familyName: 'Ibáñez',
      dateOfBirth: '1979-05-14',
      country: 'ES',
      preferredLanguage: 'es',
    });
    manager = (
      await givenStaffSignedIn(server, 'case_manager', {
        name: MANAGER,
        languages: ['es', 'en'],
        weeklyShifts: allWeek,
        maxOpenCases: 50,
      })
    ).browser;
    moderatorAccount = await givenStaff(server, 'moderator');
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Marta's account and a case of hers whose recommendations her case manager has delivered. */
  async function deliveredCase(): Promise<string> {
    const member = new ApiClient(server.url);
    const email = 'marta@example.es';
    const registered = await member.post('/api/v1/member-registrations', {
      membershipNumber: 'M-7100-01',
      dateOfBirth: '1979-05-14',
      email,
      password: PASSWORD,
      locale: 'es',
      timeZone: 'Europe/Madrid',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    await givenAddressConfirmed(server, email);
    await member.signIn(email, PASSWORD);
    const submitted = await member.post('/api/v1/cases', {
      concern: 'Me han propuesto una prótesis de rodilla y no sé si es necesaria.',
      diagnosisReceived: 'Artrosis de rodilla',
      questions: ['¿Hay alternativas a la prótesis?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    });
    const id = submitted.body.id as string;
    const contacted = await manager.post(`/api/v1/cases/${id}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    await manager.request('PUT', `/api/v1/cases/${id}/recommendations`, {
      json: { version: contacted.body.version, body: 'Fisioterapia durante tres meses antes de decidir.' },
    });
    const current = (await manager.get(`/api/v1/cases/${id}`)).body;
    const delivered = await manager.post(`/api/v1/cases/${id}/recommendations/delivery`, {
      version: current.version,
      withoutReviewReason: 'answered_by_case_manager',
    });
    expect(delivered.body.status).toBe('recommendations_delivered');
    return id;
  }

  async function memberPage(): Promise<Page> {
    const { page } = await openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: 'es-ES',
      timezoneId: 'Europe/Madrid',
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Correo electrónico').fill('marta@example.es');
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    return page;
  }

  async function moderatorPage(): Promise<Page> {
    const { page } = await staffSignedInPage(browser, contexts, {
      serverUrl: server.url,
      account: moderatorAccount,
      next: '/moderation',
    });
    await page.getByRole('heading', { level: 1, name: 'Service reviews' }).waitFor();
    return page;
  }

  it(
    'she rates 4 stars naming her case manager; the words are withheld, the stars count; she edits and it is published',
    async () => {
      const caseId = await deliveredCase();
      const page = await memberPage();
      await page.goto(`${server.url}/cases/${caseId}`);
      const panel = page.getByRole('region', { name: 'Valore el servicio' });
      await panel.waitFor();
      // The stars are a group of labelled choices, taken with the keyboard like any other.
      await panel.getByRole('radio', { name: '3 estrellas' }).check();
      await page.keyboard.press('ArrowRight');
      expect(await panel.getByRole('radio', { name: '4 estrellas' }).isChecked()).toBe(true);
      await panel.getByLabel('Título').fill('Me ayudaron mucho');
      await panel
        .getByRole('textbox', { name: /^Su opinión/ })
        .fill(`Mi gestora, ${MANAGER}, me llamó al día siguiente y me lo explicó todo <b>muy</b> bien.`);
      await expectAccessible(page, 'the rating form in Spanish');
      await expectFitsWidth(page, 'the rating form on a phone');
      await panel.getByRole('button', { name: 'Enviar mi opinión' }).click();
      await panel.getByText('Pendiente de moderación').waitFor();

      // The moderator sees the words, the stars and the flags, never the case.
      const moderation = await moderatorPage();
      const item = moderation.locator('article', { hasText: 'Me ayudaron mucho' });
      await item.getByText(`Staff name: Lucía`).waitFor();
      expect(await moderation.content()).not.toContain(caseId);
      await expectAccessible(moderation, "the moderator's queue");
      await item.getByRole('button', { name: 'Withhold the words' }).click();
      // Without a reason nothing is sent: the reason is asked for.
      await item.getByText('Choose why the words are withheld.').waitFor();
      await item.getByLabel('Reason to withhold').selectOption('staff_names');
      await item.getByRole('button', { name: 'Withhold the words' }).click();
      await moderation.getByText('No review here.').waitFor();

      // The public page, without signing in: the stars count, the words are not there.
      const { page: visitor } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'es-ES',
        timezoneId: 'Europe/Madrid',
      });
      const html = await (await visitor.request.get(`${server.url}/service-reviews`)).text();
      const jsonLd = /<script type="application\/ld\+json" id="service-rating">(.*?)<\/script>/s.exec(html);
      expect(JSON.parse(jsonLd![1]!).aggregateRating).toMatchObject({
        '@type': 'AggregateRating',
        ratingValue: 4,
        ratingCount: 1,
        reviewCount: 0,
      });
      // The page's HTML starts its reads before the app's scripts: each address is asked for once.
      const asked: string[] = [];
      visitor.on('request', (request) => {
        if (request.url().includes('/api/v1/service-reviews/')) asked.push(new URL(request.url()).pathname);
      });
      await visitor.goto(`${server.url}/service-reviews`);
      await visitor.getByTestId('rating-count').getByText('1 valoración').waitFor();
      await visitor.getByText('Todavía no hay opiniones publicadas con estos filtros.').waitFor();
      expect(asked.sort()).toEqual(['/api/v1/service-reviews/published', '/api/v1/service-reviews/rating']);
      await visitor.getByText('4 estrellas: 1 valoración').waitFor();
      await visitor.getByText('Todavía no hay opiniones publicadas con estos filtros.').waitFor();
      await expectAccessible(visitor, 'the public page in Spanish');
      await expectFitsWidth(visitor, 'the public page on a phone');

      // She reads why, changes her words, and the moderator publishes them.
      await page.reload();
      await panel.getByText(/nombra a personas del equipo/).waitFor();
      await panel.getByRole('button', { name: 'Cambiar mi opinión' }).click();
      await panel
        .getByRole('textbox', { name: /^Su opinión/ })
        .fill('Mi gestora me llamó al día siguiente y me lo explicó todo <b>muy</b> bien.');
      await panel.getByRole('button', { name: 'Guardar los cambios' }).click();
      await panel.getByText('Pendiente de moderación').waitFor();

      await moderation.reload();
      const edited = moderation.locator('article', { hasText: 'Me ayudaron mucho' });
      await edited.getByRole('button', { name: 'Publish the words' }).click();
      await moderation.getByText('No review here.').waitFor();

      await visitor.reload();
      const published = visitor.locator('article', { hasText: 'Me ayudaron mucho' });
      await published.getByText('Persona afiliada verificada').waitFor();
      // Script-like words are shown as the text they are.
      await published.getByText('<b>muy</b>', { exact: false }).waitFor();
      expect(await published.locator('b').count()).toBe(0);
      await visitor.getByLabel('Estrellas', { exact: true }).selectOption('5');
      await visitor.getByText('Todavía no hay opiniones publicadas con estos filtros.').waitFor();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the public page reads right to left in Arabic',
    async () => {
      const { page } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'ar',
        timezoneId: 'Asia/Dubai',
      });
      await page.goto(`${server.url}/service-reviews`);
      await page.getByRole('heading', { level: 1, name: 'آراء الأعضاء في الخدمة' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await expectAccessible(page, 'the public page in Arabic');
      await expectFitsWidth(page, 'the public page in Arabic on a phone');
    },
    JOURNEY_TIMEOUT,
  );
});
