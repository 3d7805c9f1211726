import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * Who may reach a case, endpoint by endpoint. The member it belongs to and its case manager reach
 * it; every other member, case manager, specialist, employer admin and privacy officer is told it
 * does not exist — for reads and for writes with a valid body alike.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let caseId: string;
let version: number;
let owner: Browser;
let assigned: Browser;
let strangers: Record<string, Browser>;

beforeAll(async () => {
  server = await startTestServer();
  const register = await givenRegister(server);
  assigned = (await givenStaffSignedIn(server, 'case_manager', { languages: ['es'], weeklyShifts: allWeek }))
    .browser;
  owner = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'own@x.test',
  );
  const submitted = await owner.post('/api/v1/cases', {
    concern: 'Worried',
    diagnosisReceived: 'Something',
    questions: ['Why?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Madrid' },
  });
  caseId = submitted.body.id;
  version = submitted.body.version;
  strangers = {
    'another member': await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
      'other@x.test',
    ),
    'another case manager': (
      await givenStaffSignedIn(server, 'case_manager', { languages: ['en'], weeklyShifts: [] })
    ).browser,
    specialist: (await givenStaffSignedIn(server, 'specialist')).browser,
    'employer admin': (
      await givenStaffSignedIn(server, 'employer_admin', { employerId: register.employerId })
    ).browser,
    'privacy officer': (await givenStaffSignedIn(server, 'privacy_officer')).browser,
  };
});
afterAll(async () => server?.close());

const future = () => new Date(server.clock.now().getTime() + 86_400_000).toISOString();

const reads = [
  '',
  '/events',
  '/follow-ups',
  '/calls',
  '/documents',
  `/documents/${uuidv7()}/content`,
  '/record-requests',
  '/sharing-consents',
  '/messages',
  '/stream',
  '/reviews',
  '/contacts',
  '/recommendations',
];

/** Parts the member does not read: the specialists' working file and the contact log (staff only). */
const staffOnly = ['/reviews', '/contacts'];

const writes: [method: string, path: string, body: () => unknown][] = [
  [
    'POST',
    '/contacts',
    () => ({ version, channel: 'phone', contactedAt: server.clock.now().toISOString(), outcome: 'reached' }),
  ],
  ['POST', '/withdrawal', () => ({ version, reason: 'No longer needed' })],
  ['POST', '/reassignments', () => ({ version, caseManagerId: uuidv7(), reason: 'Workload' })],
  ['PUT', '/recommendations', () => ({ version, body: 'Rest' })],
  ['POST', '/recommendations/delivery', () => ({ version })],
  ['POST', '/recommendations/acknowledgement', () => ({})],
  ['POST', '/follow-ups', () => ({ version, dates: [future()] })],
  ['POST', `/follow-ups/${uuidv7()}/progress`, () => ({ progress: 'Better' })],
  ['POST', '/closure', () => ({ version, reason: 'Done' })],
  ['POST', '/calls', () => ({ channel: 'phone', slots: [{ startsAt: future() }] })],
  ['POST', `/calls/${uuidv7()}/confirmation`, () => ({ slot: 0 })],
  ['POST', '/messages', () => ({ body: 'Hello' })],
  [
    'POST',
    '/record-requests',
    () => ({ kind: 'report', description: 'The MRI report', requestedFrom: 'member' }),
  ],
  ['POST', '/sharing-consents', () => ({ scope: 'all' })],
  ['POST', '/specialist-matches', () => ({ specialty: ['IM'] })],
  ['POST', '/reviews', () => ({ version, summary: 'Second look', specialistIds: [uuidv7()] })],
  ['POST', `/reviews/${uuidv7()}/report`, () => ({})],
  ['POST', `/reviews/${uuidv7()}/offers`, () => ({ specialistId: uuidv7() })],
];

describe('a case is invisible to everyone it does not concern', () => {
  it.each(['another member', 'another case manager', 'specialist', 'employer admin', 'privacy officer'])(
    '%s: every read and every write answers 404, and nothing changes',
    async (who) => {
      const browser = strangers[who]!;
      for (const path of reads) {
        const reply = await browser.get(`/api/v1/cases/${caseId}${path}`);
        expect([path, reply.status]).toEqual([path, 404]);
      }
      for (const [method, path, body] of writes) {
        const reply = await browser.request(method, `/api/v1/cases/${caseId}${path}`, { json: body() });
        expect([method, path, reply.status]).toEqual([method, path, 404]);
      }
      const list = await browser.get('/api/v1/cases');
      if (list.status === 200)
        expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(caseId);
      const now = await owner.get(`/api/v1/cases/${caseId}`);
      expect(now.body).toMatchObject({ status: 'assigned', version });
    },
  );

  it('the member it belongs to and its case manager read every part of it', async () => {
    for (const browser of [owner, assigned]) {
      for (const path of reads.filter((path) => !path.includes('/content') && path !== '/stream')) {
        // The specialists' working file (summary, offers, opinions) and the contact log with its
        // private notes are for staff; the member reads the recommendations, the written report
        // and the contacts on the timeline.
        if (staffOnly.includes(path) && browser === owner) {
          expect((await browser.get(`/api/v1/cases/${caseId}${path}`)).status).toBe(404);
          continue;
        }
        // No recommendations are written yet: there is nothing to read, for anyone, and no error.
        if (path === '/recommendations') {
          const reply = await browser.get(`/api/v1/cases/${caseId}${path}`);
          expect([reply.status, reply.body]).toEqual([200, null]);
          continue;
        }
        const reply = await browser.get(`/api/v1/cases/${caseId}${path}`);
        expect([path, reply.status]).toEqual([path, 200]);
      }
    }
  });

  it('every read of it by the member or the case manager leaves an audit record naming the member', async () => {
    const memberId = (await owner.get('/api/v1/me')).body.memberId as string;
    const audited = async (userId: string) =>
      (
        await server.sql.query(
          `SELECT count(*)::int AS n FROM audit_event
           WHERE actor_user_id = $1 AND (subject_member_id = $2 OR $2 = ANY(subject_member_ids))`,
          [userId, memberId],
        )
      ).rows[0].n as number;
    for (const browser of [owner, assigned]) {
      const userId = (await browser.get('/api/v1/me')).body.id as string;
      const paths = reads.filter(
        (path) =>
          !path.includes('/content') &&
          path !== '/stream' &&
          path !== '/recommendations' &&
          (browser === assigned || !staffOnly.includes(path)),
      );
      for (const path of [...paths, 'the list']) {
        const before = await audited(userId);
        const reply = await browser.get(
          path === 'the list' ? '/api/v1/cases' : `/api/v1/cases/${caseId}${path}`,
        );
        expect([path, reply.status]).toEqual([path, 200]);
        expect([path, (await audited(userId)) - before]).toEqual([path, 1]);
      }
    }
    // Looking for a specialist reads the case too (a search, sent as a POST: its criteria name the
    // member's condition).
    const userId = (await assigned.get('/api/v1/me')).body.id as string;
    const before = await audited(userId);
    const search = await assigned.post(`/api/v1/cases/${caseId}/specialist-matches`, { specialty: ['IM'] });
    expect(search.status).toBe(200);
    expect((await audited(userId)) - before).toBe(1);
    expect(
      (await owner.post(`/api/v1/cases/${caseId}/specialist-matches`, { specialty: ['IM'] })).status,
    ).toBe(404);
  });
});
