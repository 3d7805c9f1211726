import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import {
  givenAddressConfirmed,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
} from '../test/support/factories.js';
import { givenSummaryWritten } from '../test/support/outcomes.js';
import { givenSpecialistAtDesk } from '../test/support/reviews.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
} from './support/browser.js';

/**
 * Where members tripped, in a real browser against a real server: opening and downloading the
 * records of their case and the written opinion report; answering a record request with a file
 * of another kind than the one asked for; a plan that is not in force, said before any form; and
 * a second open case for the same person, warned of with a link to the first.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

const pdf = (words: string) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7\n% ${words}\n`),
    Buffer.alloc(30_000, 0x20),
    Buffer.from('\n%%EOF\n'),
  ]);

describe.skipIf(!chromiumAvailable())('what members tripped on, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: ApiClient;
  let dataDir: string;
  let people: Awaited<ReturnType<typeof givenRegister>>['members'];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-e2e-flows-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    people = (await givenRegister(server)).members;
    manager = (
      await givenStaffSignedIn(server, 'case_manager', {
        name: 'Dr Nadia Rahman',
        languages: ['en', 'es', 'ar'],
        weeklyShifts: allWeek,
        maxOpenCases: 50,
      })
    ).browser;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const openPage = () =>
    openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
    });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  /** A member proves their membership, makes an account (English) and signs in through the API. */
  async function registered(membershipNumber: string, dateOfBirth: string, email: string) {
    const visitor = new ApiClient(server.url);
    const reply = await visitor.post('/api/v1/member-registrations', {
      membershipNumber,
      dateOfBirth,
      email,
      password: PASSWORD,
      locale: 'en',
      timeZone: 'Europe/Madrid',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await givenAddressConfirmed(server, email);
    const member = new ApiClient(server.url);
    expect((await member.signIn(email, PASSWORD)).status).toBe(200);
    return member;
  }

  async function signIn(page: Page, email: string) {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** An earlier request, sent through the API, and (optionally) the first call that followed. */
  async function submittedCase(member: ApiClient, options: { memberId?: string; contacted?: boolean } = {}) {
    const submitted = await member.post('/api/v1/cases', {
      ...(options.memberId ? { memberId: options.memberId } : {}),
      concern: 'I was told I need heart surgery.',
      diagnosisReceived: 'Severe aortic stenosis',
      questions: ['Is surgery the only option?'],
      preferredLanguage: 'en',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    if (!options.contacted) return submitted.body as { id: string; number: string; version: number };
    const contacted = await manager.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(contacted.status, JSON.stringify(contacted.body)).toBe(201);
    return contacted.body as { id: string; number: string; version: number };
  }

  async function uploaded(member: ApiClient, caseId: string, kind: string, title: string, content: Buffer) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('title', title);
    form.append('file', new Blob([content], { type: 'application/octet-stream' }), 'file.bin');
    const sent = await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body as { id: string; sha256: string };
  }

  const caseVersion = async (caseId: string) =>
    ((await manager.get(`/api/v1/cases/${caseId}`)).body as { version: number }).version;

  it(
    'a member opens and downloads the records of their case and their written opinion report, with the keyboard too',
    async () => {
      const alice = await registered('M-1000-01', '1980-02-29', 'alice.flows@example.org');
      const kase = await submittedCase(alice, { contacted: true });
      const record = await uploaded(alice, kase.id, 'report', 'Cardiology report', pdf('cardiology'));
      expect((await alice.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' })).status).toBe(
        201,
      );

      // The specialist's opinion comes back, the case manager writes the recommendations, files the
      // written report and delivers them: the case as a member finds it at the end of a review.
      const specialist = await givenSpecialistAtDesk(server);
      const asked = await manager.post(`/api/v1/cases/${kase.id}/reviews`, {
        version: await caseVersion(kase.id),
        summary: 'Severe aortic stenosis; is surgery the only option?',
        documentIds: [record.id],
        specialistIds: [specialist.id],
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const [offer] = (await specialist.browser.get('/api/v1/desk/offers')).body.items;
      expect(
        (await specialist.browser.post(`/api/v1/desk/offers/${offer.offerId}/acceptance`, { version: 1 }))
          .status,
      ).toBe(200);
      const opinion = await specialist.browser.post(`/api/v1/desk/offers/${offer.offerId}/opinions`, {
        version: 1,
        diagnosis: { verdict: 'confirmed' },
        treatment: { verdict: 'modified' },
        furtherTests: [],
        answers: ['A valve replacement through a catheter is an option at your age.'],
        narrative: 'The stenosis is severe; a transcatheter replacement is a reasonable alternative.',
        references: [],
      });
      expect(opinion.status, JSON.stringify(opinion.body)).toBe(201);
      const written = await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
        json: {
          version: await caseVersion(kase.id),
          body: 'Ask your cardiologist about a **transcatheter valve**.',
          nextSteps: ['See a heart team'],
        },
      });
      expect(written.status, JSON.stringify(written.body)).toBe(200);
      const report = await manager.post(`/api/v1/cases/${kase.id}/reviews/${asked.body.id}/report`);
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      await givenSummaryWritten(
        { manager },
        kase.id,
        'en',
        'The heart valve can be replaced through a catheter.',
      );
      const delivered = await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
        version: await caseVersion(kase.id),
      });
      expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);

      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'alice.flows@example.org');
      const records = page.getByRole('region', { name: 'Your records' });
      const download = records.getByRole('link', { name: 'Download “Cardiology report”' });
      await download.waitFor();
      // A PDF opens in a tab of its own as well.
      const open = records.getByRole('link', { name: 'Open “Cardiology report” (in a new tab)' });
      expect(await open.getAttribute('target')).toBe('_blank');
      expect(await open.getAttribute('href')).toBe(
        `/api/v1/cases/${kase.id}/documents/${record.id}/content?disposition=inline`,
      );
      await expectAccessible(page, 'case page with records to open');
      await expectFitsWidth(page, 'case page with records to open');

      // The download is the record as sent, under the server's name for it (never its title).
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toBe(`document-${record.id}.pdf`);
      const saved = path.join(dataDir, 'downloaded-record.pdf');
      await file.saveAs(saved);
      expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(record.sha256);

      // The written report, with the recommendations, from the keyboard.
      const recommendations = page.getByRole('region', { name: 'Your recommendations' });
      await recommendations.getByRole('heading', { name: 'Your written opinion report' }).waitFor();
      const reportLink = recommendations.getByRole('link', { name: `Download “${report.body.title}”` });
      await reportLink.focus();
      const [reportFile] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(reportFile.suggestedFilename()).toBe(`document-${report.body.id}.pdf`);
      const savedReport = path.join(dataDir, 'downloaded-report.pdf');
      await reportFile.saveAs(savedReport);
      expect(createHash('sha256').update(readFileSync(savedReport)).digest('hex')).toBe(report.body.sha256);
      await expectAccessible(page, 'case page with the written report');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a member answers a request for imaging with a PDF report: told to choose the kind that fits, the answer still satisfies the request',
    async () => {
      const fatima = await registered('M-4000-01', '1992-12-12', 'fatima.flows@example.org');
      const kase = await submittedCase(fatima, { contacted: true });
      const requested = await manager.post(`/api/v1/cases/${kase.id}/record-requests`, {
        kind: 'imaging',
        description: 'Your MRI of the heart',
        requestedFrom: 'member',
      });
      expect(requested.status, JSON.stringify(requested.body)).toBe(201);

      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'fatima.flows@example.org');
      const item = page.locator('li[data-request-status]').filter({ hasText: 'Your MRI of the heart' });
      await item.getByRole('button', { name: 'Upload this record' }).click();
      const kind = item.getByLabel('What kind of record is it?');
      // The kind asked for comes first.
      expect(await kind.inputValue()).toBe('imaging');
      await item.getByLabel('A short title').fill('MRI report');
      await item.locator('input[type="file"]').setInputFiles({
        name: 'mri-report.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('mri'),
      });
      await item
        .getByText('Choose the kind that fits your file under “What kind of record is it?”', { exact: false })
        .waitFor();
      await expectAccessible(page, 'answering a record request with a file of another kind');
      await kind.selectOption('report');
      await item.getByRole('button', { name: 'Send this record' }).click();
      await page
        .locator(`li[data-request-status="received"]`)
        .filter({ hasText: 'Your MRI of the heart' })
        .waitFor();

      const checklist = (await fatima.get(`/api/v1/cases/${kase.id}/record-requests`)).body;
      expect(checklist).toMatchObject({ requested: 1, received: 1, outstanding: 0 });
      expect(checklist.items[0].document.kind).toBe('report');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a member whose membership has ended is told so on the hub, with whom to contact, and the request form does not open',
    async () => {
      await registered('M-2000-01', '1975-06-15', 'bruno.flows@example.org');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/`);
      await signIn(page, 'bruno.flows@example.org');
      await heading(page, 'Your Healthcare Hub').waitFor();
      const services = page.getByRole('region', { name: 'Virtual Care services' });
      await services.getByText('Your plan is not in force').waitFor();
      await services.getByText(/^Your membership ended on (December 31, 2021|31 December 2021)\./).waitFor();
      await services.getByText('contact your insurer', { exact: false }).waitFor();
      await services.getByText('Not available: plan not in force').waitFor();
      expect(await services.getByText('Included in your plan').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Request a second opinion' }).count()).toBe(0);
      await expectAccessible(page, 'hub with a plan not in force');
      await expectFitsWidth(page, 'hub with a plan not in force');

      // The form's own address, from a bookmark: no step to fill in, the reason and the way back.
      await page.goto(`${server.url}/cases/new`);
      await heading(page, 'Request a second opinion').waitFor();
      await page.getByText('A second opinion cannot be asked for at the moment').waitFor();
      await page.getByText('Your membership is not in force today', { exact: false }).waitFor();
      expect(await page.getByLabel('What worries you?').count()).toBe(0);
      await expectAccessible(page, 'request form with a plan not in force');
      await page.getByRole('link', { name: 'Back to the Healthcare Hub' }).click();
      await heading(page, 'Your Healthcare Hub').waitFor();
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a parent asking again for a child with an open case is shown that case and sends a second request only once they confirm it is another concern',
    async () => {
      const carmen = await registered('M-3000-01', '1985-10-01', 'carmen.flows@example.org');
      const first = await submittedCase(carmen, { memberId: people.elena });

      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/new`);
      await signIn(page, 'carmen.flows@example.org');
      await heading(page, 'Request a second opinion').waitFor();
      // For herself: she has no open case, nothing to warn of.
      await page.getByLabel('What worries you?').waitFor();
      expect(await page.getByTestId('open-case-warning').count()).toBe(0);
      await page.getByLabel('Elena Tester (Child)').check();
      const warning = page.getByTestId('open-case-warning');
      await warning.getByText('Elena already has an open case').waitFor();
      // The case number is isolated (U+2068…U+2069) to read whole in any direction.
      const link = warning.getByRole('link', { name: new RegExp(`^Case \u2068?${first.number}\u2069?$`) });
      expect(await link.getAttribute('href')).toBe(`/cases/${first.id}`);
      await expectAccessible(page, 'request form warning of an open case');
      await expectFitsWidth(page, 'request form warning of an open case');

      await page.getByLabel('What worries you?').fill('Her paediatrician now suspects asthma.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 2 of 5').waitFor();
      await page.getByLabel('The diagnosis you received').fill('Childhood asthma');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 3 of 5').waitFor();
      await page.getByRole('textbox', { name: 'Question 1' }).fill('Does she need daily inhalers?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 4 of 5').waitFor();
      await page.getByLabel('By phone').check();
      await page.getByRole('textbox', { name: /^Phone number to call/ }).fill('+34 612 34 56 78');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 5 of 5').waitFor();
      await page.getByRole('combobox', { name: /^Country/ }).selectOption('ES');
      await page.getByLabel('City').fill('Sevilla');
      await page.getByRole('button', { name: 'Send my request' }).click();

      // Not sent until she says it is another concern; the box takes the focus.
      const confirm = page.getByLabel('This is a different concern: I want to send a separate request');
      await page.getByText('Tick this box to send a separate request, or go to the open case.').waitFor();
      await expect
        .poll(() => confirm.evaluate((element) => element === (globalThis as any).document.activeElement))
        .toBe(true);
      const before = (await carmen.get('/api/v1/cases')).body.items;
      expect(before.map((item: { id: string }) => item.id)).toEqual([first.id]);
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Send my request' }).click();
      await heading(page, 'Your request has been sent').waitFor();

      const after = (await carmen.get('/api/v1/cases')).body.items as { member: { id: string } }[];
      expect(after).toHaveLength(2);
      expect(after.every((item) => item.member.id === people.elena)).toBe(true);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
