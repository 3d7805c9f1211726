import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/support/smtp.js';
import { systemContext } from '../../platform/context.js';
import { DENIAL_WINDOW_MS, summariseAccessDenials } from './denials.js';
import { verifyAuditChain } from './service.js';

/**
 * Refused accesses leave a trace. A member tries 500 case ids that are not theirs (one of them a
 * real case of another member): each answer is the same 404 as for a case that does not exist; the
 * first 20 refusals are recorded one by one, the rest counted in one summary once the window is
 * over, and operations get one e-mail about the burst, naming the account and no one's case.
 */
describe('a member scanning 500 other case ids leaves denial records and one alert', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let owner: Browser;
  let scanner: Browser;
  let scannerUserId: string;
  let opsEmail: string;
  let realCaseId: string;
  let realCaseNumber: string;
  let replies: { status: number; body: unknown }[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    opsEmail = (await givenStaffSignedIn(server, 'ops')).account.email;
    owner = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'owner@x.test',
    );
    const submitted = await owner.post('/api/v1/cases', {
      concern: 'Worried',
      diagnosisReceived: 'Something',
      questions: ['Why?'],
      preferredLanguage: 'en',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    });
    expect(submitted.status).toBe(201);
    realCaseId = submitted.body.id;
    realCaseNumber = submitted.body.caseNumber;
    scanner = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
      'scanner@x.test',
    );
    scannerUserId = (await scanner.get('/api/v1/me')).body.id;

    // The scan starts where a five-minute window does, so that a slow machine cannot spread it
    // over two windows (two bursts, each with its own twenty records and alert).
    server.clock.advance(DENIAL_WINDOW_MS - (server.clock.now().getTime() % DENIAL_WINDOW_MS));
    const ids = [realCaseId, ...Array.from({ length: 499 }, () => uuidv7())];
    replies = [];
    for (const id of ids) {
      const reply = await scanner.get(`/api/v1/cases/${id}`);
      replies.push({ status: reply.status, body: reply.body.code });
    }
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const eventsOfScanner = async (action: string) =>
    (
      await server.sql.query(
        `SELECT seq, entity_type, entity_id, subject_member_id, purpose, outcome, details FROM audit_event
          WHERE action = $1 AND (actor_user_id = $2 OR entity_id = $2::text) ORDER BY seq`,
        [action, scannerUserId],
      )
    ).rows;

  it('every id is answered alike: 404, as if no such case existed', () => {
    expect(replies).toHaveLength(500);
    expect(new Set(replies.map((reply) => `${reply.status} ${String(reply.body)}`))).toEqual(
      new Set(['404 resource.not_found']),
    );
  });

  it('the first 20 refusals are recorded one by one, with who, what, which id and why', async () => {
    const denied = await eventsOfScanner('access.denied');
    expect(denied).toHaveLength(20);
    expect(denied[0]).toMatchObject({
      entity_type: 'case',
      entity_id: realCaseId,
      subject_member_id: null,
      purpose: 'security',
      outcome: 'denied',
      details: { reason: 'not_found_for_actor' },
    });
    expect(denied.slice(1).map((event) => event.details.reason)).toEqual(Array(19).fill('no_such_record'));
  });

  it('operations get one e-mail for the burst, naming the account and nobody else’s case', async () => {
    const alerts = await eventsOfScanner('access.denial_burst_alerted');
    expect(alerts).toHaveLength(1);
    const outbox = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'security.access_denials_burst'`,
    );
    expect(outbox.rows[0].n).toBe(1);
    const mails = await vi.waitFor(
      () => {
        const burst = smtp.received.filter((mail) => mail.raw.includes(scannerUserId));
        expect(burst.length).toBeGreaterThan(0);
        return burst;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([opsEmail]);
    expect(mails[0]!.raw).not.toContain(realCaseId);
    expect(mails[0]!.raw).not.toContain(realCaseNumber);
  });

  it('once the window is over, the other 480 refusals are counted in one summary', async () => {
    server.clock.advance(DENIAL_WINDOW_MS + 1_000);
    const ctx = systemContext(server.runtime, 'story-denials-summary');
    await summariseAccessDenials({ db: server.runtime.db, ctx });
    await summariseAccessDenials({ db: server.runtime.db, ctx });
    const summaries = await eventsOfScanner('access.denials_summarised');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      entity_type: 'user',
      entity_id: scannerUserId,
      outcome: 'denied',
      details: { recordedOneByOne: 20, counted: 480 },
    });
    expect(await verifyAuditChain(server.runtime)).toMatchObject({ ok: true });
  });

  it("the owner's access log does not show the scan as a read of their data", async () => {
    const log = await owner.get('/api/v1/me/access-log');
    expect(log.status).toBe(200);
    expect(log.body.items.filter((item: { outcome: string }) => item.outcome === 'denied')).toEqual([]);
  });

  it('a refusal that cannot be recorded still answers 404, never 500', async () => {
    await server.sql.query(`CREATE FUNCTION story_refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the trail is out of order'; END $$`);
    await server.sql.query(`CREATE TRIGGER story_refuse_writes BEFORE INSERT OR UPDATE ON access_denial_window
      FOR EACH ROW EXECUTE FUNCTION story_refuse_writes()`);
    try {
      const reply = await scanner.get(`/api/v1/cases/${realCaseId}`);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('resource.not_found');
    } finally {
      await server.sql.query(`DROP TRIGGER story_refuse_writes ON access_denial_window`);
      await server.sql.query(`DROP FUNCTION story_refuse_writes()`);
    }
  });
});
