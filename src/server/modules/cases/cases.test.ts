import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let register: Awaited<ReturnType<typeof givenRegister>>;
let alice: Browser;
let carmen: Browser;
let fatima: Browser;
let spanishManager: { browser: Browser; account: StaffAccount };
let frenchManager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };

const request = (overrides: Record<string, unknown> = {}) => ({
  concern: 'I was told I need surgery and I am frightened.',
  diagnosisReceived: 'Lumbar disc herniation L4-L5',
  treatmentPlanReceived: 'Microdiscectomy next month',
  firstOpinion: { doctorName: 'Dr House', institution: 'Hospital General', country: 'ES' },
  questions: ['Is surgery really needed?', 'What are the alternatives?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '+34 612 34 56 78',
  timeZone: 'Europe/Madrid',
  preferredContactWindows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '13:00' }],
  location: { country: 'ES', city: 'Valencia' },
  ...overrides,
});

beforeAll(async () => {
  server = await startTestServer();
  register = await givenRegister(server);
  spanishManager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    timeZone: 'Europe/Madrid',
    maxOpenCases: 50,
  });
  frenchManager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['fr', 'en'],
    weeklyShifts: allWeek,
    timeZone: 'Europe/Paris',
    maxOpenCases: 50,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@x.test',
  );
  carmen = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
    'carmen@x.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@x.test',
  );
});
afterAll(async () => server?.close());

describe('a member asks for a second opinion', () => {
  it('in Spanish: a Spanish-speaking case manager is assigned at once and the 24-hour promise starts', async () => {
    const submitted = await alice.post('/api/v1/cases', request());
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('location')).toBe(`/api/v1/cases/${submitted.body.id}`);
    expect(submitted.body).toMatchObject({
      status: 'assigned',
      interpreterNeeded: false,
      caseManager: { id: spanishManager.account.userId },
      member: { id: register.members.alice, givenName: 'Alice' },
    });
    expect(submitted.body.number).toMatch(/^SMO-\d{4}-\d{6}$/);
    const due = Date.parse(submitted.body.firstContactDueAt) - Date.parse(submitted.body.submittedAt);
    expect(due).toBe(24 * 60 * 60 * 1000);
    // The promise in Madrid time: the same instant, with Madrid's offset.
    expect(submitted.body.firstContactDueAtLocal).toMatch(/[+]0[12]:00$/);
    expect(Date.parse(submitted.body.firstContactDueAtLocal)).toBe(
      Date.parse(submitted.body.firstContactDueAt),
    );

    const timeline = await alice.get(`/api/v1/cases/${submitted.body.id}/events`);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toEqual(['submitted', 'assign']);
  });

  it('in a language no case manager speaks: the best other one is assigned and an interpreter is flagged', async () => {
    const submitted = await alice.post('/api/v1/cases', request({ preferredLanguage: 'ar' }));
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('assigned');
    expect(submitted.body.interpreterNeeded).toBe(true);
  });

  it('a retry with the same Idempotency-Key creates one case; the same key with another body is refused', async () => {
    const key = 'retry-after-timeout-0001';
    const first = await fatima.post('/api/v1/cases', request(), { 'idempotency-key': key });
    const retry = await fatima.post('/api/v1/cases', request(), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const different = await fatima.post('/api/v1/cases', request({ concern: 'Something else' }), {
      'idempotency-key': key,
    });
    expect(different.status).toBe(422);
    expect(different.body.code).toBe('idempotency.key_reused');
    const mine = await fatima.get('/api/v1/cases');
    expect(mine.body.items).toHaveLength(1);
  });

  it('a parent asks for their child; the child’s case is theirs to see, not another member’s', async () => {
    const forChild = await carmen.post('/api/v1/cases', request({ memberId: register.members.elena }));
    expect(forChild.status).toBe(201);
    expect(forChild.body.member.id).toBe(register.members.elena);
    expect((await carmen.get(`/api/v1/cases/${forChild.body.id}`)).status).toBe(200);
    expect((await alice.get(`/api/v1/cases/${forChild.body.id}`)).status).toBe(404);
    expect((await frenchManager.browser.get(`/api/v1/cases/${forChild.body.id}`)).status).toBe(404);
  });
});

describe('requests that cannot be taken change nothing', () => {
  it('refuses a member whose plan has lapsed, or lacks the service, saying why', async () => {
    const bruno = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-2000-01', dateOfBirth: '1975-06-15' },
      'bruno@x.test',
    );
    const lapsed = await bruno.post('/api/v1/cases', request());
    expect(lapsed.status).toBe(422);
    expect(lapsed.body.code).toBe('eligibility.membership_not_in_force');
    const gustav = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-5000-01', dateOfBirth: '1960-01-01' },
      'gustav@x.test',
    );
    const noService = await gustav.post('/api/v1/cases', request());
    expect(noService.status).toBe(422);
    expect(noService.body.code).toBe('eligibility.service_not_on_plan');
    const cases = await server.sql.query(
      'SELECT count(*)::int AS n FROM opinion_case WHERE member_id = ANY($1)',
      [[register.members.bruno, register.members.gustav]],
    );
    expect(cases.rows[0].n).toBe(0);
  });

  it('refuses a case for a dependant of someone else (as if they did not exist)', async () => {
    const attempt = await alice.post('/api/v1/cases', request({ memberId: register.members.elena }));
    expect(attempt.status).toBe(404);
  });

  it('refuses 0 or 11 questions, an unknown language or time zone, naming the field', async () => {
    const none = await alice.post('/api/v1/cases', request({ questions: [] }));
    const eleven = await alice.post(
      '/api/v1/cases',
      request({ questions: Array.from({ length: 11 }, (_, i) => `Q${i}`) }),
    );
    const badZone = await alice.post('/api/v1/cases', request({ timeZone: 'Europe/Atlantis' }));
    const badLanguage = await alice.post('/api/v1/cases', request({ preferredLanguage: 'xx-notreal-' }));
    for (const [reply, field] of [
      [none, 'body.questions'],
      [eleven, 'body.questions'],
      [badZone, 'body.timeZone'],
      [badLanguage, 'body.preferredLanguage'],
    ] as const) {
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(field);
    }
  });
});

describe('the case manager keeps the 24-hour promise', () => {
  it('sees the case in their queue, logs the first contact, and the case moves to contacted', async () => {
    const submitted = await fatima.post('/api/v1/cases', request({ concern: 'Second one' }));
    const queue = await spanishManager.browser.get('/api/v1/cases?assigned=me&sort=deadline');
    expect(queue.status).toBe(200);
    const waiting = queue.body.items.filter((item: { status: string }) => item.status === 'assigned');
    const deadlines = waiting.map((item: { firstContactDueAt: string }) => item.firstContactDueAt);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(queue.body.items.map((item: { id: string }) => item.id)).toContain(submitted.body.id);

    const contact = await spanishManager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
      privateNote: 'Member anxious; call back Thursday.',
    });
    expect(contact.status).toBe(201);
    expect(contact.body.status).toBe('contacted');
    expect(contact.body.firstContactedAt).not.toBeNull();

    const memberView = await fatima.get(`/api/v1/cases/${submitted.body.id}/events`);
    expect(JSON.stringify(memberView.body)).not.toContain('anxious');
  });

  it('the queue by deadline puts the cases still awaiting a first contact first, then the open ones, the ended last', async () => {
    const ended = await alice.post('/api/v1/cases', request({ concern: 'Queue: ended' }));
    await alice.post(`/api/v1/cases/${ended.body.id}/withdrawal`, {
      version: ended.body.version,
      reason: 'Answered elsewhere',
    });
    const reached = await alice.post('/api/v1/cases', request({ concern: 'Queue: reached' }));
    await spanishManager.browser.post(`/api/v1/cases/${reached.body.id}/contacts`, {
      version: reached.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    server.clock.advance(60_000);
    // Submitted last, so due last: still first in the queue, since nobody has called yet.
    const waiting = await alice.post('/api/v1/cases', request({ concern: 'Queue: waiting' }));

    const queue = (await spanishManager.browser.get('/api/v1/cases?assigned=me&sort=deadline&limit=100')).body
      .items as { id: string; status: string; firstContactDueAt: string }[];
    const rank = (status: string) =>
      ['submitted', 'assigned'].includes(status) ? 0 : ['closed', 'withdrawn'].includes(status) ? 2 : 1;
    expect(queue.map((item) => rank(item.status))).toEqual(queue.map((item) => rank(item.status)).sort());
    const position = (id: string) => queue.findIndex((item) => item.id === id);
    expect(position(waiting.body.id)).toBeLessThan(position(reached.body.id));
    expect(position(reached.body.id)).toBeLessThan(position(ended.body.id));

    // Page by page, one case at a time, the queue comes in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await spanishManager.browser.get(
        `/api/v1/cases?assigned=me&sort=deadline&limit=1${query}`,
      );
      paged.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(queue.map((item) => item.id));
  });

  it('keeps a contact log: every attempt, newest first, with the private notes for staff only', async () => {
    const submitted = await fatima.post('/api/v1/cases', request({ concern: 'Contact log' }));
    const caseId = submitted.body.id;
    // The case manager logs, two hours on, a call made an hour after the request.
    server.clock.advance(2 * 3_600_000);
    const tried = await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: new Date(server.clock.now().getTime() - 3_600_000).toISOString(),
      outcome: 'no_answer',
    });
    await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: tried.body.version,
      channel: 'video',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
      privateNote: 'Prefers mornings.',
    });
    const log = await spanishManager.browser.get(`/api/v1/cases/${caseId}/contacts`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        channel: 'video',
        outcome: 'reached',
        privateNote: 'Prefers mornings.',
        recordedBy: { id: spanishManager.account.userId, name: expect.any(String) },
      }),
      expect.objectContaining({ channel: 'phone', outcome: 'no_answer', privateNote: null }),
    ]);
    // The member reads the contacts on the timeline; the log with its notes is not theirs.
    expect((await fatima.get(`/api/v1/cases/${caseId}/contacts`)).status).toBe(404);
    const audited = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.contacts_read' AND entity_id = $1`,
      [caseId],
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it('a first contact dated before the request is refused, naming the field, and the clock runs on', async () => {
    const submitted = await carmen.post('/api/v1/cases', request({ concern: 'Backdated' }));
    const caseId = submitted.body.id;
    for (const contactedAt of [
      '2020-01-01T00:00:00Z',
      // The minute before the request's minute.
      new Date(Math.floor(Date.parse(submitted.body.submittedAt) / 60_000) * 60_000 - 1).toISOString(),
    ]) {
      const refused = await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
        version: submitted.body.version,
        channel: 'phone',
        contactedAt,
        outcome: 'reached',
      });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('case.contact_before_request');
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'contactedAt' })]);
    }
    const kase = await spanishManager.browser.get(`/api/v1/cases/${caseId}`);
    expect(kase.body).toMatchObject({
      status: 'assigned',
      version: submitted.body.version,
      firstContactedAt: null,
    });
    const log = await spanishManager.browser.get(`/api/v1/cases/${caseId}/contacts`);
    expect(log.body.items).toEqual([]);
    // The same call logged in the minute of the request (as staff type it, to the minute) is taken.
    const taken = await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: new Date(
        Math.floor(Date.parse(submitted.body.submittedAt) / 60_000) * 60_000,
      ).toISOString(),
      outcome: 'reached',
    });
    expect(taken.status).toBe(201);
    expect(taken.body.status).toBe('contacted');
  });

  it('a stale version gets 409 with the current case, and nothing changes', async () => {
    const submitted = await alice.post('/api/v1/cases', request({ concern: 'Third' }));
    const caseId = submitted.body.id;
    const first = await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'video',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'no_answer',
    });
    expect(first.status).toBe(201);
    const stale = await spanishManager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'video',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current.version).toBe(first.body.version);
    expect((await spanishManager.browser.get(`/api/v1/cases/${caseId}`)).body.status).toBe('assigned');
  });

  it('a transition the state does not allow is refused with 409 and the state is unchanged', async () => {
    const submitted = await alice.post('/api/v1/cases', request({ concern: 'Fourth' }));
    const withdrawn = await alice.post(`/api/v1/cases/${submitted.body.id}/withdrawal`, {
      version: submitted.body.version,
      reason: 'My doctor answered my questions.',
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.status).toBe('withdrawn');
    const again = await alice.post(`/api/v1/cases/${submitted.body.id}/withdrawal`, {
      version: withdrawn.body.version,
      reason: 'Twice',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('case.transition_not_allowed');
    const contact = await spanishManager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: withdrawn.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(contact.status).toBe(409);
    expect((await alice.get(`/api/v1/cases/${submitted.body.id}`)).body.status).toBe('withdrawn');
  });

  it('50 concurrent first contacts on one case, five times over: exactly one wins each time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const submitted = await alice.post('/api/v1/cases', request({ concern: `Race ${round}` }));
      const attempts = await Promise.all(
        Array.from({ length: 50 }, () =>
          spanishManager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
            version: submitted.body.version,
            channel: 'phone',
            contactedAt: server.clock.now().toISOString(),
            outcome: 'reached',
          }),
        ),
      );
      const statuses = attempts.map((reply) => reply.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const contacts = await server.sql.query(
        'SELECT count(*)::int AS n FROM case_contact WHERE case_id = $1',
        [submitted.body.id],
      );
      expect(contacts.rows[0].n).toBe(1);
      const transitions = await server.sql.query(
        `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND type = 'record_first_contact'`,
        [submitted.body.id],
      );
      expect(transitions.rows[0].n).toBe(1);
    }
  });
});

describe('operations reassign a case', () => {
  it('with a reason the member does not see; the former case manager keeps read-only sight', async () => {
    const submitted = await alice.post('/api/v1/cases', request({ concern: 'Sixth' }));
    const moved = await ops.browser.post(`/api/v1/cases/${submitted.body.id}/reassignments`, {
      version: submitted.body.version,
      caseManagerId: frenchManager.account.userId,
      reason: 'Dr García is on leave from tomorrow.',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.caseManager.id).toBe(frenchManager.account.userId);
    expect(moved.body.interpreterNeeded).toBe(true);
    const memberTimeline = await alice.get(`/api/v1/cases/${submitted.body.id}/events`);
    expect(JSON.stringify(memberTimeline.body)).not.toContain('on leave');
    const staffTimeline = await ops.browser.get(`/api/v1/cases/${submitted.body.id}/events`);
    expect(JSON.stringify(staffTimeline.body)).toContain('on leave');
    expect((await spanishManager.browser.get(`/api/v1/cases/${submitted.body.id}`)).status).toBe(200);
    const formerTries = await spanishManager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: moved.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(formerTries.status).toBe(403);
  });

  it('a member or a case manager cannot reassign', async () => {
    const submitted = await alice.post('/api/v1/cases', request({ concern: 'Seventh' }));
    const byMember = await alice.post(`/api/v1/cases/${submitted.body.id}/reassignments`, {
      version: submitted.body.version,
      caseManagerId: frenchManager.account.userId,
      reason: 'I prefer French',
    });
    expect(byMember.status).toBe(404);
  });
});

describe('who looked at my file', () => {
  it('a member sees that their case appeared in the case manager’s queue', async () => {
    await spanishManager.browser.get('/api/v1/cases?assigned=me&sort=deadline');
    const log = await alice.get('/api/v1/me/access-log');
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        action: 'case.listed',
        actor: expect.objectContaining({ role: 'case_manager' }),
      }),
    );
    // Fatima's cases are with the same case manager, but Alice's log shows only reads of her data.
    const fatimaLog = await fatima.get('/api/v1/me/access-log');
    const aliceOnly = log.body.items.filter((item: { action: string }) => item.action === 'case.read');
    expect(
      aliceOnly.every(
        (item: { id: string }) => !fatimaLog.body.items.some((other: { id: string }) => other.id === item.id),
      ),
    ).toBe(true);
  });
});

// Last in the file: it moves the case-number sequence far ahead.
describe('case numbers', () => {
  it('follow each other within the year, and keep every digit past 999,999', async () => {
    const first = await fatima.post('/api/v1/cases', request());
    const second = await fatima.post('/api/v1/cases', request());
    const [, year, n] = /^SMO-(\d{4})-(\d{6})$/.exec(first.body.number)!;
    expect(year).toBe(String(server.clock.now().getUTCFullYear()));
    expect(second.body.number).toBe(`SMO-${year}-${String(Number(n) + 1).padStart(6, '0')}`);

    await server.sql.query(`SELECT setval('case_number_seq', 999999)`);
    const past = await fatima.post('/api/v1/cases', request());
    expect(past.status).toBe(201);
    expect(past.body.number).toBe(`SMO-${year}-1000000`);
  });
});
