import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import {
  givenAddressConfirmed,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import {
  givenContactedCase,
  givenDelivered,
  givenOpinion,
  givenReviewAskedOf,
  type CaseActors,
} from '../test/support/outcomes.js';
import { extractPdfText } from '../test/support/pdf.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../test/support/reviews.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * A question after the opinion, in a real browser: the Spanish member asks her case manager a
 * question in the case's messages once the recommendations are delivered; the case manager
 * forwards it from the review tab to the specialist who gave the opinion; the specialist answers
 * at the desk, in Spanish; the case manager writes its summary for her in plain Spanish; the
 * summary then the answer appear on her case page, the answer labelled with its language, and in
 * the written report, after the opinion.
 */
const JOURNEY_TIMEOUT = 150_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const QUESTION = '¿Puedo hacer la quimioterapia en Madrid en vez de en Bilbao?';
const ANSWER = 'Sí: el mismo tratamiento neoadyuvante puede darse en Madrid, con el mismo seguimiento.';
const SUMMARY = 'Puede hacer el mismo tratamiento en Madrid. Sus controles no cambian.';

describe.skipIf(!chromiumAvailable())('a follow-up question to the specialist in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: StaffAccount;
  let managerApi: ApiClient;
  let specialist: SpecialistAtDesk;
  let carmen: ApiClient;
  let caseId: string;
  let offerId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    const signedIn = await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 20,
    });
    manager = signedIn.account;
    managerApi = signedIn.browser;
    // Carmen reads the service in Spanish.
    const visitor = new ApiClient(server.url);
    const registered = await visitor.post('/api/v1/member-registrations', {
      membershipNumber: 'M-3000-01',
      dateOfBirth: '1985-10-01',
      email: 'carmen@example.org',
      password: PASSWORD,
      locale: 'es',
      timeZone: 'Europe/Madrid',
    });
    expect(registered.status).toBe(201);
    await givenAddressConfirmed(server, 'carmen@example.org');
    carmen = new ApiClient(server.url);
    expect((await carmen.signIn('carmen@example.org', PASSWORD)).status).toBe(200);
    specialist = await givenSpecialistAtDesk(server, { name: 'Carmen Ruiz' });
    const actors: CaseActors = { server, member: carmen, manager: managerApi };
    caseId = await givenContactedCase(actors);
    [offerId] = (await givenReviewAskedOf(actors, caseId, [specialist])) as [string];
    await givenOpinion(specialist, offerId, 'confirmed', 'modified');
    await givenDelivered(actors, caseId);
    // Her question, after reading the recommendations, in the case's messages.
    expect((await carmen.post(`/api/v1/cases/${caseId}/messages`, { body: QUESTION })).status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it(
    'the case manager forwards her question, the specialist answers at the desk, the case manager summarises it, and both are on her case page and in the report',
    async () => {
      // The case manager copies the member's message into a question for the specialist.
      const desk = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${caseId}`,
      });
      await desk.page.getByRole('tab', { name: 'Specialist review' }).click();
      const panel = desk.page.getByRole('region', { name: 'Follow-up questions to the specialists' });
      await panel.getByRole('checkbox', { name: /Carmen Ruiz/ }).waitFor();
      expect(await panel.getByRole('checkbox', { name: /Carmen Ruiz/ }).isChecked()).toBe(true);
      await panel.getByLabel('Copy a message of the member').selectOption({ index: 1 });
      await expect.poll(() => panel.getByLabel(/^The member's question/).inputValue()).toBe(QUESTION);
      await expectAccessible(desk.page, 'forwarding a follow-up question');
      await panel.getByRole('button', { name: 'Forward to the specialists' }).click();
      await panel.getByText('Waiting for the answer').waitFor();

      // The specialist answers at the desk, in Spanish.
      const reviewer = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: specialist.account,
        next: `/specialist/offers/${offerId}`,
      });
      const questions = reviewer.page.getByRole('region', { name: 'Follow-up questions' });
      await questions.getByText(QUESTION).waitFor();
      await questions.getByRole('textbox', { name: 'Answer' }).fill(ANSWER);
      await questions.getByLabel('Language of the answer').selectOption('es');
      await expectAccessible(reviewer.page, 'answering a follow-up question at the desk');
      await questions.getByRole('button', { name: 'Send the answer' }).click();
      await questions.getByText('Answered', { exact: true }).waitFor();
      await questions.getByText(/Written in Spanish/).waitFor();
      expect(reviewer.problems).toEqual([]);

      // The case manager writes the summary for Carmen, in plain Spanish, with the hints as she types.
      await desk.page.reload();
      await desk.page.getByRole('tab', { name: 'Specialist review' }).click();
      const summary = panel.getByRole('form', { name: 'Summary of the answer for the member' });
      await summary.getByText(/does not read this version/).waitFor();
      await summary.getByRole('textbox', { name: /^Summary for the member/ }).fill(SUMMARY);
      await summary
        .getByTestId('plain-language-hints')
        .getByText(/Sentences: 2/)
        .waitFor();
      await summary.getByRole('button', { name: 'Save the summary for the member' }).click();
      await summary.getByText(/^Saved by/).waitFor();
      await expectAccessible(desk.page, 'the summary of an answer for the member');
      expect(desk.problems).toEqual([]);

      // Carmen reads it on her case page, in Spanish, with the language it was written in.
      const member = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'es-ES',
        timezoneId: 'Europe/Madrid',
      });
      await member.page.goto(`${server.url}/cases/${caseId}`);
      await member.page.getByLabel('Correo electrónico').fill('carmen@example.org');
      await member.page.getByLabel(/^Contraseña/).fill(PASSWORD);
      await member.page.getByRole('button', { name: 'Iniciar sesión' }).click();
      const answers = member.page.getByRole('region', {
        name: 'Sus preguntas de seguimiento a los especialistas',
      });
      await answers.getByText(ANSWER).waitFor();
      await answers.getByText(QUESTION).waitFor();
      // The summary first, then the specialist's words.
      const layers = await answers
        .locator('[data-layer]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-layer')));
      expect(layers).toEqual(['summary', 'original']);
      await answers.getByText(SUMMARY).waitFor();
      await answers.getByText(/Escrito en español/).waitFor();
      await answers.getByText('Respondida').waitFor();
      await expectAccessible(member.page, 'the answer on the case page (es)');
      await member.page.screenshot({ path: artefactPath('followup-answer-es.png'), fullPage: true });
      expect(member.problems).toEqual([]);

      // The written report carries the answer after the opinion.
      const reviews = await managerApi.get(`/api/v1/cases/${caseId}/reviews`);
      const report = await managerApi.post(
        `/api/v1/cases/${caseId}/reviews/${reviews.body.items[0].id}/report`,
        {},
      );
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      const content = await fetch(
        `${server.url}/api/v1/cases/${caseId}/documents/${report.body.id}/content`,
        {
          headers: { cookie: carmen.cookieHeader(), origin: server.url },
        },
      );
      const text = (await extractPdfText(new Uint8Array(await content.arrayBuffer()))).replace(/\s+/g, ' ');
      const section = text.indexOf('Respuestas a las preguntas de seguimiento');
      expect(section).toBeGreaterThan(text.indexOf('Carmen Ruiz'));
      expect(text.slice(section)).toContain('el mismo tratamiento neoadyuvante');
      expect(text.slice(section)).toContain('Escrito en español');
      expect(text.indexOf('Puede hacer el mismo tratamiento')).toBeGreaterThan(section);
      expect(text.indexOf('Puede hacer el mismo tratamiento')).toBeLessThan(
        text.indexOf('el mismo tratamiento neoadyuvante'),
      );
    },
    JOURNEY_TIMEOUT,
  );
});
