import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFacilities } from '../src/server/modules/facilities/demo.js';
import { systemContext } from '../src/server/platform/context.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  type StaffAccount,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { chromiumAvailable, expectAccessible, launchChromium, staffSignedInPage } from './support/browser.js';

/**
 * A case manager who works in Arabic finds, from the case of a member in Dubai, orthopaedic
 * facilities whose staff speak Arabic and that bill the insurer directly, in the demo's register:
 * right to left, each facility with its distance, languages, billing and accreditation. axe-core
 * checks the page.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('the facility finder in the case workspace, in Arabic', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let manager: StaffAccount;
  let caseId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-facilities-e2e-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    await givenRegister(server);
    manager = await givenStaff(server, 'case_manager', {
      name: 'Nadia Haddad',
      locale: 'ar',
      languages: ['ar', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 10,
      timeZone: 'Asia/Dubai',
    });
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@facilities.test',
    );
    const submitted = await member.post('/api/v1/cases', {
      concern: 'My knee gave way playing football; the MRI shows a torn ligament.',
      diagnosisReceived: 'Anterior cruciate ligament rupture, right knee',
      firstOpinion: { doctorName: 'Dr. Saleh', institution: 'Clinic', country: 'AE' },
      questions: ['Do I need surgery?'],
      preferredLanguage: 'ar',
      contactChannel: 'phone',
      contactPhone: '+971 50 123 4567',
      timeZone: 'Asia/Dubai',
      location: { country: 'AE', city: 'Dubai' },
    });
    expect(submitted.status).toBe(201);
    caseId = submitted.body.id;
    await seedDemoFacilities(systemContext(server.runtime, 'e2e-demo-facilities'));
    browser = await launchChromium();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'finds orthopaedic facilities near Dubai with Arabic-speaking staff and direct billing, right to left',
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${caseId}`,
      });
      await page.getByRole('tab', { name: 'المنشآت الصحية' }).click();
      await page.getByRole('heading', { name: 'منشآت صحية قريبة من المشترك' }).waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');

      await page.getByRole('combobox', { name: 'الخدمة', exact: true }).fill('جراحة العظام');
      await page.getByRole('option', { name: 'جراحة العظام', exact: true }).click();
      // The member's language is offered first.
      expect(await page.getByRole('combobox', { name: 'اللغة المحكية', exact: true }).inputValue()).toBe(
        'العربية',
      );
      await page.getByLabel('تُصدر فواتيرها مباشرة إلى شركة التأمين').check();
      await page.getByRole('button', { name: 'ابحث عن منشآت' }).click();

      const results = page.locator('section[aria-labelledby="facilities-results"] li');
      await results.first().waitFor();
      const texts = await results.allInnerTexts();
      expect(texts.length).toBeGreaterThanOrEqual(3);
      for (const name of [
        'Al Wasl Orthopaedic & Sports Medicine Centre',
        'Healthcare City Bone & Joint Hospital',
        'Al Barsha Spine and Joint Clinic',
      ]) {
        expect(
          texts.some((text) => text.includes(name)),
          name,
        ).toBe(true);
      }
      // Every one bills directly and its staff speak Arabic; the one that does not bill is not there.
      expect(texts.every((text) => text.includes('فوترة مباشرة') && !text.includes('لا فوترة مباشرة'))).toBe(
        true,
      );
      expect(texts.every((text) => text.includes('العربية'))).toBe(true);
      expect(texts.some((text) => text.includes('Deira Orthopaedic Day Surgery'))).toBe(false);
      await expectAccessible(page, 'facility finder (ar)');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
