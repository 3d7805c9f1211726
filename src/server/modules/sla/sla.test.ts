import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { openRuntime } from '../../boot.js';
import { OffsetClock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import { createLogger } from '../../platform/logger.js';
import { fireDueClocks } from './service.js';

const HOUR = 60 * 60 * 1000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let member: Browser;
let spanish: { browser: Browser; account: StaffAccount };
let english: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };

const sweep = (clock = server.clock) =>
  fireDueClocks(systemContext({ ...server.runtime, clock }, `sweep-${uuidv7()}`));

const ask = async () => {
  const submitted = await member.post('/api/v1/cases', {
    concern: 'Worried about a biopsy result',
    diagnosisReceived: 'Suspicious nodule',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'es',
    contactChannel: 'video',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Sevilla' },
  });
  expect(submitted.status).toBe(201);
  return submitted.body as { id: string; version: number; caseManager: { id: string } };
};

/** Waits until a condition holds (the database's own view of who waits for whom). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition never held');
}

const staffTimeline = async (caseId: string) =>
  (await ops.browser.get(`/api/v1/cases/${caseId}/events`)).body.items.map(
    (event: { type: string }) => event.type,
  );

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  spanish = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es'],
    weeklyShifts: allWeek,
    maxOpenCases: 100,
  });
  english = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['en'],
    weeklyShifts: allWeek,
    maxOpenCases: 100,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'a@sla.test',
  );
});
afterAll(async () => server?.close());

describe('the 24-hour first-contact clock', () => {
  it('warns at 18 hours, escalates at 22, marks the breach at 24 — each once', async () => {
    const kase = await ask();
    expect(kase.caseManager.id).toBe(spanish.account.userId);
    expect(await sweep()).toBe(0);

    server.clock.advance(18 * HOUR + 60_000);
    await sweep();
    expect(await staffTimeline(kase.id)).toContain('first_contact_warning');
    expect(await staffTimeline(kase.id)).not.toContain('first_contact_escalation');

    server.clock.advance(4 * HOUR);
    await sweep();
    server.clock.advance(2 * HOUR);
    await sweep();
    await sweep();
    const events = await staffTimeline(kase.id);
    expect(events.filter((type: string) => type.startsWith('first_contact_'))).toEqual([
      'first_contact_warning',
      'first_contact_escalation',
      'first_contact_breach',
    ]);
    // The case manager was on shift: the case stays with them.
    expect((await ops.browser.get(`/api/v1/cases/${kase.id}`)).body.caseManager.id).toBe(
      spanish.account.userId,
    );
    // The member's timeline shows none of the internal alarms.
    const memberView = await member.get(`/api/v1/cases/${kase.id}/events`);
    expect(JSON.stringify(memberView.body)).not.toContain('first_contact_');
  });

  it('the first contact stops the clock', async () => {
    const kase = await ask();
    const contacted = await spanish.browser.post(`/api/v1/cases/${kase.id}/contacts`, {
      version: kase.version,
      channel: 'video',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(contacted.status).toBe(201);
    server.clock.advance(25 * HOUR);
    await sweep();
    expect((await staffTimeline(kase.id)).some((type: string) => type.startsWith('first_contact_'))).toBe(
      false,
    );
  });

  it('at breach, a case whose case manager is away goes to a colleague on duty', async () => {
    const kase = await ask();
    const now = server.clock.now().getTime();
    await server.sql.query(
      'INSERT INTO staff_absence (id, user_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)',
      [uuidv7(), spanish.account.userId, new Date(now + 23 * HOUR), new Date(now + 40 * HOUR), 'training'],
    );
    server.clock.advance(24 * HOUR + 60_000);
    await sweep();
    const after = await ops.browser.get(`/api/v1/cases/${kase.id}`);
    expect(after.body.caseManager.id).toBe(english.account.userId);
    expect(after.body.interpreterNeeded).toBe(true);
    expect(await staffTimeline(kase.id)).toEqual(
      expect.arrayContaining(['first_contact_breach', 'reassigned']),
    );
  });

  it('two sweepers racing fire every due clock once', async () => {
    const cases = await Promise.all(Array.from({ length: 5 }, () => ask()));
    server.clock.advance(25 * HOUR);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a + b).toBeGreaterThanOrEqual(15);
    const fired = await server.sql.query(
      `SELECT case_id, type, count(*)::int AS n FROM case_event
       WHERE case_id = ANY($1) AND type LIKE 'first_contact_%' GROUP BY case_id, type`,
      [cases.map((kase) => kase.id)],
    );
    expect(fired.rows).toHaveLength(15);
    expect(fired.rows.every((row) => row.n === 1)).toBe(true);
  });

  it('a first contact saved at the moment its breach fires: the sweep waits for it, nothing fails', async () => {
    const kase = await ask();
    server.clock.advance(25 * HOUR);
    // The case manager's save has the case locked and is about to stop its clocks when the sweep
    // comes (what POST /contacts does, held open here so that the two overlap for certain).
    const saving = await server.sql.connect();
    try {
      await saving.query('BEGIN');
      await saving.query('SELECT id FROM opinion_case WHERE id = $1 FOR UPDATE', [kase.id]);
      const swept = sweep();
      await until(async () => {
        const waiting = await server.sql.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        return waiting.rows[0].n > 0;
      });
      await saving.query(
        `UPDATE sla_clock SET cancelled_at = now() WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL`,
        [kase.id],
      );
      await saving.query('COMMIT');
      await swept;
    } finally {
      saving.release();
    }
    expect((await staffTimeline(kase.id)).some((type: string) => type.startsWith('first_contact_'))).toBe(
      false,
    );
    const clocks = await server.sql.query(
      'SELECT count(*)::int AS n FROM sla_clock WHERE case_id = $1 AND fired_at IS NOT NULL',
      [kase.id],
    );
    expect(clocks.rows[0].n).toBe(0);
  });

  it('a clock that fell due while no server was running fires once when one starts', async () => {
    const kase = await ask();
    // Every instance is down for two days; then a fresh one starts on the same database.
    const restartedClock = new OffsetClock();
    restartedClock.advance(server.clock.now().getTime() - restartedClock.now().getTime() + 48 * HOUR);
    const restarted = await openRuntime(server.runtime.config, createLogger('silent'), restartedClock);
    try {
      await fireDueClocks(systemContext(restarted, 'after-restart'));
      await fireDueClocks(systemContext(restarted, 'after-restart-2'));
    } finally {
      await restarted.close();
    }
    const events = await staffTimeline(kase.id);
    expect(events.filter((type: string) => type === 'first_contact_breach')).toHaveLength(1);
  });
});
