import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as ApiClient } from '../test/support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { chromiumAvailable, launchChromium, openWatchedPage } from './support/browser.js';

/**
 * The first reads of a page start from the HTML, before the app's scripts are in
 * (`public/early-reads.js`), and the app uses their answers instead of asking again: a member
 * opening their case page causes one read of each thing it shows, and the first script reads no
 * case for anyone else who opens the same address.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('the first reads of a page, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let member: ApiClient;
  let caseManager: ApiClient;
  let caseId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    // The only case manager: the member's case is theirs, and they may read it.
    caseManager = (
      await givenStaffSignedIn(server, 'case_manager', {
        name: 'Dr. Ana Ruiz',
        languages: ['en', 'es'],
        weeklyShifts: allWeek,
        maxOpenCases: 10,
      })
    ).browser;
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice.first-reads@example.org',
    );
    const submitted = await member.post('/api/v1/cases', {
      concern: 'I was told I need knee surgery.',
      diagnosisReceived: 'Torn meniscus',
      questions: ['Is the operation necessary?'],
      preferredLanguage: 'en',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/London',
      location: { country: 'GB', city: 'London' },
    });
    expect(submitted.status).toBe(201);
    caseId = (submitted.body as { id: string }).id;
    expect((await member.post(`/api/v1/cases/${caseId}/messages`, { body: 'Hello' })).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** A phone-sized window, carrying the given session cookies, that records the API reads it makes. */
  async function pageRecordingReads(cookieHeader: string | null): Promise<{ page: Page; reads: string[] }> {
    const { page } = await openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      serviceWorkers: 'block',
    });
    if (cookieHeader) {
      await page.context().addCookies(
        cookieHeader.split('; ').map((pair) => {
          const [name, ...value] = pair.split('=');
          return { name: name!, value: value.join('='), url: server.url };
        }),
      );
    }
    const reads: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith('/api/'))
        reads.push(`${url.pathname}${url.search}`.replace(caseId, ':id'));
    });
    return { page, reads };
  }

  it('a member opening their case page reads the account, the case, its timeline and its messages once each', async () => {
    const { page, reads } = await pageRecordingReads(member.cookieHeader());
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /^Caso \u2068?SMO-/ }).waitFor();
    await page.getByText('Hello').waitFor();

    const firstReads = [
      '/api/v1/me',
      '/api/v1/cases/:id',
      '/api/v1/cases/:id/events',
      '/api/v1/cases/:id/messages?limit=50',
    ];
    for (const address of firstReads) {
      expect(
        reads.filter((read) => read === address),
        `${address} among ${reads.join(', ')}`,
      ).toHaveLength(1);
    }
  });

  it("the page's first script reads a case only for a member: for a visitor or the case's own case manager it only asks who they are", async () => {
    for (const [who, cookies] of [
      ['a visitor', null],
      ['the case manager', caseManager.cookieHeader()],
    ] as const) {
      const { page, reads } = await pageRecordingReads(cookies);
      // The app's own code is kept away: what is read is the first script's doing alone.
      await page.route('**/assets/**', (route) => route.abort());
      await page.goto(`${server.url}/cases/${caseId}`);
      // Every read it started (or decided against) has settled.
      await page.waitForFunction(() => {
        const early = (globalThis as unknown as { consiliumEarlyReads?: Map<string, Promise<unknown>> })
          .consiliumEarlyReads;
        return early !== undefined;
      });
      await page.evaluate(async () => {
        const early = (globalThis as unknown as { consiliumEarlyReads: Map<string, Promise<unknown>> })
          .consiliumEarlyReads;
        await Promise.allSettled([...early.values()]);
      });
      expect(reads, who).toEqual(['/api/v1/me']);
    }
  });

  it('a visitor opening the address of a case is asked to sign in, and the way back is kept', async () => {
    const { page } = await pageRecordingReads(null);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/cases/${caseId}`);
  });
});
