import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiBrowser, type Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  type StaffAccount,
} from '../test/support/factories.js';
import {
  givenNetworkSpecialist,
  givenSpecialistAtDesk,
  type SpecialistAtDesk,
} from '../test/support/reviews.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The case manager asks the network for a review, in a real browser: searches by the ICD-10 code
 * of the condition, reads why the first match ranks first, puts them on the panel, writes the
 * summary, keeps the member's questions, chooses the record to share; the server refuses while
 * the member has not agreed to share, the member agrees, and the review is offered; the opinion
 * comes back and the written report is made. On a second case the one specialist asked declines
 * with a reason: the case manager reads it, and offers the place left free to another specialist
 * found with the same search. axe-core checks each step; the CSP stays on.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(2_000, 'BT /F1 12 Tf (Mammography) Tj ET\n'),
  Buffer.from('\n%%EOF\n'),
]);

describe.skipIf(!chromiumAvailable())('a case manager requests a specialist review in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let manager: StaffAccount;
  let member: ApiClient;
  let managerApi: ApiClient;
  let caseId: string;
  let caseNumber: string;
  let specialist: SpecialistAtDesk;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-review-e2e-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    await givenRegister(server);
    manager = await givenStaff(server, 'case_manager', {
      name: 'Lucía Prieto',
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 10,
      timeZone: 'Europe/Madrid',
    });
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@review.test',
    );
    const submitted = await member.post('/api/v1/cases', {
      concern: 'I was told I need a mastectomy.',
      diagnosisReceived: 'Invasive ductal carcinoma, left breast',
      firstOpinion: { doctorName: 'Dr. Ruiz', institution: 'Hospital Central', country: 'ES' },
      questions: ['Is surgery the only option?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Sevilla' },
    });
    expect(submitted.status).toBe(201);
    caseId = submitted.body.id;
    caseNumber = submitted.body.number;
    managerApi = new ApiBrowser(server.url);
    expect(
      (await managerApi.signInWithTwoFactor(manager.email, manager.password, manager.totpSecret)).status,
    ).toBe(200);
    const contacted = await managerApi.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(contacted.status).toBe(201);
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'Mammography report');
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'mammography.pdf');
    expect((await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form })).status).toBe(
      201,
    );
    // The network: a breast surgeon (a first-line sub-specialty for the condition) with a review
    // desk, and a plastic surgeon of the breast (a fit, further down).
    specialist = await givenSpecialistAtDesk(server, {
      name: 'Marta Vidal',
      specialtyCodes: ['SU'],
      subspecialtyCodes: ['SU-BREAST'],
    });
    await givenNetworkSpecialist(server, {
      name: 'Jordi Puig',
      specialtyCodes: ['PS'],
      subspecialtyCodes: ['PS-BREAST'],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const signedInPage = () =>
    staffSignedInPage(browser, contexts, {
      serverUrl: server.url,
      account: manager,
      next: `/workspace/cases/${caseId}`,
    });

  it(
    'finds the best match, reads why, is refused until the member agrees to share, offers the review, reads the opinion and writes the report',
    async () => {
      const { page, problems } = await signedInPage();
      await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
      await page.getByRole('tab', { name: 'Specialist review' }).click();
      await page.getByText('No specialist review has been asked for yet.').waitFor();

      // A search needs a condition or a specialty.
      await page.getByRole('button', { name: 'Find specialists' }).click();
      await page.getByText('Give a condition code, a specialty, or both.').waitFor();
      await page.getByLabel('Condition (ICD-10 code)').fill('C50');
      await page.getByRole('button', { name: 'Find specialists' }).click();
      await page.getByRole('heading', { name: '2 specialists, best match first' }).waitFor();
      const results = page.locator('li[data-specialist]');
      const best = results.first();
      await best.getByText('1. Dr Marta Vidal: add to the panel').waitFor();
      // Why she ranks first, factor by factor.
      await best.getByText('Why this specialist').click();
      const why = best.getByRole('table');
      await why
        .getByRole('row', { name: /Specialty/ })
        .getByText('Exactly the sub-specialty sought')
        .waitFor();
      await why
        .getByRole('row', { name: /Language/ })
        .getByText('Speaks the member’s language')
        .waitFor();
      await why
        .getByRole('row', { name: /Licence/ })
        .getByText('Licensed in the member’s country')
        .waitFor();
      await results.nth(1).getByText('2. Dr Jordi Puig: add to the panel').waitFor();
      await expectAccessible(page, 'review: matches');

      // The panel, the summary, the member's own questions, and the record to share.
      await best.getByLabel('1. Dr Marta Vidal: add to the panel').check();
      await page.getByRole('button', { name: 'Offer the review to 1 specialist' }).click();
      await page.getByText('Please fill in this field.').first().waitFor();
      await page
        .getByLabel('2. Case summary for the specialists')
        .fill('Woman of 46, invasive ductal carcinoma of the left breast, 2 cm; mastectomy proposed.');
      expect(await page.getByRole('textbox', { name: /^Question 1/ }).inputValue()).toBe(
        'Is surgery the only option?',
      );
      await page.getByText('The member has not agreed to share records yet', { exact: false }).waitFor();
      await page.getByLabel('Mammography report (not covered by the member’s consent)').check();
      await page.getByRole('button', { name: 'Offer the review to 1 specialist' }).click();
      // The server refuses, in words, and nothing is offered.
      await page
        .getByRole('alert')
        .getByText('The member has not agreed to share these records with specialists.', { exact: false })
        .waitFor();
      expect((await member.get(`/api/v1/cases/${caseId}`)).body.status).toBe('contacted');
      await expectAccessible(page, 'review: refused without consent');

      // The member agrees on their side; the case manager's view follows, live.
      expect((await member.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' })).status).toBe(
        201,
      );
      await page.getByText('The member agreed to share all the records of this case.').waitFor();
      expect(await page.getByLabel('Mammography report', { exact: true }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Offer the review to 1 specialist' }).click();

      // The review is offered; no second request can be made while it is in progress.
      const review = page.locator('li[data-review-status="open"]');
      await review.getByText('In progress').waitFor();
      await review.locator('li[data-offer-status="offered"]').getByText('Dr Marta Vidal: Offered.').waitFor();
      await review.getByText('Panel of 1 specialist').waitFor();
      expect(await page.getByRole('button', { name: 'Find specialists' }).count()).toBe(0);
      const reviews = await managerApi.get(`/api/v1/cases/${caseId}/reviews`);
      expect(reviews.body.items).toHaveLength(1);
      expect(reviews.body.items[0]).toMatchObject({
        status: 'open',
        questions: ['Is surgery the only option?'],
        offerNextOnDecline: true,
      });
      expect(reviews.body.items[0].documentIds).toHaveLength(1);
      await expectAccessible(page, 'review: offered');

      // The specialist accepts and answers on their desk; the case manager reads the opinion.
      const offerId = reviews.body.items[0].offers[0].id;
      const desk = specialist.browser;
      expect((await desk.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status).toBe(200);
      const opinion = await desk.post(`/api/v1/desk/offers/${offerId}/opinions`, {
        version: 1,
        diagnosis: { verdict: 'confirmed' },
        treatment: { verdict: 'modified' },
        furtherTests: ['Breast MRI'],
        answers: ['No: breast-conserving surgery with radiotherapy is an option.'],
        narrative: 'A 2 cm tumour without nodal involvement can be treated without mastectomy.',
      });
      expect(opinion.status, JSON.stringify(opinion.body)).toBe(201);
      await page.reload();
      await page.getByRole('tab', { name: 'Specialist review' }).click();
      const theOpinion = page.getByRole('region', { name: /^Opinion of Marta Vidal/ });
      await theOpinion.getByText('Breast MRI').waitFor();
      await theOpinion.getByText('No: breast-conserving surgery with radiotherapy is an option.').waitFor();
      await expectAccessible(page, 'review: opinion');

      // The written report needs the recommendations first; the refusal says so, then it is written.
      await page.getByRole('button', { name: 'Write the opinion report' }).click();
      await page.getByRole('alert').getByText('Write and save the recommendations first.').waitFor();
      const current = await managerApi.get(`/api/v1/cases/${caseId}`);
      const drafted = await managerApi.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
        json: { version: current.body.version, body: 'Breast-conserving surgery is an option.' },
      });
      expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
      await page.getByRole('button', { name: 'Write the opinion report' }).click();
      const download = page.getByRole('link', { name: 'Download the written opinion report (PDF)' });
      await download.waitFor();
      expect(await download.getAttribute('href')).toMatch(
        new RegExp(`^/api/v1/cases/${caseId}/documents/[0-9a-f-]+/content$`),
      );

      // In Arabic, the panel reads right to left.
      await page.getByLabel('Language', { exact: true }).selectOption('ar');
      await page.getByRole('tab', { name: 'المراجعة التخصصية' }).waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      await page.screenshot({ path: artefactPath('review-request-ar.png'), fullPage: true });
      await expectAccessible(page, 'review (ar)');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'reads a declined offer with its reason, and offers the free place to another specialist from the panel',
    async () => {
      // Back to English (the journey above ended in Arabic, which is kept in the profile).
      const me = await managerApi.get('/api/v1/me');
      expect(
        (
          await managerApi.request('PATCH', '/api/v1/me', {
            json: { locale: 'en', version: me.body.version },
          })
        ).status,
      ).toBe(200);
      // Another member's case, a panel of one, and nobody next if the one asked declines.
      const carmen = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
        'carmen@review.test',
      );
      const submitted = await carmen.post('/api/v1/cases', {
        concern: 'A lump was found in my right breast.',
        diagnosisReceived: 'Invasive lobular carcinoma, right breast',
        questions: ['Do I need chemotherapy before surgery?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Valencia' },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      const otherCaseId: string = submitted.body.id;
      const contacted = await managerApi.post(`/api/v1/cases/${otherCaseId}/contacts`, {
        version: submitted.body.version,
        channel: 'phone',
        contactedAt: server.clock.now().toISOString(),
        outcome: 'reached',
      });
      expect(contacted.status).toBe(201);
      expect(
        (await carmen.post(`/api/v1/cases/${otherCaseId}/sharing-consents`, { scope: 'all' })).status,
      ).toBe(201);
      const declining = await givenSpecialistAtDesk(server, {
        name: 'Pau Serra',
        specialtyCodes: ['SU'],
        subspecialtyCodes: ['SU-BREAST'],
      });
      const noRoom = await givenSpecialistAtDesk(server, {
        name: 'Rosa Mir',
        specialtyCodes: ['SU'],
        subspecialtyCodes: ['SU-ONC'],
        weeklyCapacity: 0,
      });
      const replacement = await givenSpecialistAtDesk(server, {
        name: 'Núria Font',
        specialtyCodes: ['SU'],
        subspecialtyCodes: ['SU-ONC'],
      });
      const asked = await managerApi.post(`/api/v1/cases/${otherCaseId}/reviews`, {
        version: contacted.body.version,
        specialistIds: [declining.id],
        summary: 'Woman of 41, invasive lobular carcinoma of the right breast, 3 cm.',
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const [offered] = (await declining.browser.get('/api/v1/desk/offers')).body.items;
      const declined = await declining.browser.post(`/api/v1/desk/offers/${offered.offerId}/decline`, {
        version: 1,
        reason: 'Away at a congress until the 15th',
      });
      expect(declined.status).toBe(200);

      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${otherCaseId}`,
      });
      await page.getByRole('heading', { level: 1, name: `Case ${submitted.body.number}` }).waitFor();
      await page.getByRole('tab', { name: 'Specialist review' }).click();
      const review = page.locator('li[data-review-status="open"]');
      const declinedLine = review.locator('li[data-offer-status="declined"]');
      await declinedLine.getByText(/^Dr Pau Serra declined on .*\d{4}/).waitFor();
      await declinedLine.getByText('Reason given: “Away at a congress until the 15th”').waitFor();
      await review.getByText('1 place on the panel is free: nobody has been asked to fill it.').waitFor();
      await expectAccessible(page, 'review: a declined offer with its reason');

      // The free place, from the request's own search: the one who declined cannot be chosen again.
      const open = review.getByRole('button', { name: 'Offer the free place to another specialist' });
      expect(await open.getAttribute('aria-expanded')).toBe('false');
      await open.click();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      const place = page.getByRole('region', { name: 'Another specialist for the panel' });
      await place.getByLabel('Condition (ICD-10 code)').fill('C50');
      await place.getByLabel('Include those with no place free').check();
      await place.getByRole('button', { name: 'Find specialists' }).click();
      await place.getByRole('heading', { name: /specialists, best match first$/ }).waitFor();
      const choices = place.getByRole('radiogroup');
      expect(await choices.getByLabel(/Dr Pau Serra: offer the free place$/).isDisabled()).toBe(true);
      await choices.getByText('Already asked for this review: cannot be asked again.').waitFor();
      expect(await choices.getByLabel(/Dr Jordi Puig: offer the free place$/).isDisabled()).toBe(true);
      // Nothing chosen yet: the form says so and nothing is offered.
      await place.getByRole('button', { name: 'Offer the free place' }).click();
      await place.getByRole('alert').getByText('Choose the specialist to offer the free place to.').waitFor();
      await expectAccessible(page, 'review: choosing who takes the free place');

      // The server refuses one without room, in words.
      await choices.getByLabel(/Dr Rosa Mir: offer the free place$/).check();
      await place.getByRole('button', { name: 'Offer the free place' }).click();
      await place
        .getByRole('alert')
        .getByText('This specialist has no place free for another review right now.', { exact: false })
        .waitFor();
      await expectAccessible(page, 'review: an offer refused');

      // Chosen from the keyboard, and offered.
      const nuria = choices.getByLabel(/Dr Núria Font: offer the free place$/);
      await nuria.focus();
      await nuria.press('Space');
      expect(await nuria.isChecked()).toBe(true);
      await place.getByRole('button', { name: 'Offer the free place' }).press('Enter');
      await review.getByRole('status').getByText('The review is offered to Dr Núria Font.').waitFor();
      await review
        .locator('li[data-offer-status="offered"]')
        .getByText(/^Dr Núria Font: Offered\./)
        .waitFor();
      expect(
        await review.getByRole('button', { name: 'Offer the free place to another specialist' }).count(),
      ).toBe(0);
      await expectAccessible(page, 'review: the free place offered');

      // The new specialist finds the offer at their desk; the one without room was never offered it.
      const desk = (await replacement.browser.get('/api/v1/desk/offers')).body.items;
      expect(desk).toMatchObject([{ caseNumber: submitted.body.number, status: 'offered' }]);
      expect((await noRoom.browser.get('/api/v1/desk/offers')).body.items).toEqual([]);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
