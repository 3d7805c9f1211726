import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiBrowser, staffApi, type Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  type StaffAccount,
} from '../test/support/factories.js';
import { givenNetworkSpecialist } from '../test/support/reviews.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  staffSignedInPage,
} from './support/browser.js';

/**
 * Operations, in a real browser against a real server on a fresh database: the server's clock is
 * moved past the 24 hours on a case nobody contacted, the dashboard shows the breach (with the
 * promise kept on another case), operations reassign it with a reason, and manage staff: a
 * colleague's languages, capacity and an absence, a new account, and a specialist's desk account
 * for their record in the network.
 */
const JOURNEY_TIMEOUT = 120_000;
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('operations journeys in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ops: StaffAccount;
  let lucia: StaffAccount;
  let backup: StaffAccount;
  let member: ApiClient;
  const contexts: BrowserContext[] = [];

  const ask = async () => {
    const reply = await member.post('/api/v1/cases', {
      concern: 'Worried about a heart murmur',
      diagnosisReceived: 'Mitral valve prolapse',
      questions: ['Do I need surgery?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Valencia' },
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; number: string; version: number; caseManager: { id: string } };
  };

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    ops = await givenStaff(server, 'ops', { name: 'Olga Ops', timeZone: 'Europe/Madrid' });
    lucia = await givenStaff(server, 'case_manager', {
      name: 'Lucía Prieto',
      languages: ['es'],
      weeklyShifts: allWeek,
      maxOpenCases: 20,
    });
    backup = await givenStaff(server, 'case_manager', {
      name: 'Ben Backup',
      languages: ['en'],
      weeklyShifts: allWeek,
      maxOpenCases: 15,
    });
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const signedInPage = () => staffSignedInPage(browser, contexts, { serverUrl: server.url, account: ops });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  it(
    'the clock passes 24 hours on a case nobody called: operations see the breach and reassign it',
    async () => {
      const kept = await ask();
      const forgotten = await ask();
      expect(forgotten.caseManager.id).toBe(lucia.userId);
      const luciaApi = new ApiBrowser(server.url);
      expect((await luciaApi.signInWithTwoFactor(lucia.email, lucia.password, lucia.totpSecret)).status).toBe(
        200,
      );
      // The member of the kept case is reached an hour and a half after asking.
      server.clock.advance(90 * MINUTE);
      expect(
        (
          await luciaApi.post(`/api/v1/cases/${kept.id}/contacts`, {
            version: kept.version,
            channel: 'phone',
            contactedAt: server.clock.now().toISOString(),
            outcome: 'reached',
          })
        ).status,
      ).toBe(201);
      server.clock.advance(25 * HOUR - 90 * MINUTE);
      // A third case, asked now, is left uncontacted until less than 6 hours remain: at risk.
      const pressing = await ask();
      server.clock.advance(19 * HOUR);

      const { page, problems } = await signedInPage();
      await page.getByRole('link', { name: 'Service levels' }).click();
      await heading(page, 'Service levels').waitFor();
      await page.getByTestId('figure-breached').getByText('1', { exact: true }).waitFor();
      await page.getByTestId('figure-open').getByText('3', { exact: true }).waitFor();
      await page.getByTestId('figure-at-risk').getByText('1', { exact: true }).waitFor();
      // One decided in time (kept), one broken (forgotten): half, over 7 days and over 30; the
      // third is not decided yet.
      await page.getByTestId('figure-rate-7').getByText('50%').waitFor();
      await page.getByTestId('figure-rate-30').getByText('50%').waitFor();
      // The one contact took an hour and a half: the median and the 90th percentile of both periods.
      for (const figure of ['figure-median-7', 'figure-p90-7', 'figure-median-30', 'figure-p90-30'])
        await page.getByTestId(figure).getByText('1 h 30 min', { exact: true }).waitFor();
      await page.locator(`tr[data-case="${pressing.number}"]`).getByText('At risk').waitFor();
      const row = page.locator(`tr[data-case="${forgotten.number}"]`);
      await row.getByText('Overdue').waitFor();
      await row.getByText('Lucía Prieto').waitFor();
      // The charts are drawn (recharts' SVG), each with its text alternative.
      await page
        .getByRole('img', { name: /Bar chart of the 3 open cases by state/ })
        .locator('svg')
        .first()
        .waitFor();
      await page
        .getByRole('img', { name: /open cases and maximum/ })
        .locator('svg')
        .first()
        .waitFor();
      // No specialist has written an opinion yet: the outcomes, counted per case, say so in words.
      await page.getByRole('heading', { level: 2, name: 'What the opinions changed (per case)' }).waitFor();
      await page.getByTestId('outcome-cases').getByText('0', { exact: true }).waitFor();
      await page.getByTestId('outcome-diagnosis-changed').getByText('No data yet').waitFor();
      await expectAccessible(page, 'dashboard');
      await page.screenshot({ path: artefactPath('operations-dashboard.png'), fullPage: true });

      await row.getByRole('button', { name: `Reassign ${forgotten.number}` }).click();
      const dialog = page.getByRole('dialog', { name: `Reassign case ${forgotten.number}` });
      await dialog.waitFor();
      await dialog.getByLabel('Give it to').selectOption({ label: 'Ben Backup (0 of 15 open)' });
      await expectAccessible(page, 'reassignment dialog');
      await dialog.getByLabel('Reason (staff only)').fill('Overdue: Lucía is on another call');
      await dialog.getByRole('button', { name: 'Reassign' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText('Ben Backup').waitFor();

      const after = await staffApi(server.url, ops);
      const reassigned = await after.get(`/api/v1/cases/${forgotten.id}`);
      expect(reassigned.body.caseManager.id).toBe(backup.userId);
      const timeline = await after.get(`/api/v1/cases/${forgotten.id}/events`);
      expect(timeline.body.items.map((event: { type: string }) => event.type)).toContain('reassigned');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "changes a case manager's languages and capacity, puts them out of office, and creates an account",
    async () => {
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/ops/staff`);
      await heading(page, 'Staff').waitFor();
      await expectAccessible(page, 'staff list');
      await page.getByRole('button', { name: 'Edit Lucía Prieto' }).click();
      const editor = page.locator('section', { has: page.getByRole('heading', { name: 'Lucía Prieto' }) });
      await editor.getByLabel('Languages').fill('es, fr');
      await editor.getByLabel('Maximum open cases').fill('25');
      await editor.getByRole('button', { name: 'Save' }).click();
      await editor.getByRole('status').getByText('Saved.').waitFor();
      await editor.getByLabel('Away from').fill('2030-07-01T09:00');
      await editor.getByLabel(/^Until/).fill('2030-07-15T18:00');
      await editor.getByLabel('Reason (optional)').fill('Summer leave');
      await editor.getByRole('button', { name: 'Add the absence' }).click();
      await editor
        .getByText(/Away from 1 July 2030 at 09:00 until 15 July 2030 at 18:00 · Summer leave/)
        .waitFor();
      await expectAccessible(page, 'staff editor');

      const api = await staffApi(server.url, ops);
      const stored = await api.get(`/api/v1/staff/${lucia.userId}`);
      expect(stored.body).toMatchObject({ languages: ['es', 'fr'], maxOpenCases: 25 });
      expect(stored.body.absences).toEqual([
        expect.objectContaining({ startsAt: '2030-07-01T07:00:00.000Z', reason: 'Summer leave' }),
      ]);

      const create = page.locator('section', {
        has: page.getByRole('heading', { name: 'Add a staff member' }),
      });
      await create.getByLabel('Name').fill('Noor Haddad');
      await create.getByLabel('E-mail address').fill('noor@staff.example');
      await create.getByLabel('Languages').fill('ar, en');
      await create.getByLabel('Time zone').fill('Asia/Dubai');
      await create.getByRole('button', { name: 'Create the account' }).click();
      await create.getByRole('status').getByText('Account created').waitFor();
      const shown = await create.locator('code').textContent();
      expect(shown?.length).toBeGreaterThanOrEqual(20);
      await page.getByRole('button', { name: 'Edit Noor Haddad' }).waitFor();
      // The same e-mail twice: a translated refusal, no second account.
      await create.getByRole('button', { name: 'Create the account' }).click();
      await create
        .getByRole('alert')
        .getByText('An account with this e-mail address already exists.')
        .waitFor();
      await expectAccessible(page, 'staff created');

      // Noor loses that password before using it: a new temporary one, shown once, replaces it.
      await page.getByRole('button', { name: 'Edit Noor Haddad' }).click();
      const noor = page.locator('section', { has: page.getByRole('heading', { name: 'Noor Haddad' }) });
      await noor.getByRole('button', { name: 'Give a new temporary password' }).click();
      await noor.getByText("Replace Noor Haddad's password and end their sessions now?").waitFor();
      await expectAccessible(page, 'staff editor, replacing a password');
      await noor.getByRole('button', { name: 'Yes, replace it' }).click();
      await noor.getByRole('status').getByText('Password replaced').waitFor();
      const replaced = await noor.locator('code').textContent();
      expect(replaced?.length).toBeGreaterThanOrEqual(20);
      expect(replaced).not.toBe(shown);
      expect((await new ApiBrowser(server.url).signIn('noor@staff.example', shown!)).status).toBe(401);
      expect((await new ApiBrowser(server.url).signIn('noor@staff.example', replaced!)).status).toBe(200);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "creates a specialist's desk account for their record in the network, found by name",
    async () => {
      const recordId = await givenNetworkSpecialist(server, { name: 'Ana Torres' });
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/ops/staff`);
      await heading(page, 'Staff').waitFor();
      const create = page.locator('section', {
        has: page.getByRole('heading', { name: 'Add a staff member' }),
      });
      await create.getByLabel('E-mail address').fill('ana.torres@clinic.example');
      await create.getByLabel('Role').selectOption({ label: 'Specialist' });
      // Without the record, the form says what is missing and sends nothing.
      await create.getByLabel(/^Name\W*$/).fill('Ana Torres');
      await create.getByRole('button', { name: 'Create the account' }).click();
      await create.getByText("Choose the specialist's record in the network.").waitFor();

      await create.getByLabel('Name or licence number').fill('torres');
      await create.getByLabel('Name or licence number').press('Enter');
      const option = create.getByRole('radio', { name: 'Dr Ana Torres, Barcelona (ES)' });
      await option.waitFor();
      await expectAccessible(page, 'network record search');
      await option.check();
      await expect(create.getByLabel('Languages').inputValue()).resolves.toBe('es, en');
      await create.getByRole('button', { name: 'Create the account' }).click();
      await create.getByRole('status').getByText('Account created').waitFor();

      // Looked up again, the record has its desk account and cannot be chosen twice.
      await create.getByLabel('Role').selectOption({ label: 'Specialist' });
      await create.getByLabel('Name or licence number').fill('torres');
      await create.getByRole('button', { name: 'Find' }).click();
      await create.getByText('Already has a desk account').waitFor();
      expect(await create.getByRole('radio', { name: 'Dr Ana Torres, Barcelona (ES)' }).isDisabled()).toBe(
        true,
      );
      await expectAccessible(page, 'specialist account created');

      const api = await staffApi(server.url, ops);
      const record = await api.get(`/api/v1/specialists/${recordId}`);
      const account = await api.get(`/api/v1/staff/${record.body.userId}`);
      expect(account.body).toMatchObject({ role: 'specialist', email: 'ana.torres@clinic.example' });
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  // Last in this file: the language chosen here stays on the operations account.
  it(
    'in German, the staff list writes its numbers the German way, and a new account is checked as the server checks it before anything is sent',
    async () => {
      await givenStaff(server, 'case_manager', {
        name: 'Paula Teilzeit',
        languages: ['de'],
        weeklyShifts: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '16:30' })),
        maxOpenCases: 30,
      });
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/ops/staff`);
      await heading(page, 'Staff').waitFor();
      await page.getByLabel('Language', { exact: true }).selectOption('de');
      await heading(page, 'Personal').waitFor();

      // Nine to half past four on weekdays: 37.5 hours a week, written as Germans do.
      const paula = page.getByRole('row', { name: /Paula Teilzeit/ });
      await page.getByRole('columnheader', { name: 'Stunden pro Woche' }).waitFor();
      await paula.getByRole('cell', { name: '37,5', exact: true }).waitFor();
      await paula.getByRole('cell', { name: '30', exact: true }).waitFor();
      await expectAccessible(page, 'staff list (de)');

      const sent: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/staff')
          sent.push(request.url());
      });
      const create = page.locator('section', {
        has: page.getByRole('heading', { name: 'Person hinzufügen' }),
      });
      const name = create.getByLabel(/^Name\W*$/);
      await create.getByLabel('E-Mail-Adresse').fill('samira@');
      await create.getByLabel('Sprachen').fill('x');
      await create.getByLabel('Zeitzone').fill('Mars/Olympus');
      await create.getByRole('button', { name: 'Konto anlegen' }).click();
      // Each problem under its field, in German, with the server's own rules; nothing was sent.
      await create.getByText('Bitte füllen Sie dieses Feld aus.').waitFor();
      await create.getByText('Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.').waitFor();
      await create
        .getByText('Geben Sie Sprachcodes durch Kommas getrennt ein, zum Beispiel es, en.')
        .waitFor();
      await create.getByText('Geben Sie eine Zeitzone wie Europe/Madrid ein.').waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await create.getByLabel('Zeitzone').getAttribute('aria-invalid')).toBe('true');
      // The first field in error has the focus, so that its message is read out.
      await expect
        .poll(() => name.evaluate((field: any) => field === field.ownerDocument.activeElement))
        .toBe(true);
      expect(sent).toEqual([]);
      await expectAccessible(page, 'new account with errors (de)');

      // Put right, the account is created.
      await name.fill('Samira Haddad');
      await create.getByLabel('E-Mail-Adresse').fill('samira@staff.example');
      await create.getByLabel('Sprachen').fill('ar, en');
      await create.getByLabel('Zeitzone').fill('Asia/Dubai');
      await create.getByRole('button', { name: 'Konto anlegen' }).click();
      await create.getByRole('status').getByText('Konto angelegt').waitFor();
      await page.getByRole('button', { name: 'Samira Haddad bearbeiten' }).waitFor();
      expect(sent).toHaveLength(1);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
