import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty, type DemoAccounts } from '../src/server/demo/seed.js';
import { specialtyName } from '../src/shared/specialty-taxonomy.js';
import coverageAr from '../src/web/i18n/locales/coverage/ar.json' with { type: 'json' };
import coverageEs from '../src/web/i18n/locales/coverage/es.json' with { type: 'json' };
import referralsAr from '../src/web/i18n/locales/referrals/ar.json' with { type: 'json' };
import referralsEn from '../src/web/i18n/locales/referrals/en.json' with { type: 'json' };
import referralsEs from '../src/web/i18n/locales/referrals/es.json' with { type: 'json' };
import staffAr from '../src/web/i18n/locales/staff/ar.json' with { type: 'json' };
import staffEs from '../src/web/i18n/locales/staff/es.json' with { type: 'json' };
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The two journeys of the referral, on the demo a newcomer gets after `npm start`.
 *
 * Amira lives in Dubai and reads the service in Arabic; the recommendations for her torn ligament
 * are delivered. Her case manager, Dr Karim Mansour, finds three orthopaedic facilities near her
 * whose staff speak Arabic and that bill the insurer directly, checks her cover (day-case surgery:
 * pre-authorisation needed) and refers her; the cover assessor approves; Amira reads on her case
 * page, right to left, where to go and that the plan pays all but her co-insurance, in dirhams.
 *
 * Carlos, posted to Casablanca, is on his employer's plan, which covers Europe only: Dr Elena
 * García refers him to a surgeon where he is, the check answers "not covered", and Carlos reads why
 * (and withdraws the referral).
 * axe-core checks each page.
 */
const JOURNEY_TIMEOUT = 240_000;

/** Arabic-Indic digits read as Latin ones, to find an amount whichever digits the locale writes. */
const latinDigits = (text: string) =>
  text.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(/[٬,]/g, '');

/** A date `days` from the server's today, as a date input takes it. */
const inDays = (server: TestServer, days: number) =>
  new Date(server.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!chromiumAvailable())('referrals on the demo: covered in Dubai, not in Casablanca', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let demo: DemoAccounts;
  const contexts: BrowserContext[] = [];

  const staff = (email: string) => {
    const account = demo.accounts.find((entry) => entry.email === email)!;
    return { email, password: DEMO_PASSWORD, totpSecret: account.totpSecret! };
  };

  /** The demo member's case, asked from `country`, whose recommendations are delivered. */
  async function deliveredCaseOf(email: string, country: string): Promise<string> {
    const found = await server.sql.query(
      `SELECT c.id FROM opinion_case c JOIN "user" u ON u.id = c.requested_by_user_id
        WHERE u.email = $1 AND c.status = 'recommendations_delivered' AND c.location_country = $2`,
      [email, country],
    );
    expect(found.rows).toHaveLength(1);
    return found.rows[0].id;
  }

  async function memberPage(
    email: string,
    where: { locale: string; timezoneId: string },
    caseId: string,
  ): Promise<Page> {
    const { page } = await openWatchedPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      ...where,
    });
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/cases/${caseId}`)}`);
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    return page;
  }

  /**
   * The case manager opens the case's Referrals tab and fills the referral of the journeys:
   * orthopaedic day-case surgery for the torn ligament (S83.5), in a month, at an estimate.
   */
  async function referralForm(
    email: string,
    caseId: string,
    words: {
      referrals: typeof referralsEn;
      coverage: typeof coverageEs;
      staff: typeof staffEs;
      locale: string;
    },
    surgery: { reason: string; cost: string; currency: string },
  ) {
    const { page: work, problems } = await staffSignedInPage(browser, contexts, {
      serverUrl: server.url,
      account: staff(email),
      next: `/workspace/cases/${caseId}`,
    });
    await work.getByRole('tab', { name: words.staff['cm.tab.referrals'] }).click();
    const form = work.locator('form[aria-labelledby="referral-form"]');
    await form.waitFor();
    const label = words.referrals;
    const orthopaedics = specialtyName('OS', words.locale)!;
    await form
      .getByRole('combobox', { name: label['referrals.form.service'], exact: true })
      .fill(orthopaedics);
    await work.getByRole('option', { name: orthopaedics, exact: true }).click();
    await form.getByRole('combobox', { name: label['referrals.form.benefit'] }).click();
    await work
      .getByRole('option', { name: words.coverage['coverage.benefit.day_case_surgery'], exact: true })
      .click();
    await form.getByLabel(label['referrals.form.icd10']).fill('S83.5');
    await form.getByLabel(label['referrals.form.reason']).fill(surgery.reason);
    await form.getByLabel(label['referrals.form.treatmentDate']).fill(inDays(server, 30));
    await form.getByLabel(label['referrals.form.cost']).fill(surgery.cost);
    await form.getByLabel(label['referrals.form.currency']).fill(surgery.currency);
    return { work, form, problems };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-referrals-e2e-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    demo = (await seedDemoIfEmpty(server.runtime))!;
    browser = await launchChromium();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'Amira in Dubai: three facilities, pre-authorisation needed, approved; she reads it right to left in dirhams',
    async () => {
      const caseId = await deliveredCaseOf('amira.haddad@demo.consilium.test', 'AE');
      const words = referralsAr;
      const { work, form, problems } = await referralForm(
        'karim.mansour@demo.consilium.test',
        caseId,
        { referrals: referralsAr, coverage: coverageAr, staff: staffAr, locale: 'ar' },
        {
          reason: 'إعادة بناء الرباط الصليبي الأمامي بالمنظار، جراحة يومية.',
          cost: '18500',
          currency: 'AED',
        },
      );

      // Three orthopaedic facilities near her, Arabic-speaking, billing the insurer directly.
      await form.getByLabel(words['referrals.form.directBilling']).check();
      await form.getByRole('button', { name: words['referrals.form.find'] }).click();
      const proposed = form.getByRole('radio', { name: /Dubai/ });
      await proposed.first().waitFor();
      expect(await proposed.count()).toBeGreaterThanOrEqual(3);
      for (const name of [
        'Al Wasl Orthopaedic & Sports Medicine Centre',
        'Healthcare City Bone & Joint Hospital',
        'Al Barsha Spine and Joint Clinic',
      ])
        expect(await form.getByRole('radio', { name }).count(), name).toBe(1);
      expect(await form.getByRole('radio', { name: /Deira Orthopaedic Day Surgery/ }).count()).toBe(0);
      await form.getByRole('radio', { name: /^Al Wasl Orthopaedic/ }).check();

      // The cover: covered once pre-authorised.
      await form.getByRole('button', { name: words['referrals.form.checkCover'] }).click();
      const check = form.getByRole('region', { name: words['referrals.form.coverHeading'] });
      await check.getByText(coverageAr['coverage.outcome.covered_after_preauthorisation']).waitFor();
      await expectAccessible(work, 'the referral form (ar)');
      await form.getByRole('button', { name: words['referrals.form.submit'], exact: true }).click();
      await form.getByText(words['referrals.form.sent']).waitFor();
      expect(problems).toEqual([]);

      // The cover assessor approves on the desk.
      const { page: desk, problems: deskProblems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: staff('cover@demo.consilium.test'),
        next: '/cover',
      });
      const request = desk.getByRole('article').filter({ hasText: 'Amira Haddad' });
      await request.getByLabel(referralsEn['referrals.desk.validTo']).fill(inDays(server, 90));
      await request.getByLabel(referralsEn['referrals.desk.reference']).fill('PA-2026-7001');
      await request.getByRole('button', { name: referralsEn['referrals.desk.submit'] }).click();
      await desk.getByText(referralsEn['referrals.desk.empty']).waitFor();
      // Decided: the guarantee of payment to the clinic, which bills directly, to download.
      await desk.getByText(referralsEn['referrals.desk.decided'], { exact: true }).click();
      const guarantee = desk.getByRole('link', { name: referralsEn['referrals.guarantee'] });
      const href = (await guarantee.getAttribute('href'))!;
      expect(href).toMatch(/^\/api\/v1\/preauthorisations\/[0-9a-f-]+\/guarantee-letter$/);
      const pdf = await desk.context().request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(deskProblems).toEqual([]);

      // Amira, right to left: where to go, and all but her 10 % co-insurance paid, in dirhams.
      const page = await memberPage(
        'amira.haddad@demo.consilium.test',
        { locale: 'ar', timezoneId: 'Asia/Dubai' },
        caseId,
      );
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      const panel = page.getByRole('region', { name: words['referrals.panel.heading'] });
      await panel.getByText(words['referrals.preauth.status.approved'], { exact: true }).waitFor();
      const text = await panel.innerText();
      expect(text).toContain('Al Wasl Orthopaedic & Sports Medicine Centre');
      expect(text).toContain('Al Wasl Road 410, Jumeirah 2');
      expect(await panel.getByRole('link', { name: '+971 4 312 3456' }).getAttribute('href')).toBe(
        'tel:+97143123456',
      );
      const planPays = latinDigits(await panel.getByTestId('plan-pays').innerText());
      const memberPays = latinDigits(await panel.getByTestId('member-pays').innerText());
      expect(planPays).toContain('16650');
      expect(memberPays).toContain('1850');
      expect(memberPays).toMatch(/د\.إ/);
      const why = panel.getByRole('list', { name: words['referrals.cover.why'] });
      const reasons = latinDigits(await why.innerText());
      expect(reasons).toContain(`${coverageAr['coverage.rule.co_insurance'].split('{percent}')[0]!}10٪`);
      await expectAccessible(page, 'the referral on Amira’s case page (ar)');
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'Carlos in Casablanca: not covered, outside the area of cover, and he reads why',
    async () => {
      const caseId = await deliveredCaseOf('carlos.ruiz@demo.consilium.test', 'MA');
      const words = referralsEs;
      const { form, problems } = await referralForm(
        'elena.garcia@demo.consilium.test',
        caseId,
        { referrals: referralsEs, coverage: coverageEs, staff: staffEs, locale: 'es' },
        {
          reason: 'Reconstrucción artroscópica del ligamento cruzado anterior.',
          cost: '9000',
          currency: 'EUR',
        },
      );
      await form.getByLabel(words['referrals.form.doctor']).fill('Dr Youssef Alaoui');
      // No facility: the treatment is where he is, in Morocco.
      expect(await form.getByLabel(words['referrals.form.country']).inputValue()).toBe('MA');
      await form.getByRole('button', { name: words['referrals.form.submit'], exact: true }).click();
      await form.getByText(words['referrals.form.sent']).waitFor();
      expect(problems).toEqual([]);

      const page = await memberPage(
        'carlos.ruiz@demo.consilium.test',
        { locale: 'es', timezoneId: 'Africa/Casablanca' },
        caseId,
      );
      const panel = page.getByRole('region', { name: words['referrals.panel.heading'] });
      await panel.getByText(coverageEs['coverage.outcome.not_covered'], { exact: true }).waitFor();
      const why = await panel.getByRole('list', { name: words['referrals.cover.why'] }).innerText();
      expect(why).toContain('Marruecos');
      expect(why).toContain(coverageEs['coverage.rule.area_outside'].split('{country}')[1]!.trim());
      expect(await panel.getByText(words['referrals.preauth.notNeeded']).count()).toBe(1);
      await expectAccessible(page, 'a referral that is not covered (es)');
      // Not covered where he is: he withdraws it, saying why.
      await panel.getByLabel(words['referrals.withdraw.reason']).fill('Me operaré en Madrid en verano.');
      await panel.getByRole('button', { name: words['referrals.withdraw.submit'] }).click();
      await panel.getByText(words['referrals.withdrawn'], { exact: true }).waitFor();
      expect(await panel.getByRole('button', { name: words['referrals.withdraw.submit'] }).count()).toBe(0);
    },
    JOURNEY_TIMEOUT,
  );
});
