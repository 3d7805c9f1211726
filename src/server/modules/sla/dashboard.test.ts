import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let member: Browser;
let spanish: { browser: Browser; account: StaffAccount };
let english: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };

interface Submitted {
  id: string;
  number: string;
  version: number;
  submittedAt: string;
  caseManager: { id: string };
}

const ask = async (preferredLanguage: 'es' | 'en' = 'es'): Promise<Submitted> => {
  const submitted = await member.post('/api/v1/cases', {
    concern: 'Worried about a biopsy result',
    diagnosisReceived: 'Suspicious nodule',
    questions: ['Do I need surgery?'],
    preferredLanguage,
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Sevilla' },
  });
  expect(submitted.status).toBe(201);
  return submitted.body as Submitted;
};

/** The case manager logs the first contact, `after` the submission. */
const contact = async (by: Browser, kase: Submitted, after: number) => {
  const contacted = await by.post(`/api/v1/cases/${kase.id}/contacts`, {
    version: kase.version,
    channel: 'phone',
    contactedAt: new Date(new Date(kase.submittedAt).getTime() + after).toISOString(),
    outcome: 'reached',
  });
  expect(contacted.status).toBe(201);
};

const dashboard = async () => {
  const answer = await ops.browser.get('/api/v1/sla-dashboard');
  expect(answer.status).toBe(200);
  return answer.body;
};

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  spanish = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Elena Spanish',
    languages: ['es'],
    weeklyShifts: allWeek,
    maxOpenCases: 20,
  });
  english = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Ethan English',
    languages: ['en'],
    weeklyShifts: allWeek,
    maxOpenCases: 10,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'a@dashboard.test',
  );
});
afterAll(async () => server?.close());

describe('the service levels staff work to', () => {
  it('are read by case managers and operations, not by members', async () => {
    const settings = await spanish.browser.get('/api/v1/sla-settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ firstContactHours: 24, warningHoursBefore: 6, escalationHoursBefore: 2 });
    expect((await member.get('/api/v1/sla-settings')).status).toBe(404);
  });
});

describe('the service-level dashboard', () => {
  it('is for operations only: a case manager is told it does not exist', async () => {
    const answer = await spanish.browser.get('/api/v1/sla-dashboard');
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('resource.not_found');
  });

  it('counts open cases, the ones at risk and breached, the promise kept over 7 and 30 days, and workload', async () => {
    // Eleven days ago: a case contacted after one hour. It counts in the 30 days, not the 7.
    const old = await ask();
    server.clock.advance(HOUR);
    await contact(spanish.browser, old, HOUR);
    server.clock.advance(9 * DAY);

    // Two days ago: four cases; one is withdrawn at once (it never had a deadline to keep).
    const [a, b, c, d] = [await ask(), await ask(), await ask(), await ask()];
    const withdrawn = await ask();
    const withdrawal = await member.post(`/api/v1/cases/${withdrawn.id}/withdrawal`, {
      version: withdrawn.version,
      reason: 'Found an answer',
    });
    expect(withdrawal.status).toBe(201);
    server.clock.advance(31 * HOUR);
    await contact(spanish.browser, a, 2 * HOUR);
    await contact(spanish.browser, b, 10 * HOUR);
    await contact(spanish.browser, c, 30 * HOUR); // late: the promise was broken
    // d is never contacted: breached.

    // Nineteen hours ago: two more; the English one is contacted now, the other is at risk.
    const atRisk = await ask();
    const inEnglish = await ask('en');
    expect(inEnglish.caseManager.id).toBe(english.account.userId);
    server.clock.advance(19 * HOUR);
    await contact(english.browser, inEnglish, 19 * HOUR);

    const figures = await dashboard();
    expect(figures.warningHoursBefore).toBe(6);
    expect(figures.openByStatus).toEqual(
      expect.arrayContaining([
        { status: 'assigned', count: 2 },
        { status: 'contacted', count: 5 },
        { status: 'monitoring', count: 0 },
      ]),
    );
    // Ended cases are not open: the withdrawn one is in no row.
    const statuses = figures.openByStatus.map((row: { status: string }) => row.status);
    expect(statuses).not.toContain('withdrawn');
    expect(statuses).not.toContain('closed');
    expect(figures.awaitingFirstContact).toEqual({ onTrack: 0, atRisk: 1, breached: 1 });
    expect(
      figures.attention.map((row: { number: string; standing: string }) => [row.number, row.standing]),
    ).toEqual([
      [d.number, 'breached'],
      [atRisk.number, 'at_risk'],
    ]);
    expect(figures.attention[0].caseManager).toEqual({ id: spanish.account.userId, name: 'Elena Spanish' });

    // Last 7 days: a, b, c, d and the English case are decided; a, b and the English one in time.
    // Times to first contact: 120, 600, 1140, 1800 minutes.
    expect(figures.firstContact.last7Days).toMatchObject({
      days: 7,
      decided: 5,
      withinPromise: 3,
      rate: 0.6,
    });
    expect(figures.firstContact.last7Days.medianMinutes).toBe(870);
    expect(figures.firstContact.last7Days.p90Minutes).toBe(1602); // 1140 + 0.7 × 660
    // Last 30 days adds the old case (60 minutes).
    expect(figures.firstContact.last30Days).toMatchObject({
      days: 30,
      decided: 6,
      withinPromise: 4,
      medianMinutes: 600,
      p90Minutes: 1536, // 1140 + 0.6 × 660
    });
    expect(figures.firstContact.last30Days.rate).toBeCloseTo(4 / 6, 10);

    expect(figures.workload).toEqual([
      expect.objectContaining({ name: 'Elena Spanish', openCases: 6, maxOpenCases: 20, languages: ['es'] }),
      expect.objectContaining({ name: 'Ethan English', openCases: 1, maxOpenCases: 10, languages: ['en'] }),
    ]);
    // The read is in the audit trail.
    const audited = await server.sql.query(
      `SELECT actor_user_id FROM audit_event WHERE action = 'sla.dashboard_read'`,
    );
    expect(audited.rows.map((row) => row.actor_user_id)).toContain(ops.account.userId);
  });

  it('the breached case leaves the attention list once operations give it to someone who calls', async () => {
    const before = await dashboard();
    const breached = before.attention.find((row: { standing: string }) => row.standing === 'breached');
    const reassigned = await ops.browser.post(`/api/v1/cases/${breached.id}/reassignments`, {
      version: breached.version,
      caseManagerId: english.account.userId,
      reason: 'Overdue: Elena is at a conference',
    });
    expect(reassigned.status).toBe(201);
    await contact(english.browser, reassigned.body, 50 * HOUR);
    const after = await dashboard();
    expect(after.awaitingFirstContact.breached).toBe(0);
    expect(after.attention.map((row: { id: string }) => row.id)).not.toContain(breached.id);
    expect(after.workload.find((row: { name: string }) => row.name === 'Ethan English').openCases).toBe(2);
  });
});
