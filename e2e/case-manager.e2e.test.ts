import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { staffApi, type Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaff,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import { syntheticDicom } from '../test/support/dicom.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  staffSignedInPage,
  openWatchedPage,
} from './support/browser.js';

/**
 * The case manager's day, in a real browser against a real server on a fresh database: the new
 * case at the top of the queue with its clock running, the first contact, a call proposed and
 * booked by the member from their page, a record asked for and received while the page is open,
 * the viewer, a message, recommendations with their preview and delivery, a version conflict,
 * follow-ups; then the queue with the keyboard alone, and in Arabic.
 * The member's side runs in their own browser, on their case page, at the same time.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
/**
 * A moment as both sides read it here: in British English (the member lives in the United Kingdom,
 * the case manager's browser is British), in Madrid's time (the case manager's and the member's zone).
 */
const inMadrid = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Madrid',
  }).format(new Date(iso));
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(20_000, 'BT /F1 12 Tf (Biopsy report) Tj ET\n'),
  Buffer.from('\n%%EOF\n'),
]);

describe.skipIf(!chromiumAvailable())('case-manager journeys in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: StaffAccount;
  let member: ApiClient;
  const contexts: BrowserContext[] = [];

  const ask = async (concern: string, preferredLanguage = 'es') => {
    const reply = await member.post('/api/v1/cases', {
      concern,
      diagnosisReceived: 'Stage I breast carcinoma',
      treatmentPlanReceived: 'Mastectomy in three weeks',
      firstOpinion: { doctorName: 'Dr. Ruiz', institution: 'Hospital Central', country: 'ES' },
      questions: ['Is surgery the only option?', 'Can it wait a month?'],
      preferredLanguage,
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      preferredContactWindows: [{ days: [1, 2, 3], from: '09:00', to: '13:00' }],
      location: { country: 'ES', city: 'Sevilla' },
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; number: string; version: number };
  };

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    manager = await givenStaff(server, 'case_manager', {
      name: 'Lucía Prieto',
      languages: ['es', 'en', 'ar'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
      timeZone: 'Europe/Madrid',
    });
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    // The member reads the app in English, and lives in the United Kingdom: their dates are British.
    const me = await member.get('/api/v1/me');
    expect(
      (await member.patch('/api/v1/me', { version: me.body.version, locale: 'en', country: 'GB' })).status,
    ).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const signedInPage = () =>
    staffSignedInPage(browser, contexts, { serverUrl: server.url, account: manager });

  /** The member, in their own browser (English), on the case page. */
  async function memberOnCase(caseId: string): Promise<{ page: Page; problems: string[] }> {
    const { page, problems } = await openWatchedPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
    });
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/cases/${caseId}`)}`);
    await page.getByLabel('E-mail address').fill('alice@example.org');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Case/ }).waitFor();
    return { page, problems };
  }

  const idOfFocused = (page: Page): Promise<string | undefined> =>
    page.evaluate(() => (globalThis as any).document.activeElement?.id);

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });

  it(
    'sees the new case first, contacts the member, asks for a record, writes and delivers recommendations',
    async () => {
      const kase = await ask('I am scared of the operation');
      const managerApi = await staffApi(server.url, manager);

      // The member keeps their case page open through all of it.
      const memberSide = await memberOnCase(kase.id);
      const { page, problems } = await signedInPage();
      const focusedId = () => idOfFocused(page);
      await page.getByRole('link', { name: 'My cases' }).click();
      await heading(page, 'My cases').waitFor();
      const rows = page.locator('tbody tr');
      await rows.first().getByRole('link', { name: kase.number }).waitFor();
      const firstRow = rows.first();
      await firstRow.getByText('On track').waitFor();
      // The countdown moves on its own, without asking the server again.
      const countdown = firstRow.locator('.countdown');
      const before = await countdown.textContent();
      expect(before).toMatch(/^23 h 59 min \d+ s left$/);
      await page.waitForFunction(
        (shown) => (globalThis as any).document.querySelector('tbody tr .countdown')?.textContent !== shown,
        before,
      );
      await expectAccessible(page, 'queue');

      // Filters live in the address.
      await page.getByRole('combobox', { name: 'Interpreter', exact: true }).click();
      await page.getByRole('option', { name: 'Interpreter needed', exact: true }).click();
      await page.getByText('No cases match these filters.').waitFor();
      expect(new URL(page.url()).searchParams.get('interpreterNeeded')).toBe('true');
      await page.goBack();
      await rows.first().getByRole('link', { name: kase.number }).click();

      await heading(page, `Case ${kase.number}`).waitFor();
      await page.getByText('I am scared of the operation').waitFor();
      await page.getByText('Dr. Ruiz · Hospital Central · Spain').waitFor();
      await page.getByText('Is surgery the only option?').waitFor();
      await expectAccessible(page, 'case: request');

      // The first contact, from the keyboard: "c" opens the contact panel in its first field.
      await page.keyboard.press('c');
      await page.getByRole('tab', { name: 'Contact and calls', selected: true }).waitFor();
      await expect.poll(focusedId).toBe('contact-channel');
      const contactLog = page.getByRole('region', { name: 'Contact log' });
      await contactLog.getByText('No contact logged yet.').waitFor();
      await page.getByLabel('Outcome').selectOption('reached');
      await page.getByLabel('Private note').fill('Anxious; prefers mornings.');
      await page.getByRole('button', { name: 'Log the contact' }).click();
      await page.getByRole('status').getByText('Contact logged.').waitFor();
      await page.getByText(/^First contact made/).waitFor();
      // The log shows it at once, newest first, in the case manager's time zone, with who logged it.
      const logged = (await managerApi.get(`/api/v1/cases/${kase.id}/contacts`)).body.items;
      expect(logged).toHaveLength(1);
      const entry = contactLog.getByRole('listitem').first();
      await entry.getByText(`${inMadrid(logged[0].contactedAt)} · Phone · Reached the member`).waitFor();
      await entry.getByText('Anxious; prefers mornings.').waitFor();
      await entry.getByText(`Logged by Lucía Prieto on ${inMadrid(logged[0].recordedAt)}.`).waitFor();
      await page.locator('[data-standing="contacted"]').first().waitFor();
      await expectAccessible(page, 'case: contact');
      // The member sees it without reloading; the private note is not theirs to read.
      await memberSide.page.getByText('Case Manager in touch').first().waitFor();
      expect(await memberSide.page.getByText('prefers mornings').count()).toBe(0);

      // A call proposed on the member's clock: nothing given, then a time already past, are each
      // said under the box, which takes the focus; then a time to come.
      const firstTime = page.getByLabel('Proposed time 1');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      await page.getByText('Enter a date and a time.').waitFor();
      await expect.poll(focusedId).toBe(await firstTime.getAttribute('id'));
      await expect(firstTime.getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByLabel('Proposed time 2').fill('2020-03-04T10:00');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      await page.getByText('Choose a time in the future.').waitFor();
      await expect(page.getByLabel('Proposed time 2').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(firstTime.getAttribute('aria-invalid')).resolves.not.toBe('true');
      expect((await member.get(`/api/v1/cases/${kase.id}/calls`)).body.items).toEqual([]);
      await page.getByLabel('Proposed time 2').fill('');
      await firstTime.fill('2030-03-04T10:00');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      await page.getByText('Waiting for the member to choose a time').waitFor();
      const calls = await member.get(`/api/v1/cases/${kase.id}/calls`);
      expect(calls.body.items[0].slots[0].startsAtLocal).toMatch(/^2030-03-04T10:00:00(\.000)?\+01:00$/);
      // The member sees the proposal on their own page, in their own time zone, and picks the time.
      const callsPanel = memberSide.page.getByRole('region', { name: 'Calls with your Case Manager' });
      const choice = callsPanel.getByRole('radiogroup', {
        name: 'Choose a time for your call with your Case Manager',
      });
      // The zone is named in words, not as an IANA id.
      await callsPanel.getByText('By phone. Times in your time zone (Central European Time).').waitFor();
      await callsPanel.getByRole('button', { name: 'Confirm this time' }).click();
      await callsPanel.getByText('Choose one of the times.').waitFor();
      // Day before month, on a 24-hour clock, as in the United Kingdom.
      await choice.getByRole('radio', { name: '4 March 2030 at 10:00 (30 min)' }).check();
      await expectAccessible(memberSide.page, 'member case page: proposed call');
      await callsPanel.getByRole('button', { name: 'Confirm this time' }).click();
      await callsPanel
        .getByText('Your call is booked for 4 March 2030 at 10:00 (Central European Time). By phone.')
        .waitFor();
      // The case manager's view follows, live.
      await page.getByText('Confirmed for 4 March 2030 at 10:00', { exact: false }).waitFor();

      // A record asked for ("a", from the keyboard); the member uploads it while the page is open,
      // and the checklist ticks.
      await page.keyboard.press('a');
      await page.getByRole('tab', { name: 'Records', selected: true }).waitFor();
      await expect.poll(focusedId).toBe('record-kind');
      await page.getByLabel('Kind of record').selectOption('report');
      await page.getByLabel('What you need').fill('The biopsy report from March');
      await page.getByRole('button', { name: 'Ask for it' }).click();
      const item = page.locator('li[data-status]').filter({ hasText: 'The biopsy report from March' });
      await item.getByText('Waiting').waitFor();
      await page.getByText('0 of 1 received').waitFor();
      // The member sees the request arrive, answers it from their page, and both checklists tick.
      const asked = memberSide.page.locator('li[data-request-status]').filter({
        hasText: 'The biopsy report from March',
      });
      await asked.getByText('Outstanding').waitFor();
      await asked.getByRole('button', { name: 'Upload this record' }).click();
      await asked.getByLabel('A short title').fill('Biopsy March');
      await asked.locator('input[type="file"]').setInputFiles({
        name: 'biopsy.pdf',
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await asked.getByRole('button', { name: 'Send this record' }).click();
      await memberSide.page.locator('li[data-request-status="received"]').first().waitFor();
      await item.getByText('Received').waitFor();
      await page.getByText('1 of 1 received').waitFor();
      await page.getByRole('button', { name: 'View Biopsy March' }).click();
      const frame = page.locator('iframe[title="Biopsy March"]');
      await frame.waitFor();
      expect(await frame.getAttribute('src')).toMatch(/\/content\?disposition=inline$/);
      await expectAccessible(page, 'case: records');

      // A message from the member arrives without a reload; the case manager answers. The viewer
      // is closed first, from the keyboard: Chromium's PDF viewer, still loading, can swallow a
      // mouse click meant for the page (and with it the keystroke's focus), so the close is
      // pressed again until the viewer has gone.
      const closeViewer = page.getByRole('button', { name: 'Close the viewer' });
      await vi.waitFor(
        async () => {
          if ((await frame.count()) > 0) await closeViewer.press('Enter', { timeout: 2_000 });
          await frame.waitFor({ state: 'detached', timeout: 2_000 });
        },
        { timeout: 15_000, interval: 100 },
      );
      // "m" opens the messages with the focus in the message box.
      await page.keyboard.press('m');
      await page.getByRole('tab', { name: 'Messages', selected: true }).waitFor();
      await expect.poll(focusedId).toBe('case-message');
      await page.getByText('No messages with the member yet.', { exact: false }).waitFor();
      await memberSide.page.getByLabel('Your message', { exact: true }).fill('Thank you for calling.');
      await memberSide.page.getByRole('button', { name: 'Send', exact: true }).click();
      // Looked for in the thread itself: the text is also in the sender's box until the send is done.
      const thread = (side: Page) => side.getByRole('list', { name: 'Messages, oldest first' });
      await thread(page).getByText('Thank you for calling.').waitFor();
      // Read on screen: the member sees the receipt.
      await expect
        .poll(async () => {
          const thread = await member.get(`/api/v1/cases/${kase.id}/messages`);
          return thread.body.items.find(
            (message: { body: string }) => message.body === 'Thank you for calling.',
          )?.readByOther;
        })
        .toBe(true);
      // Typed where the focus is, sent with Ctrl+Enter.
      expect(await focusedId()).toBe('case-message');
      await page.keyboard.type('You are welcome. Speak soon.');
      await page.keyboard.press('Control+Enter');
      await thread(page).getByText('You are welcome. Speak soon.').waitFor();
      await thread(memberSide.page).getByText('You are welcome. Speak soon.').waitFor();
      await expectAccessible(page, 'case: messages');

      // Recommendations: written in Markdown, previewed as the server renders them, delivered.
      // "e" from outside a field opens the editor, ready to write.
      await page.getByRole('tab', { name: 'Messages', selected: true }).focus();
      await page.keyboard.press('e');
      await page.getByRole('tab', { name: 'Recommendations', selected: true }).waitFor();
      await expect.poll(focusedId).toBe('recommendations-body');
      await page
        .getByLabel('Recommendations (Markdown)')
        .fill('## What we recommend\n\n**Surgery can wait** four weeks.<script>alert(1)</script>');
      await page.getByLabel('Next steps').fill('Book an MRI\nSee an oncologist');
      await page.getByRole('tab', { name: 'Preview' }).click();
      const preview = page.locator('.recommendations-preview');
      await preview.getByRole('heading', { name: 'What we recommend' }).waitFor();
      await preview.locator('strong', { hasText: 'Surgery can wait' }).waitFor();
      expect(await preview.locator('script').count()).toBe(0);
      await preview.getByText('See an oncologist').waitFor();
      await expectAccessible(page, 'case: recommendations preview');
      // No specialist reviewed this case: the delivery records why, from the list.
      await page.getByLabel('Why without a specialist review').selectOption('answered_by_case_manager');
      await page.getByRole('button', { name: 'Deliver to the member' }).click();
      await page
        .getByRole('status')
        .getByText(/^Delivered/)
        .waitFor();
      // The member reads them on their page, sanitised, and says so; the case manager sees it.
      const theirs = memberSide.page.getByRole('region', { name: 'Your recommendations' });
      await theirs.getByRole('heading', { name: 'What we recommend' }).waitFor();
      await theirs.locator('strong', { hasText: 'Surgery can wait' }).waitFor();
      expect(await theirs.locator('script').count()).toBe(0);
      await theirs.getByText('See an oncologist').waitFor();
      await expectAccessible(memberSide.page, 'member case page after delivery');
      await theirs.getByRole('button', { name: 'I have read this' }).click();
      await theirs.getByText('You said you read these on', { exact: false }).waitFor();
      await page
        .getByRole('status')
        .getByText(/read by the member/)
        .waitFor();
      expect(memberSide.problems).toEqual([]);

      // Someone else changes the case meanwhile: the write is refused, said so, and the case reloads.
      // The change is made while the closing is on its way, so that the page cannot have seen it
      // (the live stream would otherwise bring the new version first, and the closing succeed).
      await page.getByRole('tab', { name: 'Follow-ups and closing' }).click();
      await page.getByLabel('Reason for closing').fill('Done');
      await page.route(
        `**/api/v1/cases/${kase.id}/closure`,
        async (route) => {
          const current = await managerApi.get(`/api/v1/cases/${kase.id}`);
          const planned = await managerApi.post(`/api/v1/cases/${kase.id}/follow-ups`, {
            version: current.body.version,
            every: { days: 7, count: 2 },
          });
          expect(planned.status).toBe(201);
          await route.continue();
        },
        { times: 1 },
      );
      await page.getByRole('button', { name: 'Close the case' }).click();
      await page.getByRole('alert').getByText('Someone else changed this case').waitFor();
      expect((await member.get(`/api/v1/cases/${kase.id}`)).body.status).not.toBe('closed');
      // The reloaded case carries the plan made elsewhere; now the case manager plans one more.
      const planned = page.locator('li', { hasText: 'Planned' });
      await planned.first().waitFor();
      const plannedBefore = await planned.count();
      await page.getByRole('button', { name: 'Plan the check-ins' }).click();
      await expect.poll(() => planned.count()).toBeGreaterThan(plannedBefore);
      await expectAccessible(page, 'case: follow-ups');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'plans follow-up check-ins (a date already past is refused under its field); the member reports their progress from their page, and the case manager reads it',
    async () => {
      const kase = await ask('Worried about the months after the operation', 'en');
      const managerApi = await staffApi(server.url, manager);
      // The member was reached and read the recommendations: what the journey above does in the browser.
      const contacted = await managerApi.post(`/api/v1/cases/${kase.id}/contacts`, {
        version: kase.version,
        channel: 'phone',
        contactedAt: server.clock.now().toISOString(),
        outcome: 'reached',
      });
      expect(contacted.status).toBe(201);
      const written = await managerApi.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
        json: { version: contacted.body.version, body: 'Rest for two weeks, then physiotherapy.' },
      });
      expect(written.status).toBe(200);
      const current = (await managerApi.get(`/api/v1/cases/${kase.id}`)).body;
      expect(
        (
          await managerApi.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
            version: current.version,
            withoutReviewReason: 'answered_by_case_manager',
          })
        ).status,
      ).toBe(201);

      const memberSide = await memberOnCase(kase.id);
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/workspace/cases/${kase.id}`);
      await heading(page, `Case ${kase.number}`).waitFor();
      await page.getByRole('tab', { name: 'Follow-ups and closing' }).click();
      const plan = page.getByRole('region', { name: 'Follow-up check-ins' });
      await plan.getByText('No check-ins planned.').waitFor();

      // A check-in on a day already past: only the server knows the time, and its refusal is
      // shown under the date.
      await plan.locator('label', { hasText: 'On a date' }).click();
      const date = plan.getByLabel('Date and time');
      await date.fill('2020-01-06T10:00');
      await plan.getByRole('button', { name: 'Plan the check-ins' }).click();
      await plan.getByText('Choose a time in the future.').waitFor();
      expect(await date.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'case: a check-in in the past');

      // Every two weeks, three times.
      await plan.locator('label', { hasText: 'Every few days' }).click();
      await plan.getByLabel('Every (days)').fill('14');
      await plan.getByLabel('How many').fill('3');
      await plan.getByRole('button', { name: 'Plan the check-ins' }).click();
      await expect.poll(() => plan.getByRole('listitem').filter({ hasText: 'Planned' }).count()).toBe(3);
      const planned = (await managerApi.get(`/api/v1/cases/${kase.id}/follow-ups`)).body.items as {
        dueAt: string;
      }[];
      const dueDates = planned.map((item) => item.dueAt).sort();
      const gaps = dueDates.slice(1).map((due, index) => Date.parse(due) - Date.parse(dueDates[index]!));
      expect(gaps).toEqual([14, 14].map((days) => days * 24 * 60 * 60 * 1000));

      // The member sees them on their page, in their time zone, without reloading, and reports
      // how they are doing for the first.
      const checkIns = memberSide.page.getByRole('region', { name: 'Follow-up check-ins' });
      for (const due of dueDates) await checkIns.getByText(`${inMadrid(due)}: planned`).waitFor();
      await expectAccessible(memberSide.page, 'member case page: check-ins');
      await checkIns.getByRole('button', { name: 'Send my progress report' }).click();
      await checkIns.getByText('Please fill in this field.').waitFor();
      await checkIns
        .getByLabel('How are you doing?')
        .fill('Walking without crutches; the physiotherapy helps.');
      await checkIns.getByRole('button', { name: 'Send my progress report' }).click();
      await checkIns.getByText(`${inMadrid(dueDates[0]!)}: done`).waitFor();
      await checkIns.getByText(`${inMadrid(dueDates[1]!)}: planned`).waitFor();

      // The case manager reads it in the panel, as it arrives.
      const done = plan.getByRole('listitem').filter({ hasText: 'Done' });
      await done.getByText('Walking without crutches; the physiotherapy helps.').waitFor();
      await done.getByText(`${inMadrid(dueDates[0]!)} · Done`).waitFor();
      expect(await plan.getByRole('listitem').filter({ hasText: 'Planned' }).count()).toBe(2);
      expect(memberSide.problems).toEqual([]);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'opens a DICOM image the member sent in the page: drawn from the decrypted stream, window and frame from the keyboard, nothing kept on the device',
    async () => {
      const kase = await ask('My MRI was read as a tumour', 'en');
      const form = new FormData();
      form.append('kind', 'imaging');
      form.append('title', 'MRI head');
      form.append('file', new Blob([syntheticDicom({ frames: 3 })]), 'mri.dcm');
      const sent = await member.request('POST', `/api/v1/cases/${kase.id}/documents`, { body: form });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.mediaType).toBe('application/dicom');

      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/workspace/cases/${kase.id}`);
      await heading(page, `Case ${kase.number}`).waitFor();
      await page.getByRole('tab', { name: 'Records' }).click();
      const [response] = await Promise.all([
        page.waitForResponse((response) => response.url().includes(`/documents/${sent.body.id}/content`)),
        page.getByRole('button', { name: 'View MRI head' }).click(),
      ]);
      expect(response.headers()['cache-control']).toBe('no-store');
      const image = page.getByRole('img', { name: 'DICOM image: MRI head' });
      await image.waitFor();
      await page.locator('[data-dicom-viewer="ready"]').waitFor();

      // What the viewer draws, read back from its canvas: how many pixels are lit, and a digest.
      const drawn = () =>
        image
          .locator('canvas')
          .first()
          .evaluate((canvas: any) => {
            const { width, height } = canvas;
            const pixels = canvas.getContext('2d').getImageData(0, 0, width, height)
              .data as Uint8ClampedArray;
            let lit = 0;
            let sum = 0;
            for (let i = 0; i < pixels.length; i += 4) {
              if (pixels[i]! > 0 || pixels[i + 1]! > 0 || pixels[i + 2]! > 0) lit += 1;
              sum = (sum * 31 + pixels[i]!) % 1_000_000_007;
            }
            return { lit, sum };
          });
      await expect.poll(async () => (await drawn()).lit).toBeGreaterThan(1000);
      const first = await drawn();

      // The window centre, from the keyboard: the picture changes.
      const centre = page.getByRole('slider', { name: 'Window centre' });
      await centre.focus();
      for (let press = 0; press < 20; press += 1) await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await drawn()).sum).not.toBe(first.sum);
      const windowed = await drawn();
      // The next frame of the series, from the keyboard.
      await page.getByText('Frame 1 of 3').waitFor();
      await page.getByRole('slider', { name: 'Frame' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.getByText('Frame 2 of 3').waitFor();
      await expect.poll(async () => (await drawn()).sum).not.toBe(windowed.sum);
      await expectAccessible(page, 'case: DICOM viewer');

      // Nothing of the image is kept on the device: no cached response, no database.
      const kept = await page.evaluate(async () => {
        const scope = globalThis as any;
        const cached: string[] = [];
        for (const name of await scope.caches.keys()) {
          const cache = await scope.caches.open(name);
          for (const request of await cache.keys()) cached.push(new URL(request.url).pathname);
        }
        const databases = (await scope.indexedDB.databases()).map((db: { name: string }) => db.name);
        return { api: cached.filter((path) => path.startsWith('/api/')), databases };
      });
      expect(kept).toEqual({ api: [], databases: [] });
      await page.getByRole('button', { name: 'Close the viewer' }).click();
      await image.waitFor({ state: 'detached' });

      // A JPEG 2000 image is not decoded in the page: the viewer says so and points to the download.
      const compressed = new FormData();
      compressed.append('kind', 'imaging');
      compressed.append('title', 'CT chest');
      compressed.append(
        'file',
        new Blob([syntheticDicom({ transferSyntax: '1.2.840.10008.1.2.4.90' })]),
        'ct.dcm',
      );
      const other = await member.request('POST', `/api/v1/cases/${kase.id}/documents`, { body: compressed });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      await page.reload();
      await page.getByRole('tab', { name: 'Records' }).click();
      await page.getByRole('button', { name: 'View CT chest' }).click();
      await page
        .getByRole('alert')
        .getByText('Download it to open it in DICOM software.', { exact: false })
        .waitFor();
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a member who gave no times to be reached is shown to staff as promised (at a reasonable hour), their concern in its own order',
    async () => {
      const reply = await member.post('/api/v1/cases', {
        // A reversing character in the concern is kept as written, and not let loose on the page.
        concern: 'No times given\u202e sdrawkcab',
        diagnosisReceived: 'Stage I breast carcinoma',
        treatmentPlanReceived: 'Mastectomy in three weeks',
        firstOpinion: { doctorName: 'Dr. Ruiz', institution: 'Hospital Central', country: 'ES' },
        questions: ['Is surgery the only option?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        preferredContactWindows: [],
        location: { country: 'ES', city: 'Sevilla' },
      });
      expect(reply.status).toBe(201);
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/workspace/cases/${reply.body.id}`);
      await heading(page, `Case ${reply.body.number}`).waitFor();
      // The request form told the member "your Case Manager contacts you at a reasonable hour".
      await page.getByText('At a reasonable hour in their time zone (no times given)').waitFor();
      expect(await page.getByText('Any time', { exact: true }).count()).toBe(0);
      const concern = page.locator('bdi[dir="auto"]', { hasText: 'No times given' });
      expect(await concern.textContent()).toBe('No times given sdrawkcab');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a member whose name is written in Chinese characters is named family name first, their time zone in words',
    async () => {
      await givenPersonInRegister(server, {
        membershipNumber: 'M-8000',
        givenName: '娜',
        familyName: '李',
        dateOfBirth: '1991-04-04',
        country: 'IN',
        preferredLanguage: 'en',
      });
      const liNa = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-8000-01', dateOfBirth: '1991-04-04' },
        'li.na@example.org',
      );
      const reply = await liNa.post('/api/v1/cases', {
        concern: 'A second look at my scan',
        diagnosisReceived: 'Stage I breast carcinoma',
        treatmentPlanReceived: 'Mastectomy in three weeks',
        firstOpinion: { doctorName: 'Dr. Rao', institution: 'City Hospital', country: 'IN' },
        questions: ['Is surgery the only option?'],
        preferredLanguage: 'en',
        contactChannel: 'phone',
        contactPhone: '098301 23456',
        // The old name of India's zone, as some devices still report it: kept by its current name.
        timeZone: 'Asia/Calcutta',
        preferredContactWindows: [],
        location: { country: 'IN', city: 'Kolkata' },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.timeZone).toBe('Asia/Kolkata');
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/workspace/cases/${reply.body.id}`);
      await heading(page, `Case ${reply.body.number}`).waitFor();
      await page.getByText('李娜', { exact: true }).waitFor();
      expect(await page.getByText('娜 李').count()).toBe(0);
      await page.getByText('India Standard Time', { exact: false }).first().waitFor();
      expect(await page.getByText(/Asia\/(Calcutta|Kolkata)/).count()).toBe(0);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a page whose code is gone after a new release reloads once, then says so in words and offers to reload',
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        // The worker would fetch the app's files where page.route does not see them.
        serviceWorkers: 'block',
      });
      // The queue's code cannot be fetched (as when a release has replaced it).
      let attempts = 0;
      await page.route(/\/assets\/Queue-[\w-]+\.js$/, (route) => {
        attempts += 1;
        return route.abort();
      });
      await page.getByRole('link', { name: 'My cases' }).click();
      // The page reloads once by itself; the code is still missing, so it is said in words.
      await heading(page, 'This page could not be shown').waitFor();
      await page.getByText('Consilium has just been updated.', { exact: false }).waitFor();
      expect(attempts).toBe(2);
      expect(new URL(page.url()).pathname).toBe('/workspace');
      await page.getByRole('banner').getByLabel('Language', { exact: true }).waitFor();
      await expectAccessible(page, 'route error page');
      // Once the code is there again, the offered reload opens the page.
      await page.unroute(/\/assets\/Queue-[\w-]+\.js$/);
      await page.getByRole('button', { name: 'Reload the page' }).click();
      await heading(page, 'My cases').waitFor();
      expect(attempts).toBe(2);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'works the queue with the keyboard alone, and in Arabic, right to left',
    async () => {
      await ask('Third worry');
      const { page, problems } = await signedInPage();
      await page.goto(`${server.url}/workspace`);
      await heading(page, 'My cases').waitFor();
      await page.locator('tbody tr').first().waitFor();
      // "?" opens the help; Escape closes it.
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      await help.getByText('Open the selected case').waitFor();
      await expectAccessible(page, 'shortcuts help');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      // A key typed into a field stays in the field.
      const languageFilter = page.getByRole('combobox', { name: "Member's language" });
      await languageFilter.focus();
      await page.keyboard.type('j');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).not.toMatch(
        /^queue-case-/,
      );
      await page.keyboard.press('Escape');
      await heading(page, 'My cases').focus();

      // j and k move through the cases, o opens the selected one.
      await page.keyboard.press('j');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('queue-case-0');
      await page.keyboard.press('j');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('queue-case-1');
      await page.keyboard.press('k');
      const chosen = await page.evaluate(() => (globalThis as any).document.activeElement?.textContent);
      await page.keyboard.press('o');
      await heading(page, `Case ${chosen}`).waitFor();
      // In a case, "?" lists the actions' keys too.
      await page.keyboard.press('?');
      const caseHelp = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      const keysOf = (action: string) =>
        caseHelp.getByRole('row').filter({ hasText: action }).locator('kbd').allTextContents();
      await caseHelp.getByText('Log a contact').waitFor();
      expect(await keysOf('Log a contact')).toEqual(['c']);
      expect(await keysOf('Ask for a record')).toEqual(['a']);
      expect(await keysOf('Send the message (while writing it)')).toEqual(['Ctrl', 'Enter']);
      await expectAccessible(page, 'case shortcuts help');
      await page.keyboard.press('Escape');
      await caseHelp.waitFor({ state: 'hidden' });
      // Digits switch panels; q goes back to the queue.
      await page.keyboard.press('2');
      await page.getByRole('tab', { name: 'Timeline', selected: true }).waitFor();
      await page.getByText('Request received').first().waitFor();
      await page.keyboard.press('q');
      await heading(page, 'My cases').waitFor();

      // In Arabic the queue reads right to left.
      await page.getByLabel('Language', { exact: true }).selectOption('ar');
      await heading(page, 'حالاتي').waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      await page.locator('tbody tr').first().waitFor();
      await page.screenshot({ path: artefactPath('case-manager-queue-ar.png'), fullPage: true });
      await expectAccessible(page, 'queue (ar)');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
