import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
  type StaffAccount,
} from '../test/support/factories.js';
import {
  givenContactedCase,
  givenDelivered,
  givenOpinion,
  givenReviewAskedOf,
  type CaseActors,
} from '../test/support/outcomes.js';
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
 * Operations read what second opinions changed, per case, in a real browser: two cases reviewed
 * (one opinion changed the diagnosis and the treatment, the other kept the diagnosis and modified
 * the treatment) and one answered without a review; the dashboard's summary leads to the outcomes
 * page, where our shares stand with their 95 % intervals beside the published ones, by country,
 * and the figures download as CSV. Then a panel of two disagrees: the case manager gives the
 * case's one answer in the case's outcome tab; three months after the recommendations the member's
 * home says a check-in is due, and she answers it on her case page, in Spanish.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('outcomes in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ops: StaffAccount;
  let actors: CaseActors;
  let oncologist: SpecialistAtDesk;
  const contexts: BrowserContext[] = [];

  /** A page that carries the session of someone signed in through the API (no second sign-in). */
  const pageAs = async (
    client: ApiClient,
    locale: string,
    path: string,
  ): Promise<{ page: Page; problems: string[] }> => {
    const opened = await openWatchedPage(browser, contexts, {
      viewport: { width: 1280, height: 900 },
      locale,
      timezoneId: 'Europe/Madrid',
    });
    await opened.page.context().addCookies(
      client
        .cookieHeader()
        .split('; ')
        .map((pair) => {
          const [name = '', ...value] = pair.split('=');
          return { name, value: value.join('='), url: server.url };
        }),
    );
    await opened.page.goto(`${server.url}${path}`);
    return opened;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    ops = await givenStaff(server, 'ops', { name: 'Olga Ops', timeZone: 'Europe/Madrid' });
    const { browser: manager } = await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es'],
      weeklyShifts: allWeek,
      maxOpenCases: 20,
    });
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    oncologist = await givenSpecialistAtDesk(server, { name: 'Dr Ana Onco', specialtyCodes: ['IM'] });
    actors = { server, member, manager };
    const changed = await givenContactedCase(actors);
    const [first] = await givenReviewAskedOf(actors, changed, [oncologist]);
    await givenOpinion(oncologist, first!, 'changed', 'changed');
    const modified = await givenContactedCase(actors);
    const [second] = await givenReviewAskedOf(actors, modified, [oncologist]);
    await givenOpinion(oncologist, second!, 'confirmed', 'modified');
    await givenDelivered(actors, await givenContactedCase(actors));
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it(
    'operations read outcome shares with their intervals beside the published figures, and download the CSV',
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: ops,
        next: '/ops',
      });
      // The dashboard counts per case, with the interval, and leads to the detail.
      const summary = page.getByRole('region', { name: 'What the opinions changed (per case)' });
      await summary.getByTestId('outcome-cases').getByText('2', { exact: true }).waitFor();
      await summary.getByTestId('outcome-diagnosis-changed').getByText('50%').waitFor();
      await summary.getByText('9.5% to 90.5%').first().waitFor();
      await summary.getByRole('link', { name: 'See the outcomes in detail' }).click();

      await page.getByRole('heading', { level: 1, name: 'Outcomes of second opinions' }).waitFor();
      await page.getByTestId('outcomes-cases').getByText('2', { exact: true }).waitFor();
      await page.getByTestId('outcomes-treatment-changed').getByText('100%').waitFor();
      await page.getByTestId('outcomes-apart').getByText('1', { exact: true }).waitFor();
      // Ours beside the published figures, each with its interval, in a table as well as a chart.
      const comparison = page.getByTestId('outcomes-comparison');
      const diagnosisRow = comparison.getByRole('row', { name: /Diagnosis changed/ });
      await diagnosisRow.getByRole('cell', { name: '50%', exact: true }).waitFor();
      await diagnosisRow.getByRole('cell', { name: '9.5% to 90.5%' }).waitFor();
      await diagnosisRow.getByRole('cell', { name: '14.8%', exact: true }).waitFor();
      await diagnosisRow.getByRole('cell', { name: '14% to 15.7%' }).waitFor();
      const treatmentRow = comparison.getByRole('row', { name: /Treatment plan modified or changed/ });
      await treatmentRow.getByRole('cell', { name: '37.4%', exact: true }).waitFor();
      await page
        .getByRole('img', { name: /ours beside the published figures/ })
        .locator('svg')
        .first()
        .waitFor();
      await page
        .getByText(
          'Published: Meyer et al., Am J Med 2015, a national programme of second opinions, 6,791 cases.',
        )
        .waitFor();

      // By country: Spain, where the member is.
      await page.getByLabel('Break down by').selectOption({ label: 'country' });
      await page.getByRole('heading', { level: 2, name: 'By country' }).waitFor();
      await page.getByTestId('outcomes-breakdown').getByRole('row', { name: /Spain/ }).waitFor();
      await expectAccessible(page, 'outcomes page');
      await page.screenshot({ path: artefactPath('operations-outcomes.png'), fullPage: true });

      const link = page.getByRole('link', { name: 'Download the figures (CSV)' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('outcomes-by-country.csv');
      const saved = artefactPath('outcomes-by-country.csv');
      await download.saveAs(saved);
      const lines = readFileSync(saved, 'utf8').trim().split('\r\n');
      expect(lines[0]).toMatch(
        /^breakdown,group,cases,diagnosis_changed,diagnosis_changed_share,diagnosis_changed_low95/,
      );
      expect(lines[1]).toMatch(/^all,all,2,1,0\.5000,0\.0945,0\.9055,2,1\.0000,/);
      expect(lines[2]).toMatch(/^country,ES,2,/);
      expect(lines[3]).toMatch(/^published,/);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
  it(
    'the case manager reconciles a panel that disagrees, and the member answers her 3-month check-in',
    async () => {
      // A panel of two: one opinion changes the diagnosis and modifies the treatment, the other confirms both.
      const cardiologist = await givenSpecialistAtDesk(server, {
        name: 'Dr Bea Cardio',
        specialtyCodes: ['IM'],
      });
      const caseId = await givenContactedCase(actors);
      const [first, second] = await givenReviewAskedOf(actors, caseId, [oncologist, cardiologist]);
      await givenOpinion(oncologist, first!, 'changed', 'modified');
      await givenOpinion(cardiologist, second!, 'confirmed', 'confirmed');

      const manager = await pageAs(actors.manager, 'en-GB', `/workspace/cases/${caseId}`);
      await manager.page.getByRole('tab', { name: 'Outcome' }).click();
      await manager.page
        .getByText("The panel's opinions disagree: give the case's one answer below.")
        .waitFor();
      const panel = manager.page.getByTestId('outcome-panel-opinions');
      await panel.getByRole('row', { name: /Dr Ana Onco Changed Modified/ }).waitFor();
      await panel.getByRole('row', { name: /Dr Bea Cardio Confirmed Confirmed/ }).waitFor();
      const answer = manager.page.getByRole('form', { name: "The case's one answer" });
      await answer
        .getByRole('radiogroup', { name: /Does the diagnosis stand/ })
        .getByLabel('Changed')
        .check();
      await answer
        .getByRole('radiogroup', { name: /Does the treatment plan stand/ })
        .getByLabel('Modified')
        .check();
      await answer.getByLabel(/^Why/).fill('The imaging supports the first reading.');
      await answer.getByRole('button', { name: "Give the case's answer" }).click();
      await manager.page.getByText(/^Decided by .+: diagnosis Changed, treatment plan Modified\.$/).waitFor();
      await expectAccessible(manager.page, "the case's outcome tab");
      expect(manager.problems).toEqual([]);

      // The recommendations are delivered; three months on, the first check-in planned then is due.
      await givenDelivered(actors, caseId);
      await server.sql.query(
        `UPDATE follow_up SET due_at = now() - interval '1 hour'
          WHERE id = (SELECT id FROM follow_up WHERE case_id = $1 ORDER BY due_at LIMIT 1)`,
        [caseId],
      );
      // Her home says a check-in is due, and leads to it.
      const member = await pageAs(actors.member, 'es-ES', '/');
      await member.page
        .getByRole('link', {
          name: 'Tiene un seguimiento pendiente: cuéntenos qué pasó después de la opinión',
        })
        .click();
      await member.page.waitForURL(`${server.url}/cases/${caseId}`);
      const checkIn = member.page.getByRole('region', {
        name: 'Su seguimiento: qué pasó después de la opinión',
      });
      await checkIn.waitFor();
      // The check-in due is answered here only, not also as a progress report in the check-ins list.
      const checkIns = member.page.getByRole('region', { name: 'Seguimientos', exact: true });
      await checkIns.waitFor();
      expect(await checkIns.getByRole('button', { name: 'Enviar mi informe de evolución' }).count()).toBe(0);
      // Sent with nothing chosen: each question says so, and the focus goes to the first.
      await checkIn.getByRole('button', { name: 'Enviar mi respuesta' }).click();
      await checkIn.getByText('Rellene este campo.').first().waitFor();
      await expect.poll(() => checkIn.locator('input[aria-invalid="true"]:focus').count()).toBe(1);
      await checkIn.getByLabel('Seguí la recomendación').check();
      await checkIn.getByLabel(/^¿Qué tratamiento ha recibido/).fill('Quimioterapia neoadyuvante en Bilbao.');
      await checkIn.getByLabel('Mejor', { exact: true }).check();
      await expectAccessible(member.page, 'the check-in form');
      await checkIn.getByRole('button', { name: 'Enviar mi respuesta' }).click();
      await checkIn
        .getByRole('status')
        .getByText('Gracias: su respuesta ya la tiene su responsable de caso.')
        .waitFor();
      await member.page.screenshot({ path: artefactPath('member-check-in-es.png'), fullPage: true });
      expect(member.problems).toEqual([]);

      const outcome = await actors.manager.get(`/api/v1/cases/${caseId}/outcome`);
      expect(outcome.body).toMatchObject({
        state: 'reconciled',
        diagnosis: 'changed',
        treatment: 'modified',
        answers: [{ source: 'member_check_in', action: 'followed', wellbeing: 'better' }],
      });
    },
    JOURNEY_TIMEOUT,
  );
});
