import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshTotpCode } from '../test/support/totp.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../test/support/factories.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../test/support/reviews.js';
import { syntheticDicom } from '../test/support/dicom.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  desktopChromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The specialist's desk in a real browser: a specialist signs in with their second factor, accepts
 * the review offered to them, reads the scan and the PDF report shared for it (the PDF in a frame
 * of the page, which the desk's documents allow this site only), and submits a structured opinion
 * after the form has pointed out a wrong ICD-10 code, then reads it whole on file: verdicts, tests,
 * the answer to each question, the narrative and the references. The case manager then rates the
 * opinion for the specialist's record. axe-core checks each page; the CSP stays on.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** A real 1×1 PNG, so that the browser can draw it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A real one-page PDF, so that Chromium's viewer can draw it. */
function onePagePdf(text: string): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A5' });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  document.text(text);
  document.end();
  return ended;
}

// The desktop Chromium: the specialist reads a PDF record in its PDF viewer, which the headless
// shell the other journeys share does not have. Skipped without it (CI installs it).
describe.skipIf(!desktopChromiumAvailable())('the specialist desk in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let specialist: SpecialistAtDesk;
  let manager: StaffAccount;
  let caseId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-desk-e2e-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    await givenRegister(server);
    const managerSide = await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 10,
    });
    manager = managerSide.account;
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@desk.test',
    );
    const submitted = await member.post('/api/v1/cases', {
      concern: 'A second look at my scan.',
      diagnosisReceived: 'Pancreatic tumour',
      questions: ['Is surgery really impossible?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Bilbao' },
    });
    caseId = submitted.body.id;
    const contacted = await managerSide.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    const form = new FormData();
    form.append('kind', 'imaging');
    form.append('title', 'CT scan');
    form.append('file', new Blob([PNG], { type: 'application/octet-stream' }), 'ct.png');
    const scan = await member.request('POST', `/api/v1/cases/${submitted.body.id}/documents`, { body: form });
    expect(scan.status).toBe(201);
    const reportForm = new FormData();
    reportForm.append('kind', 'report');
    reportForm.append('title', 'Pathology report');
    reportForm.append(
      'file',
      new Blob([await onePagePdf('Pathology report: adenocarcinoma of the pancreatic head.')], {
        type: 'application/octet-stream',
      }),
      'pathology.pdf',
    );
    const report = await member.request('POST', `/api/v1/cases/${submitted.body.id}/documents`, {
      body: reportForm,
    });
    expect(report.status).toBe(201);
    const seriesForm = new FormData();
    seriesForm.append('kind', 'imaging');
    seriesForm.append('title', 'MRI series');
    seriesForm.append('file', new Blob([syntheticDicom({ frames: 2 })]), 'mri.dcm');
    const series = await member.request('POST', `/api/v1/cases/${submitted.body.id}/documents`, {
      body: seriesForm,
    });
    expect(series.status).toBe(201);
    await member.post(`/api/v1/cases/${submitted.body.id}/sharing-consents`, { scope: 'all' });
    specialist = await givenSpecialistAtDesk(server, { name: 'Dr Ana Ruiz' });
    const asked = await managerSide.browser.post(`/api/v1/cases/${submitted.body.id}/reviews`, {
      version: contacted.body.version,
      summary: 'Borderline resectable tumour of the pancreatic head; is surgery possible?',
      specialistIds: [specialist.id],
      documentIds: [scan.body.id, report.body.id, series.body.id],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    browser = await launchChromium({ desktop: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    return openWatchedPage(browser, contexts, {
      viewport: { width: 1024, height: 900 },
      locale: 'en-US',
      timezoneId: 'Europe/Madrid',
    });
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  it(
    'accepts the offer, reads the shared scan and submits the opinion',
    async () => {
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('E-mail address').fill(specialist.account.email);
      await page.getByLabel(/^Password/).fill(specialist.account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const code = page.getByLabel('Code from your authenticator app');
      await code.waitFor();
      await code.fill(await freshTotpCode(specialist.account.totpSecret));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await heading(page, 'You are signed in').waitFor();

      await page.getByRole('link', { name: 'Open your review desk' }).click();
      await heading(page, 'Review desk').waitFor();
      await page.getByText('1 question').waitFor();
      await expectAccessible(page, 'review desk');
      await page.getByRole('button', { name: 'Accept' }).click();

      await heading(page, /^Review of case /).waitFor();
      await page.getByText('Borderline resectable tumour', { exact: false }).waitFor();
      await expectAccessible(page, 'review page');
      await page.getByRole('button', { name: 'View CT scan' }).click();
      const image = page.getByRole('img', { name: 'Record: CT scan' });
      await image.waitFor();
      await expect.poll(() => image.evaluate((element: any) => element.naturalWidth)).toBe(1);
      await expectAccessible(page, 'review page with the scan open');

      // A DICOM series opens in the DICOM viewer, drawn from the shared record's stream (not kept).
      const [stream] = await Promise.all([
        page.waitForResponse((response) => /\/documents\/[^/]+\/content$/.test(response.url())),
        page.getByRole('button', { name: 'View MRI series' }).click(),
      ]);
      expect(stream.headers()['cache-control']).toBe('no-store');
      const series = page.getByRole('img', { name: 'DICOM image: MRI series' });
      await page.locator('[data-dicom-viewer="ready"]').waitFor();
      await expect
        .poll(() =>
          series
            .locator('canvas')
            .first()
            .evaluate((canvas: any) => {
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let lit = 0;
              for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 0) lit += 1;
              return lit;
            }),
        )
        .toBeGreaterThan(1000);
      await page.getByText('Frame 1 of 2').waitFor();

      // The PDF opens in a frame of the page: its answer lets this site frame it, and Chromium shows
      // it instead of its blocked-frame error page (a refusal would also log a CSP error).
      const shown = page.waitForResponse((response) => /\/documents\/[^/]+\/content$/.test(response.url()));
      await page.getByRole('button', { name: 'View Pathology report' }).click();
      const response = await shown;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
      const frame = page.locator('iframe[title="Record: Pathology report"]');
      await frame.waitFor();
      await expect
        .poll(() =>
          page
            .frames()
            .find((candidate) => candidate.parentFrame() === page.mainFrame())
            ?.url(),
        )
        .toBe(response.url());
      await expectAccessible(page, 'review page with the PDF open');
      // Closed from the keyboard: Chromium's PDF viewer, still loading, can swallow a mouse click.
      const closeViewer = page.getByRole('button', { name: 'Close the record' });
      await vi.waitFor(
        async () => {
          if ((await frame.count()) > 0) await closeViewer.press('Enter', { timeout: 2_000 });
          await frame.waitFor({ state: 'detached', timeout: 2_000 });
        },
        { timeout: 15_000, interval: 100 },
      );

      const diagnosis = page.getByRole('radiogroup', { name: 'Does the diagnosis stand?' });
      await diagnosis.getByLabel('Refined').check();
      await page.getByLabel(/^Proposed diagnosis/).fill('XYZ');
      await page.getByLabel(/^Recommended further tests/).fill('Endoscopic ultrasound\nCA 19-9');
      await page.getByLabel(/^Is surgery really impossible\?/).fill('Possibly, after neoadjuvant therapy.');
      await page.getByLabel(/^References/).fill('NCCN Guidelines: Pancreatic Adenocarcinoma, 2025');
      await page.getByLabel(/^Your assessment/).fill('Borderline resectable; vessels only partly involved.');
      await page.getByRole('button', { name: 'Submit the opinion' }).click();
      await page.getByText('Enter an ICD-10 code such as C50 or C50.4.').waitFor();
      expect((await server.sql.query('SELECT count(*)::int AS n FROM review_opinion')).rows[0].n).toBe(0);
      await expectAccessible(page, 'opinion form with an error');

      await page.getByLabel(/^Proposed diagnosis/).fill('C25.0');
      await page.getByRole('button', { name: 'Submit the opinion' }).click();
      await page.getByText('Your opinion has been submitted.').waitFor();
      await page.getByText('This review is complete.', { exact: false }).waitFor();
      // The whole opinion on file, read only: every part as it was submitted.
      const onFile = page.getByRole('region', { name: 'Your opinion on file' });
      const version = onFile.getByRole('article', { name: /^Version 1, submitted / });
      const field = (label: string) =>
        version.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
      expect(await field('Does the diagnosis stand?').innerText()).toBe('Refined');
      expect(await field('Proposed diagnosis (ICD-10 code)').innerText()).toBe('C25.0');
      expect(await field('Does the treatment plan stand?').innerText()).toBe('Confirmed');
      expect(await field('Recommended further tests').getByRole('listitem').allInnerTexts()).toEqual([
        'Endoscopic ultrasound',
        'CA 19-9',
      ]);
      const answer = field('Your answers to the questions').getByRole('listitem');
      expect((await answer.innerText()).split('\n').filter(Boolean)).toEqual([
        'Is surgery really impossible?',
        'Possibly, after neoadjuvant therapy.',
      ]);
      expect(await field('Your assessment').innerText()).toBe(
        'Borderline resectable; vessels only partly involved.',
      );
      expect(await field('References').getByRole('listitem').allInnerTexts()).toEqual([
        'NCCN Guidelines: Pancreatic Adenocarcinoma, 2025',
      ]);
      await expectAccessible(page, 'review page after the opinion');
      await page.screenshot({ path: artefactPath('specialist-review.png'), fullPage: true });
      const stored = await server.sql.query(
        'SELECT diagnosis_verdict, proposed_diagnosis_code FROM review_opinion',
      );
      expect(stored.rows).toEqual([{ diagnosis_verdict: 'refined', proposed_diagnosis_code: 'C25.0' }]);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the case manager rates the opinion, and the specialist’s record counts it',
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${caseId}`,
      });
      await page.getByRole('tab', { name: 'Specialist review' }).click();
      const opinion = page.getByRole('region', { name: /^Opinion of Dr Ana Ruiz/ });
      await opinion.getByText('Borderline resectable; vessels only partly involved.').waitFor();
      const ratings = () => server.sql.query('SELECT score, comment FROM review_rating');

      await opinion.getByRole('button', { name: 'Save the rating' }).click();
      await opinion.getByText('Choose a rating from 1 to 5.').waitFor();
      expect((await ratings()).rows).toEqual([]);
      await expectAccessible(page, 'rating without a score');

      const scores = opinion.getByRole('radiogroup', { name: /^Rating \(1 poor, 5 excellent\)/ });
      await scores.getByLabel('4 of 5').check();
      await opinion.getByLabel('Comment (optional)').fill('Clear and well argued.');
      await opinion.getByRole('button', { name: 'Save the rating' }).click();
      await opinion.getByText('Your rating is saved.').waitFor();
      await opinion.getByText('You rated it 4 of 5.', { exact: false }).waitFor();
      await opinion.getByRole('button', { name: 'Replace my rating' }).waitFor();
      expect((await ratings()).rows).toEqual([{ score: 4, comment: 'Clear and well argued.' }]);
      const record = await server.sql.query(
        'SELECT reviews_completed, rating_average, rating_count FROM specialist WHERE id = $1',
        [specialist.id],
      );
      expect(record.rows).toEqual([{ reviews_completed: 1, rating_average: 4, rating_count: 1 }]);
      await expectAccessible(page, 'rating saved');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
