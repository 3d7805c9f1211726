import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCoverageFile } from '../src/server/modules/coverage/service.js';
import { systemContext } from '../src/server/platform/context.js';
import { BENEFIT_RULES_FORMAT } from '../src/shared/coverage.js';
import { Browser as ApiClient } from '../test/support/client.js';
import { facilityCsvHeader, facilityCsvRow } from '../test/support/facilities.js';
import {
  givenAddressConfirmed,
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
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The referral, end to end: the case manager refers Salma, who lives in Dubai, to an orthopaedic
 * clinic the finder proposes near her, for day-case surgery her plan covers once pre-authorised;
 * the cover assessor approves on the desk; Salma, reading her case page in Arabic (right to left),
 * sees the referral change to approved while she is on it, the clinic's address and phone, and
 * what she pays. axe-core checks each page.
 */
const JOURNEY_TIMEOUT = 180_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const benefit = (clause: string, extra: Record<string, unknown> = {}) => ({
  clause,
  covered: true,
  ...extra,
});

/** Arabic-Indic digits read as Latin ones, to find an amount whichever digits the locale writes. */
const latinDigits = (text: string) =>
  text.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(/[٬,]/g, '');

describe.skipIf(!chromiumAvailable())(
  'a referral with its pre-authorisation, seen by the member in Arabic',
  () => {
    let server: TestServer;
    let browser: Browser;
    let manager: StaffAccount;
    let assessor: StaffAccount;
    let caseId: string;
    const contexts: BrowserContext[] = [];
    const email = 'salma@referrals.example';

    beforeAll(async () => {
      server = await startTestServer();
      await givenRegister(server);
      manager = await givenStaff(server, 'case_manager', {
        name: 'Layla Mansour',
        languages: ['ar', 'en'],
        weeklyShifts: allWeek,
        maxOpenCases: 10,
      });
      assessor = await givenStaff(server, 'cover_assessor', { name: 'Karim Haddad' });
      const imported = await importCoverageFile(systemContext(server.runtime, 'e2e-rules'), {
        kind: 'benefits',
        dryRun: false,
        content: JSON.stringify({
          format: BENEFIT_RULES_FORMAT,
          plans: [
            {
              planCode: 'IND',
              versions: [
                {
                  label: '2026',
                  effectiveFrom: '2019-01-01',
                  effectiveTo: null,
                  currency: 'USD',
                  clauses: { membership: '1.1', preExistingConditions: '5.1' },
                  areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
                  exclusions: [],
                  benefits: {
                    outpatient_consultation: benefit('3.1'),
                    diagnostics_imaging: benefit('3.2'),
                    day_case_surgery: benefit('3.3', {
                      coInsurancePercent: 10,
                      preauthorisation: { when: 'always' },
                      network: 'direct_billing_network',
                    }),
                    inpatient_surgery: benefit('3.4'),
                    cancer_treatment: benefit('3.5'),
                    physiotherapy: benefit('3.6'),
                    mental_health: { clause: '3.7', covered: false },
                    second_opinion: benefit('3.8'),
                  },
                },
              ],
            },
          ],
        }),
      });
      expect(imported.problems).toEqual([]);
      const ops = (await givenStaffSignedIn(server, 'ops')).browser;
      const facilities = await ops.request('POST', '/api/v1/facility-imports', {
        body: Buffer.from([facilityCsvHeader, facilityCsvRow({ id: 'F-JSO' })].join('\n')),
        headers: { 'content-type': 'text/csv' },
      });
      expect(facilities.status, JSON.stringify(facilities.body)).toBe(201);

      // Salma reads the service in Arabic; her recommendations are delivered.
      const member = new ApiClient(server.url);
      const registered = await member.post('/api/v1/member-registrations', {
        membershipNumber: 'M-1000-01',
        dateOfBirth: '1980-02-29',
        email,
        password: PASSWORD,
        locale: 'ar',
        timeZone: 'Asia/Dubai',
      });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      await givenAddressConfirmed(server, email);
      expect((await member.signIn(email, PASSWORD)).status).toBe(200);
      const submitted = await member.post('/api/v1/cases', {
        concern: 'ركبتي تنغلق عند صعود الدرج، والجراح يقترح عملية.',
        diagnosisReceived: 'تمزق الغضروف الهلالي',
        questions: ['هل أحتاج إلى جراحة؟'],
        preferredLanguage: 'ar',
        contactChannel: 'message',
        timeZone: 'Asia/Dubai',
        location: { country: 'AE', city: 'Dubai' },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      caseId = submitted.body.id;
      browser = await launchChromium();
    }, JOURNEY_TIMEOUT);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
    });

    async function memberPage(): Promise<Page> {
      const { page } = await openWatchedPage(browser, contexts, {
        viewport: { width: 390, height: 844 },
        locale: 'ar',
        timezoneId: 'Asia/Dubai',
      });
      await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/cases/${caseId}`)}`);
      await page.locator('input[type="email"]').fill(email);
      await page.locator('input[type="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
      await page.waitForURL((url) => url.pathname === `/cases/${caseId}`);
      return page;
    }

    it(
      'the case manager refers, the assessor approves, and Salma sees where to go and what she pays',
      async () => {
        // The case manager delivers the recommendations in the workspace's own API session.
        const { page: work, problems } = await staffSignedInPage(browser, contexts, {
          serverUrl: server.url,
          account: manager,
          next: `/workspace/cases/${caseId}`,
        });
        const api = work.context().request;
        const read = async () =>
          (await (await api.get(`${server.url}/api/v1/cases/${caseId}`)).json()).version;
        const origin = { origin: server.url };
        expect(
          (
            await api.post(`${server.url}/api/v1/cases/${caseId}/contacts`, {
              headers: origin,
              data: {
                version: await read(),
                channel: 'message',
                contactedAt: server.clock.now().toISOString(),
                outcome: 'reached',
              },
            })
          ).status(),
        ).toBe(201);
        await api.put(`${server.url}/api/v1/cases/${caseId}/recommendations`, {
          headers: origin,
          data: { version: await read(), body: 'عملية تنظير يومية في عيادة قريبة منك.' },
        });
        expect(
          (
            await api.post(`${server.url}/api/v1/cases/${caseId}/recommendations/delivery`, {
              headers: origin,
              data: { version: await read(), withoutReviewReason: 'answered_by_case_manager' },
            })
          ).status(),
        ).toBe(201);

        // The referral form, beside the facility finder.
        await work.reload();
        await work.getByRole('tab', { name: 'Referrals' }).click();
        const form = work.locator('form[aria-labelledby="referral-form"]');
        await form.waitFor();
        await form.getByRole('combobox', { name: 'Service', exact: true }).fill('Orthopaedic sports');
        await work.getByRole('option', { name: 'Orthopaedic sports medicine', exact: true }).click();
        await form.getByRole('combobox', { name: 'Benefit of the plan' }).click();
        await work.getByRole('option', { name: 'Day-case surgery', exact: true }).click();
        await form.getByLabel('ICD-10 code').fill('S83.2');
        await form
          .getByLabel('Reason, and what is asked of them')
          .fill('Arthroscopic partial meniscectomy, right knee.');
        await form.getByLabel('Planned date').fill('2026-09-10');
        await form.getByLabel('Estimated cost').fill('5000');
        await form.getByLabel('Currency (the plan’s)').fill('USD');
        await form.getByRole('button', { name: 'Find facilities for this service' }).click();
        await form.getByRole('radio', { name: /^Jumeirah Sports Orthopaedics, Dubai/ }).check();
        await expectAccessible(work, 'the referral form');
        await form.getByRole('button', { name: 'Refer', exact: true }).click();
        await form.getByText('Referral made.').waitFor();
        const summary = work.getByRole('article', { name: 'Referral for Orthopaedic sports medicine' });
        await summary.getByText('Waiting for the insurer’s decision').waitFor();
        expect(problems).toEqual([]);

        // Salma opens her case: the referral is there, waiting.
        const page = await memberPage();
        expect(await page.getAttribute('html', 'dir')).toBe('rtl');
        const panel = page.getByRole('region', { name: 'الإحالة والتغطية' });
        await panel.getByText('بانتظار قرار شركة التأمين').waitFor();

        // The cover assessor approves it on the desk.
        const { page: desk, problems: deskProblems } = await staffSignedInPage(browser, contexts, {
          serverUrl: server.url,
          account: assessor,
          next: '/cover',
        });
        await desk.getByRole('heading', { level: 1, name: 'Pre-authorisation requests' }).waitFor();
        const request = desk.getByRole('article').filter({ hasText: 'Orthopaedic sports medicine' });
        await request.getByLabel('Valid to').fill('2026-10-31');
        await request.getByLabel('Approval reference').fill('PA-2026-0042');
        await expectAccessible(desk, 'the cover assessors’ desk');
        await request.getByRole('button', { name: 'Record the decision' }).click();
        await desk.getByText('No request here.').waitFor();
        expect(deskProblems).toEqual([]);

        // On Salma's page, live: approved; where to go and what she pays ($500 of $5,000).
        await panel.getByText('تمت الموافقة', { exact: true }).waitFor();
        const text = await panel.innerText();
        expect(text).toContain('Jumeirah Sports Orthopaedics');
        expect(text).toContain('Al Wasl Road 12');
        expect(await panel.getByRole('link', { name: '+971 4 312 3456' }).getAttribute('href')).toBe(
          'tel:+97143123456',
        );
        expect(await panel.getByRole('link', { name: 'فتح في تطبيق خرائط' }).getAttribute('href')).toBe(
          'geo:25.197200,55.238800',
        );
        expect(latinDigits(await panel.getByTestId('member-pays').innerText())).toContain('500');
        expect(latinDigits(await panel.getByTestId('plan-pays').innerText())).toContain('4500');
        await expectAccessible(page, 'the referral on the case page (ar)');
      },
      JOURNEY_TIMEOUT,
    );
  },
);
