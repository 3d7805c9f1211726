import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { openSse, type SseStream } from '../../../../test/support/sse.js';
import { buildApp } from '../../app.js';
import { openRuntime } from '../../boot.js';
import { createLogger } from '../../platform/logger.js';
import { freePort } from '../../platform/net.js';
import { MESSAGE_EMAIL_WINDOW_MS } from './service.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

// Heartbeats every second (so a signed-out stream closes quickly); the safety poll is far away,
// so every live event in these stories travels by LISTEN/NOTIFY.
const streamSettings = { STREAM_HEARTBEAT_SECONDS: '1', STREAM_SAFETY_POLL_SECONDS: '120' };

let server: TestServer;
let alice: Browser;
let aliceUserId: string;
let fatima: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let specialist: { browser: Browser; account: StaffAccount };
let employerAdmin: { browser: Browser; account: StaffAccount };
let caseId: string;
let caseNumber: string;

const request = (overrides: Record<string, unknown> = {}) => ({
  concern: 'I was told I need surgery and I am frightened.',
  diagnosisReceived: 'Lumbar disc herniation',
  questions: ['Is surgery really needed?'],
  preferredLanguage: 'es',
  contactChannel: 'message',
  timeZone: 'Europe/Madrid',
  location: { country: 'ES', city: 'Valencia' },
  ...overrides,
});

const messagesOf = (id: string) => `/api/v1/cases/${id}/messages`;
const streamOf = (id: string) => `/api/v1/cases/${id}/stream`;

async function submitCase(member: Browser): Promise<{ id: string; number: string; version: number }> {
  const submitted = await member.post('/api/v1/cases', request());
  expect(submitted.status).toBe(201);
  expect(submitted.body.caseManager.id).toBe(manager.account.userId);
  return submitted.body;
}

async function messageCount(id: string): Promise<number> {
  const result = await server.sql.query('SELECT count(*)::int AS n FROM case_message WHERE case_id = $1', [
    id,
  ]);
  return result.rows[0].n;
}

beforeAll(async () => {
  server = await startTestServer(streamSettings);
  const register = await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  otherManager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['fr'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  specialist = await givenStaffSignedIn(server, 'specialist');
  employerAdmin = await givenStaffSignedIn(server, 'employer_admin', { employerId: register.employerId });
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@x.test',
  );
  aliceUserId = (await alice.get('/api/v1/me')).body.id;
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@x.test',
  );
  const kase = await submitCase(alice);
  caseId = kase.id;
  caseNumber = kase.number;
});
afterAll(async () => server?.close());

describe('the member and the case manager talk on the case', () => {
  let fromAlice: string;
  let fromManager: string;

  it('the member writes; the case manager sees one unread message, and whose it is', async () => {
    const posted = await alice.post(messagesOf(caseId), { body: '  Could we speak in Spanish?  ' });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      caseId,
      body: 'Could we speak in Spanish?',
      author: { userId: aliceUserId, role: 'member', name: expect.any(String) },
      mine: true,
      readByOther: false,
      readByMe: true,
    });
    fromAlice = posted.body.id;

    const unread = await manager.browser.get('/api/v1/me/unread');
    expect(unread.body).toEqual({ total: 1, cases: [{ caseId, caseNumber, unread: 1 }] });
    const thread = await manager.browser.get(messagesOf(caseId));
    expect(thread.status).toBe(200);
    expect(thread.body.items).toEqual([
      expect.objectContaining({ id: fromAlice, mine: false, readByMe: false, readByOther: false }),
    ]);
    // The member has nothing unread: her own message does not count.
    expect((await alice.get('/api/v1/me/unread')).body).toEqual({ total: 0, cases: [] });
  });

  it('the case manager answers; read receipts and unread counts change as each side reads', async () => {
    const answer = await manager.browser.post(messagesOf(caseId), { body: 'Of course. Hablamos mañana.' });
    expect(answer.status).toBe(201);
    expect(answer.body.author).toMatchObject({ userId: manager.account.userId, role: 'case_manager' });
    fromManager = answer.body.id;
    expect((await alice.get('/api/v1/me/unread')).body).toEqual({
      total: 1,
      cases: [{ caseId, caseNumber, unread: 1 }],
    });

    const receipt = await manager.browser.post(`${messagesOf(caseId)}/read-receipts`, { upTo: fromAlice });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toEqual({ upTo: fromAlice, unread: 0 });
    // Idempotent: the same receipt again changes nothing.
    const again = await manager.browser.post(`${messagesOf(caseId)}/read-receipts`, { upTo: fromAlice });
    expect(again.body).toEqual({ upTo: fromAlice, unread: 0 });
    expect((await manager.browser.get('/api/v1/me/unread')).body.total).toBe(0);

    const seenByAlice = await alice.get(messagesOf(caseId));
    expect(seenByAlice.body.items.map((m: any) => [m.id, m.mine, m.readByOther, m.readByMe])).toEqual([
      [fromManager, false, false, false],
      [fromAlice, true, true, true],
    ]);
    await alice.post(`${messagesOf(caseId)}/read-receipts`, { upTo: fromManager });
    expect((await alice.get('/api/v1/me/unread')).body).toEqual({ total: 0, cases: [] });
    const seenByManager = await manager.browser.get(messagesOf(caseId));
    expect(seenByManager.body.items[0]).toMatchObject({ id: fromManager, mine: true, readByOther: true });
  });

  it('a receipt for a message of another case is refused', async () => {
    const other = await submitCase(alice);
    const elsewhere = await alice.post(messagesOf(other.id), { body: 'On another case' });
    const receipt = await manager.browser.post(`${messagesOf(caseId)}/read-receipts`, {
      upTo: elsewhere.body.id,
    });
    expect(receipt.status).toBe(422);
    expect(receipt.body.code).toBe('message.unknown');
  });

  it('the thread pages from newest to oldest with a stable cursor', async () => {
    const kase = await submitCase(alice);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1)
      ids.push((await alice.post(messagesOf(kase.id), { body: `Note ${n}` })).body.id);
    const first = await manager.browser.get(`${messagesOf(kase.id)}?limit=2`);
    const second = await manager.browser.get(
      `${messagesOf(kase.id)}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    const third = await manager.browser.get(
      `${messagesOf(kase.id)}?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`,
    );
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((m: any) => m.id);
    expect(seen).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
    expect(first.body.streamPosition).toBeGreaterThan(0);
    const bad = await manager.browser.get(`${messagesOf(kase.id)}?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
  });

  it('messages stay off the timeline', async () => {
    const timeline = await alice.get(`/api/v1/cases/${caseId}/events`);
    expect(timeline.body.items.map((event: any) => event.type)).toEqual(['submitted', 'assign']);
  });

  it('a retried post with the same Idempotency-Key writes one message', async () => {
    const kase = await submitCase(alice);
    const headers = { 'idempotency-key': 'message-retry-0001' };
    const first = await alice.post(messagesOf(kase.id), { body: 'Sent on a poor connection' }, headers);
    const retry = await alice.post(messagesOf(kase.id), { body: 'Sent on a poor connection' }, headers);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await messageCount(kase.id)).toBe(1);
    const reused = await alice.post(messagesOf(kase.id), { body: 'Something else' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
  });
});

describe('e-mails and the audit trail never carry the message', () => {
  it('the other side gets one e-mail per burst, with the case number and no text', async () => {
    // The burst starts at the beginning of an e-mail window, as a burst that crosses from one window
    // into the next would rightly send a second e-mail.
    const intoWindow = server.clock.now().getTime() % MESSAGE_EMAIL_WINDOW_MS;
    server.clock.advance(MESSAGE_EMAIL_WINDOW_MS - intoWindow + 1000);
    const kase = await submitCase(alice);
    for (const body of ['My biopsy result is attached', 'Also the MRI', 'And one more thing'])
      expect((await alice.post(messagesOf(kase.id), { body })).status).toBe(201);
    await manager.browser.post(messagesOf(kase.id), { body: 'Your biopsy looks reassuring' });

    const outbox = await server.sql.query(
      `SELECT recipient_user_id, params, dedupe_key FROM notification_outbox
        WHERE template = 'case.message_received' AND params->>'caseId' = $1 ORDER BY created_at`,
      [kase.id],
    );
    expect(outbox.rows.map((row) => [row.recipient_user_id, row.params])).toEqual([
      [manager.account.userId, { caseId: kase.id, caseNumber: kase.number }],
      [aliceUserId, { caseId: kase.id, caseNumber: kase.number }],
    ]);
    expect(JSON.stringify(outbox.rows)).not.toMatch(/biopsy|MRI|reassuring/);

    const audit = await server.sql.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 AND action LIKE 'case.message%'`,
      [kase.id],
    );
    expect(audit.rows.filter((row) => row.action === 'case.message_posted')).toHaveLength(4);
    expect(JSON.stringify(audit.rows)).not.toMatch(/biopsy|MRI|reassuring/);
  });

  it('every read of the thread is audited', async () => {
    await ops.browser.get(messagesOf(caseId));
    const audit = await server.sql.query(
      `SELECT actor_user_id, purpose, subject_member_id FROM audit_event
        WHERE entity_id = $1 AND action = 'case.messages_read' ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    expect(audit.rows[0]).toMatchObject({ actor_user_id: ops.account.userId, purpose: 'operations' });
  });
});

describe('who may read and write the thread', () => {
  it('another member, another case manager, a specialist and an employer admin are told it does not exist', async () => {
    const before = await messageCount(caseId);
    const [latest] = (await alice.get(messagesOf(caseId))).body.items;
    for (const outsider of [fatima, otherManager.browser, specialist.browser, employerAdmin.browser]) {
      expect((await outsider.get(messagesOf(caseId))).status).toBe(404);
      expect((await outsider.post(messagesOf(caseId), { body: 'Hello?' })).status).toBe(404);
      expect((await outsider.post(`${messagesOf(caseId)}/read-receipts`, { upTo: latest.id })).status).toBe(
        404,
      );
      const stream = await openSse(outsider, streamOf(caseId));
      expect(stream.status).toBe(404);
      await stream.ended;
    }
    expect(await messageCount(caseId)).toBe(before);
  });

  it('operations read the thread and its stream but do not write or send receipts', async () => {
    const before = await messageCount(caseId);
    expect((await ops.browser.get(messagesOf(caseId))).status).toBe(200);
    const posted = await ops.browser.post(messagesOf(caseId), { body: 'Ops here' });
    expect(posted.status).toBe(403);
    expect(posted.body.code).toBe('case.action_not_permitted');
    const [latest] = (await ops.browser.get(messagesOf(caseId))).body.items;
    const receipt = await ops.browser.post(`${messagesOf(caseId)}/read-receipts`, { upTo: latest.id });
    expect(receipt.status).toBe(403);
    expect((await ops.browser.get('/api/v1/me/unread')).body).toEqual({ total: 0, cases: [] });
    const stream = await openSse(ops.browser, streamOf(caseId));
    expect(stream.status).toBe(200);
    stream.close();
    expect(await messageCount(caseId)).toBe(before);
  });

  it('an empty or overlong message is refused, naming the field, and nothing is written', async () => {
    const before = await messageCount(caseId);
    for (const body of ['', '   \n ', 'x'.repeat(20_000)]) {
      const refused = await alice.post(messagesOf(caseId), { body });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('request.validation_failed');
      expect(refused.body.errors.map((error: any) => error.path)).toEqual(['body.body']);
    }
    expect(await messageCount(caseId)).toBe(before);
    expect((await alice.post(messagesOf(caseId), { body: 'y'.repeat(10_000) })).status).toBe(201);
  });

  it('a message to a withdrawn case is refused with 409, and reading it still works', async () => {
    const kase = await submitCase(alice);
    const withdrawn = await alice.post(`/api/v1/cases/${kase.id}/withdrawal`, {
      version: kase.version,
      reason: 'My own doctor answered.',
    });
    expect(withdrawn.status).toBe(201);
    for (const writer of [alice, manager.browser]) {
      const refused = await writer.post(messagesOf(kase.id), { body: 'Still there?' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('case.transition_not_allowed');
    }
    expect((await alice.get(messagesOf(kase.id))).status).toBe(200);
    expect(await messageCount(kase.id)).toBe(0);
  });
});

describe('the live stream of a case', () => {
  let streamCase: { id: string; number: string; version: number };
  let lastSeen: string;

  beforeAll(async () => {
    streamCase = await submitCase(alice);
  });

  it('carries a message from the other side and the change of status as they happen', async () => {
    const stream = await openSse(alice, streamOf(streamCase.id));
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      await stream.next('stream.opened');

      const posted = await manager.browser.post(messagesOf(streamCase.id), {
        body: 'I will call you at 10.',
      });
      const arrived = await stream.next('message.created');
      expect(arrived.id).toMatch(/^\d+$/);
      expect(arrived.data).toMatchObject({
        id: posted.body.id,
        body: 'I will call you at 10.',
        mine: false,
        author: { role: 'case_manager' },
      });

      const contact = await manager.browser.post(`/api/v1/cases/${streamCase.id}/contacts`, {
        version: streamCase.version,
        channel: 'message',
        contactedAt: server.clock.now().toISOString(),
        outcome: 'reached',
      });
      expect(contact.status).toBe(201);
      const changed = await stream.next('case.status_changed');
      expect(changed.data).toMatchObject({ fromStatus: 'assigned', toStatus: 'contacted' });
      expect(Number(changed.id)).toBeGreaterThan(Number(arrived.id));

      // The case manager sees a record arrive while the member uploads it; never its title.
      const managerStream = await openSse(manager.browser, streamOf(streamCase.id));
      try {
        await managerStream.next('stream.opened');
        const form = new FormData();
        form.append('kind', 'report');
        form.append('title', 'Biopsy report, March');
        form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'report.pdf');
        const uploaded = await alice.request('POST', `/api/v1/cases/${streamCase.id}/documents`, {
          body: form,
        });
        expect(uploaded.status).toBe(201);
        const announced = await managerStream.next('document.uploaded');
        expect(JSON.stringify(announced.data)).toContain(uploaded.body.id);
        expect(JSON.stringify(announced.data)).not.toContain('Biopsy');
        lastSeen = (await stream.next('document.uploaded')).id!;
      } finally {
        managerStream.close();
      }
    } finally {
      stream.close();
    }
  });

  it('after a disconnect, Last-Event-ID resumes with exactly what was missed', async () => {
    const missed = [];
    for (const body of ['First while you were away', 'Second while you were away'])
      missed.push((await manager.browser.post(messagesOf(streamCase.id), { body })).body.id);

    const stream = await openSse(alice, streamOf(streamCase.id), { lastEventId: lastSeen });
    try {
      const opened = await stream.next('stream.opened');
      expect(opened.data).toEqual({ position: Number(lastSeen), reset: false });
      // A marker written after the reconnection: everything before it is what was replayed.
      const marker = await alice.post(messagesOf(streamCase.id), { body: 'I am back' });
      await stream.next((event) => event.data?.id === marker.body.id);
      const replayed = stream.events.filter((event) => event.event !== 'stream.opened').slice(0, -1);
      expect(replayed.map((event) => [event.event, event.data.id])).toEqual([
        ['message.created', missed[0]],
        ['message.created', missed[1]],
      ]);
      const ids = stream.events.map((event) => Number(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids.slice(1)).size).toBe(ids.length - 1);
    } finally {
      stream.close();
    }
  });

  it('shows staff-only entries to staff and not to the member; the former case manager reads only', async () => {
    const kase = await submitCase(alice);
    const memberStream = await openSse(alice, streamOf(kase.id));
    const staffStream = await openSse(ops.browser, streamOf(kase.id));
    try {
      await memberStream.next('stream.opened');
      await staffStream.next('stream.opened');
      const reassigned = await ops.browser.post(`/api/v1/cases/${kase.id}/reassignments`, {
        version: kase.version,
        caseManagerId: otherManager.account.userId,
        reason: 'Case manager on sick leave',
      });
      expect(reassigned.status).toBe(201);
      const forStaff = [
        (await staffStream.next('case.event_added')).data.type,
        (await staffStream.next('case.event_added')).data.type,
      ];
      expect(forStaff).toEqual(['reassigned', 'reassignment_reason']);
      expect((await memberStream.next('case.event_added')).data.type).toBe('reassigned');
      // The member's stream moves on without the internal reason.
      const marker = await alice.post(messagesOf(kase.id), { body: 'Thank you' });
      await memberStream.next('message.created');
      expect(memberStream.events.map((event) => event.data.type ?? event.data.id)).not.toContain(
        'reassignment_reason',
      );
      expect(memberStream.events.at(-1)?.data.id).toBe(marker.body.id);

      // The case manager who handed the case over still reads the thread, and no longer writes.
      expect((await manager.browser.get(messagesOf(kase.id))).status).toBe(200);
      const formerWrites = await manager.browser.post(messagesOf(kase.id), { body: 'Still me' });
      expect(formerWrites.status).toBe(403);
      expect(formerWrites.body.code).toBe('case.action_not_permitted');
      expect((await otherManager.browser.post(messagesOf(kase.id), { body: 'Hola' })).status).toBe(201);
    } finally {
      memberStream.close();
      staffStream.close();
    }
  });

  it('closes at the next heartbeat once the session has signed out', async () => {
    const tab = new Browser(server.url);
    expect((await tab.signIn('alice@x.test', PASSWORD)).status).toBe(200);
    const stream = await openSse(tab, streamOf(streamCase.id));
    await stream.next('stream.opened');
    expect((await tab.post('/api/auth/sign-out')).status).toBe(200);
    await stream.ended;
    expect((await openSse(tab, streamOf(streamCase.id))).status).toBe(401);
  });

  it('a message posted on one instance reaches a stream opened on another', async () => {
    const second = await openRuntime(server.runtime.config, createLogger('silent'), server.clock);
    const app = await buildApp(second);
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    let stream: SseStream | undefined;
    try {
      stream = await openSse(alice, streamOf(streamCase.id), { baseUrl: `http://127.0.0.1:${port}` });
      expect(stream.status).toBe(200);
      await stream.next('stream.opened');
      const posted = await manager.browser.post(messagesOf(streamCase.id), { body: 'Across instances' });
      expect((await stream.next('message.created')).data.id).toBe(posted.body.id);
    } finally {
      stream?.close();
      await app.close();
      await second.close();
    }
  });
});

describe('stopping the server', () => {
  it('ends open streams instead of waiting for them, and completes', async () => {
    const own = await startTestServer(streamSettings);
    let closed = false;
    try {
      await givenRegister(own);
      const member = await givenMemberSignedIn(
        own,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        'alice@stop.test',
      );
      const submitted = await member.post('/api/v1/cases', request());
      expect(submitted.status).toBe(201);
      const streams = await Promise.all([1, 2, 3].map(() => openSse(member, streamOf(submitted.body.id))));
      await Promise.all(streams.map((stream) => stream.next('stream.opened')));
      expect(own.runtime.bus.size).toBe(3);
      let timer: NodeJS.Timeout | undefined;
      const guard = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('close hung')), 10_000);
      });
      await Promise.race([own.close(), guard]).finally(() => clearTimeout(timer));
      closed = true;
      await Promise.all(streams.map((stream) => stream.ended));
    } finally {
      if (!closed) await own.close();
    }
  });
});
