import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * A member in Singapore asks to be called: the form asks for the number with Singapore's own
 * example, says plainly when the one typed is not a number, and takes it written the local way.
 * Their case manager finds it on the case file as a number to dial, with the time it is there.
 * Then a video call: the case manager gives the meeting link with the times, the member books one
 * and joins from their case page.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('a number to call and a link to join, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: StaffAccount;
  let member: ApiClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await givenRegister(server);
    manager = await givenStaff(server, 'case_manager', {
      name: 'Dr Wei Lin',
      languages: ['en'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
      timeZone: 'Europe/Madrid',
    });
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'mei@phone.test',
    );
    const me = await member.get('/api/v1/me');
    const moved = await member.patch('/api/v1/me', {
      version: me.body.version,
      locale: 'en',
      timeZone: 'Asia/Singapore',
      country: 'SG',
    });
    expect(moved.status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** The member, on her phone, in Singapore, signed in and on `path`. */
  async function memberPage(path: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openWatchedPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: 'Asia/Singapore',
    });
    const { page } = opened;
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(path)}`);
    await page.getByLabel('E-mail address').fill('mei@phone.test');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return opened;
  }

  it(
    'the member gives her number the local way, is told when it is not one, and her case manager gets it to dial',
    async () => {
      const { page, problems } = await memberPage('/cases/new');
      await page.getByRole('heading', { level: 1, name: 'Request a second opinion' }).waitFor();
      await page.getByLabel('What worries you?').fill('I was told I need a heart bypass.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 2 of 5').waitFor();
      await page.getByLabel('The diagnosis you received').fill('Coronary artery disease');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 3 of 5').waitFor();
      await page.getByRole('textbox', { name: 'Question 1' }).fill('Could stents be enough?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 4 of 5').waitFor();

      // By phone, as the form starts: the number is asked for, with Singapore's way of writing one.
      expect(await page.getByLabel('By phone').isChecked()).toBe(true);
      const phone = page.getByRole('textbox', { name: /^Phone number to call/ });
      await page
        .getByText(
          'As you would dial it at home, for example 8123 4567, or starting with + and the country code.',
        )
        .waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Please give the number we should call.').waitFor();
      await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
      await expectAccessible(page, 'request form: the number to call, missing');

      // Five digits are not a Singapore number: the server says so, and the form goes back to it.
      await phone.fill('91234');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 5 of 5').waitFor();
      expect(await page.getByRole('combobox', { name: /^Country/ }).inputValue()).toBe('SG');
      await page.getByLabel('City').fill('Singapore');
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page.getByText('Step 4 of 5').waitFor();
      await phone.waitFor();
      await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
      expect(
        await page
          .getByText(
            'This is not a phone number we can call. Check the digits, or start with + and the country code.',
          )
          .count(),
      ).toBeGreaterThanOrEqual(1);
      expect((await member.get('/api/v1/cases')).body.items).toEqual([]);
      await expectFitsWidth(page, 'request form: a number that is not one');

      await phone.fill('9123 4567');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Step 5 of 5').waitFor();
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your request has been sent' }).waitFor();
      const [kase] = (await member.get('/api/v1/cases')).body.items;
      const detail = (await member.get(`/api/v1/cases/${kase.id}`)).body;
      expect(detail.contactPhone).toEqual({ e164: '+6591234567', international: '+65 9123 4567' });
      expect(problems).toEqual([]);

      // The case manager, in Madrid, finds it on the case file as a number to dial.
      const staff = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${kase.id}`,
      });
      const dial = staff.page.getByRole('link', { name: 'Call +65 9123 4567' });
      await dial.waitFor();
      expect(await dial.getAttribute('href')).toBe('tel:+6591234567');
      expect(await dial.textContent()).toBe('+65 9123 4567');
      // Beside it, the time on the member's clock, to judge whether it is a good moment.
      expect(await staff.page.getByTestId('member-time-now').textContent()).toMatch(
        /^\d{1,2}:\d\d\s?([AP]M)? there now$/,
      );
      await expectAccessible(staff.page, 'case file with the number to call');
      expect(staff.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a video call: the case manager gives an https meeting link with the times, the member books one and joins from her case page',
    async () => {
      const asked = await member.post('/api/v1/cases', {
        concern: 'A second look at my scan.',
        diagnosisReceived: 'Thyroid nodule',
        questions: ['Is a biopsy needed?'],
        preferredLanguage: 'en',
        contactChannel: 'video',
        timeZone: 'Asia/Singapore',
        location: { country: 'SG', city: 'Singapore' },
      });
      expect(asked.status).toBe(201);
      const caseId: string = asked.body.id;

      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${caseId}`,
      });
      await page.getByRole('tab', { name: 'Contact and calls' }).click();
      const scheduling = page.getByRole('region', { name: 'Schedule a call' });
      await scheduling.waitFor();
      // The call is by video, as the member asked: its link is asked for, https only.
      const link = page.getByRole('textbox', { name: /^Video meeting link/ });
      await link.fill('http://meet.example.com/room-42');
      await page.getByLabel('Proposed time 1').fill('2030-03-04T10:00');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      await page.getByText('Give the https:// link of the video meeting.').waitFor();
      await expect(link.getAttribute('aria-invalid')).resolves.toBe('true');
      expect((await member.get(`/api/v1/cases/${caseId}/calls`)).body.items).toEqual([]);
      await link.fill('https://meet.example.com/room-42');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      await page.getByText('Waiting for the member to choose a time').waitFor();
      expect(problems).toEqual([]);

      const memberSide = await memberPage(`/cases/${caseId}`);
      const callsPanel = memberSide.page.getByRole('region', { name: 'Calls with your Case Manager' });
      // In Singapore's English: the day before the month.
      await callsPanel.getByRole('radio', { name: /4 March 2030/ }).check();
      await callsPanel.getByRole('button', { name: 'Confirm this time' }).click();
      const join = callsPanel.getByRole('link', { name: 'Join the video call' });
      await join.waitFor();
      expect(await join.getAttribute('href')).toBe('https://meet.example.com/room-42');
      await expectAccessible(memberSide.page, 'member case page: a video call booked');
      expect(memberSide.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
  it(
    'a video call agreed by message: the case manager books the time with the room they set up, and the member joins it',
    async () => {
      const asked = await member.post('/api/v1/cases', {
        concern: 'A second look at my treatment.',
        diagnosisReceived: 'Type 2 diabetes',
        questions: ['Is insulin needed now?'],
        preferredLanguage: 'en',
        contactChannel: 'video',
        timeZone: 'Asia/Singapore',
        location: { country: 'SG', city: 'Singapore' },
      });
      const caseId: string = asked.body.id;
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager,
        next: `/workspace/cases/${caseId}`,
      });
      await page.getByRole('tab', { name: 'Contact and calls' }).click();
      await page.getByRole('textbox', { name: /^Video meeting link/ }).fill('https://meet.example.com/first');
      await page.getByLabel('Proposed time 1').fill('2030-05-06T09:00');
      await page.getByLabel('Proposed time 2').fill('2030-05-07T18:00');
      await page.getByRole('button', { name: 'Propose these times' }).click();
      const booking = page.getByRole('form', { name: 'Book a time agreed with the member' });
      await booking.waitFor();

      // The member wrote that the second time suits her; the room is a new one. Without a link,
      // the booking is refused under the box.
      await booking.getByLabel('Time agreed with the member').selectOption({ index: 1 });
      const link = booking.getByRole('textbox', { name: /^Video meeting link/ });
      expect(await link.inputValue()).toBe('https://meet.example.com/first');
      await link.fill('');
      await booking.getByRole('button', { name: 'Book this time' }).click();
      await booking.getByText('Give the https:// link of the video meeting.').waitFor();
      await link.fill('https://meet.example.com/second');
      await expectAccessible(page, 'booking a video call agreed with the member');
      await booking.getByRole('button', { name: 'Book this time' }).click();
      await page.getByText('Confirmed for', { exact: false }).waitFor();
      const [call] = (await member.get(`/api/v1/cases/${caseId}/calls`)).body.items;
      expect(call).toMatchObject({ status: 'confirmed', meetingUrl: 'https://meet.example.com/second' });
      expect(call.confirmedStartsAt).toBe(call.slots[1].startsAt);
      expect(problems).toEqual([]);

      const memberSide = await memberPage(`/cases/${caseId}`);
      const join = memberSide.page
        .getByRole('region', { name: 'Calls with your Case Manager' })
        .getByRole('link', { name: 'Join the video call' });
      await join.waitFor();
      expect(await join.getAttribute('href')).toBe('https://meet.example.com/second');
      expect(memberSide.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
