import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaff,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/support/smtp.js';
import { openRuntime } from '../../boot.js';
import { systemContext } from '../../platform/context.js';
import { createLogger } from '../../platform/logger.js';
import {
  MAX_ATTEMPTS,
  NOTIFICATION_WAKE_CHANNEL,
  deliverDueNotifications,
  enqueueNotification,
} from './service.js';

const caseId = '0190a5a8-7b1c-7d2e-8f3a-123456789abc';

async function outboxRow(server: TestServer, id: string) {
  const result = await server.sql.query('SELECT * FROM notification_outbox WHERE id = $1', [id]);
  return result.rows[0];
}

/**
 * Listens, as a worker process would, for the wake-ups that ask the dispatcher to run: counts
 * them as PostgreSQL delivers them.
 */
async function listenForDispatcherWakeUps(server: TestServer) {
  const client = new pg.Client({ connectionString: server.runtime.config.databaseUrl });
  await client.connect();
  let heard = 0;
  client.on('notification', (message) => {
    if (message.channel === NOTIFICATION_WAKE_CHANNEL) heard += 1;
  });
  await client.query(`LISTEN ${NOTIFICATION_WAKE_CHANNEL}`);
  return {
    heard: () => heard,
    close: () => client.end(),
  };
}

/** Enqueues one notification in its own transaction, as a use case would. */
async function enqueue(server: TestServer, input: Parameters<typeof enqueueNotification>[2]) {
  const ctx = systemContext(server.runtime, 'test');
  const { id } = await server.runtime.db.transaction((tx) => enqueueNotification(tx, ctx, input));
  return id;
}

describe('the server sends e-mails through its job workers', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('a member registers and receives the e-mail that welcomes them and confirms their address, in Spanish, without their date of birth or membership number', async () => {
    const registered = await new Browser(server.url).post('/api/v1/member-registrations', {
      membershipNumber: 'M-1000-01',
      dateOfBirth: '1980-02-29',
      email: 'alice@example.org',
      password: PASSWORD,
      locale: 'es',
      timeZone: 'Europe/Madrid',
    });
    expect(registered.status).toBe(201);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['alice@example.org']);
    const parsed = mail!.parsed;
    expect(parsed.subject).toBe('Confirme su dirección de correo electrónico para Consilium');
    expect(parsed.text).toContain('Le damos la bienvenida a Consilium.');
    expect(parsed.headers.get('content-language')).toBe('es');
    expect(parsed.text).toContain('Hola, Alice Tester:');
    expect(parsed.text).toContain(`${server.url}/verify-email#token=`);
    expect(parsed.html).toContain('lang="es"');
    for (const content of [parsed.text ?? '', String(parsed.html), mail!.raw]) {
      expect(content).not.toMatch(/1980|29\/02|02\/29|M-1000/);
    }

    // The relay has the e-mail before the dispatcher commits `sent`: wait for the commit.
    await vi.waitFor(
      async () => {
        const row = await server.sql.query(
          `SELECT status, attempts, sent_at FROM notification_outbox WHERE template = 'account.email_verification'`,
        );
        expect(row.rows).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
        expect(row.rows[0].sent_at).not.toBeNull();
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});

describe('e-mails to a member write their name, dates and time zone as they do', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    // Li Na, whose name the insurer holds in Chinese characters, lives in the United Kingdom and reads English.
    await givenPersonInRegister(server, {
      membershipNumber: 'M-7000',
      givenName: '娜',
      familyName: '李',
      dateOfBirth: '1990-05-05',
      country: 'GB',
      preferredLanguage: 'en',
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('greets a Chinese name family name first, and writes a date day before month for an English reader in the UK', async () => {
    const registered = await new Browser(server.url).post('/api/v1/member-registrations', {
      membershipNumber: 'M-7000-01',
      dateOfBirth: '1990-05-05',
      email: 'li.na@example.org',
      password: PASSWORD,
      locale: 'en',
      timeZone: 'Europe/London',
    });
    expect(registered.status).toBe(201);
    const [welcome] = await smtp.waitFor(1);
    expect(welcome!.parsed.text).toContain('李娜');
    expect(welcome!.parsed.text).not.toContain('娜 李');

    const account = await server.sql.query(`SELECT id FROM "user" WHERE email = 'li.na@example.org'`);
    await enqueue(server, {
      template: 'case.received',
      recipientUserId: account.rows[0].id,
      params: { caseId, caseNumber: 'SMO-2026-000070', contactBy: '2026-06-01T09:00:00Z' },
    });
    const [, received] = await smtp.waitFor(2);
    // 09:00 UTC is 10:00 in London in June; the zone is named, not given as an id or an offset.
    expect(received!.parsed.text).toContain('Monday, 1 June 2026 at 10:00 United Kingdom Time');
    expect(received!.parsed.text).not.toMatch(/June 1|Europe\/London|GMT/);
  });
});

describe('a member asks for a second opinion', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let caseManager: Awaited<ReturnType<typeof givenStaff>>;
  const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    caseManager = await givenStaff(server, 'case_manager', {
      name: 'Elena García',
      locale: 'fr',
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 5,
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is told in Spanish who their case manager is and by when they will be contacted; the case manager is told of a new case in French; neither e-mail carries the concern', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    await smtp.waitFor(1); // the e-mail that welcomes and confirms the address
    const submitted = await member.post('/api/v1/cases', {
      concern: 'A lump in my breast; the biopsy says carcinoma and I am frightened.',
      diagnosisReceived: 'Invasive ductal carcinoma',
      questions: ['Is a mastectomy really needed?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      preferredContactWindows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '13:00' }],
      location: { country: 'ES', city: 'Valencia' },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'assigned', caseManager: { id: caseManager.userId } });

    const mails = await smtp.waitFor(3);
    const toMember = mails.find((mail) => mail.to.includes('alice@example.org') && mail !== mails[0]);
    const toManager = mails.find((mail) => mail.to.includes(caseManager.email));
    expect(toMember?.parsed.subject).toBe(`Hemos recibido su solicitud ${submitted.body.number}`);
    expect(toMember?.parsed.text).toContain('Elena García');
    expect(toManager?.parsed.subject).toContain(submitted.body.number);
    expect(toManager?.parsed.headers.get('content-language')).toBe('fr');
    for (const mail of [toMember!, toManager!]) {
      expect(mail.raw).not.toMatch(/carcinoma|biopsy|mastectomy|lump/i);
      expect(mail.parsed.text).toContain(`${server.url}/cases/${submitted.body.id}`);
    }
  });
});

describe('a member asks for a second opinion when no case manager is on shift in time', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let ops: Awaited<ReturnType<typeof givenStaff>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
    await givenRegister(server);
    ops = await givenStaff(server, 'ops', { locale: 'de' });
    // On shift on no day at all: nobody can make the 24-hour promise.
    await givenStaff(server, 'case_manager', { languages: ['es'], weeklyShifts: [] });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is told their request arrived and by when they will be contacted, and operations are asked at once to assign someone', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    await smtp.waitFor(1); // the e-mail that welcomes and confirms the address
    const submitted = await member.post('/api/v1/cases', {
      concern: 'My cardiologist wants to operate on my heart valve.',
      diagnosisReceived: 'Severe aortic valve stenosis',
      questions: ['Can it wait?'],
      preferredLanguage: 'es',
      contactChannel: 'video',
      timeZone: 'Europe/Madrid',
      preferredContactWindows: [],
      location: { country: 'ES', city: 'Sevilla' },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', caseManager: null });

    const mails = await smtp.waitFor(3);
    const toMember = mails.slice(1).find((mail) => mail.to.includes('alice@example.org'));
    const toOps = mails.find((mail) => mail.to.includes(ops.email));
    expect(toMember?.parsed.subject).toBe(`Hemos recibido su solicitud ${submitted.body.number}`);
    expect(toOps?.parsed.subject).toBe(`Fall ${submitted.body.number} wartet auf eine Fallbetreuung`);
    for (const mail of [toMember!, toOps!]) expect(mail.raw).not.toMatch(/heart|valve|cardiolog|stenosis/i);
  });
});

describe('the outbox, dispatched by hand', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let caseManager: Awaited<ReturnType<typeof givenStaff>>;

  beforeAll(async () => {
    smtp = await startSmtpServer({ delayMs: 5 });
    server = await startTestServer({ SMTP_URL: smtp.url });
    caseManager = await givenStaff(server, 'case_manager', { locale: 'fr', timeZone: 'America/Toronto' });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const assigned = (caseNumber: string, dedupeKey?: string) => ({
    template: 'case.assigned' as const,
    recipientUserId: caseManager.userId,
    params: { caseId, caseNumber, firstContactDue: '2026-11-26T15:00:00Z' },
    dedupeKey,
  });

  it('a committed notification wakes the dispatcher after the commit, and is sent', async () => {
    const wakeUps = await listenForDispatcherWakeUps(server);
    const id = await enqueue(server, assigned('SMO-2026-000001'));
    await vi.waitFor(() => expect(wakeUps.heard()).toBe(1), { timeout: 10_000 });
    await wakeUps.close();

    const before = smtp.received.length;
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    const mail = smtp.received[before]!;
    expect(mail.to).toEqual([caseManager.email]);
    expect(mail.parsed.subject).toBe('Nouveau dossier SMO-2026-000001 attribué');
    // 15:00 UTC is 10:00 in Toronto.
    expect(mail.parsed.text).toContain('jeudi 26 novembre 2026 à 10:00');
    expect(mail.parsed.messageId).toBe(`<${id}@consilium>`);
    expect((await outboxRow(server, id!)).status).toBe('sent');
  });

  it('a notification enqueued in a transaction that rolls back is never sent, nor the dispatcher woken', async () => {
    const wakeUps = await listenForDispatcherWakeUps(server);
    const ctx = systemContext(server.runtime, 'test');
    await expect(
      server.runtime.db.transaction(async (tx) => {
        await enqueueNotification(tx, ctx, assigned('SMO-2026-000002'));
        throw new Error('the case change failed');
      }),
    ).rejects.toThrow('the case change failed');

    const rows = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE params->>'caseNumber' = 'SMO-2026-000002'`,
    );
    expect(rows.rows[0].n).toBe(0);
    // A committed one afterwards wakes the dispatcher once: the rolled-back one never did.
    await enqueue(server, assigned('SMO-2026-000102'));
    await vi.waitFor(() => expect(wakeUps.heard()).toBe(1), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wakeUps.heard()).toBe(1);
    await wakeUps.close();
    const before = smtp.received.length;
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 1 });
    expect(smtp.received.slice(before).map((mail) => mail.parsed.subject)).toEqual([
      expect.stringContaining('SMO-2026-000102'),
    ]);
  });

  it('the same dedupe key twice is written once and sent once', async () => {
    const first = await enqueue(server, assigned('SMO-2026-000003', 'case.assigned:3'));
    const second = await enqueue(server, assigned('SMO-2026-000003', 'case.assigned:3'));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const before = smtp.received.length;
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 1 });
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0 });
    expect(smtp.received.length).toBe(before + 1);
  });

  it('the relay refuses the first attempt: retried later, delivered once, and the error kept has no address', async () => {
    smtp.refuse(1);
    const id = await enqueue(server, assigned('SMO-2026-000004'));
    const before = smtp.received.length;

    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0, retried: 1 });
    const waiting = await outboxRow(server, id!);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).toMatch(/451/);
    expect(waiting.last_error).not.toMatch(/@|example|staff\.test/);
    expect(waiting.available_at.getTime()).toBeGreaterThan(server.clock.now().getTime());

    // Not yet due: nothing happens.
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0, retried: 0 });
    server.clock.advance(61_000);
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 1 });
    expect(smtp.refusedCount).toBe(1);
    const delivered = smtp.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.parsed.messageId).toBe(`<${id}@consilium>`);
    expect(await outboxRow(server, id!)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it(`after ${MAX_ATTEMPTS} refusals a notification is marked failed and left alone`, async () => {
    smtp.refuse(MAX_ATTEMPTS);
    const id = await enqueue(server, assigned('SMO-2026-000005'));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverDueNotifications(server.runtime);
      server.clock.advance(7 * 60 * 60_000);
    }
    expect(await outboxRow(server, id!)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    smtp.refuse(0);
  });

  it('two dispatchers racing (two instances) deliver each e-mail exactly once', async () => {
    const ids: string[] = [];
    for (let n = 10; n < 40; n += 1) ids.push((await enqueue(server, assigned(`SMO-2026-0000${n}`)))!);
    const other = await openRuntime(server.runtime.config, createLogger('silent'), server.clock);
    try {
      const before = smtp.received.length;
      const [a, b] = await Promise.all([
        deliverDueNotifications(server.runtime),
        deliverDueNotifications(other),
      ]);
      expect(a.sent + b.sent).toBe(ids.length);
      const messageIds = smtp.received.slice(before).map((mail) => mail.parsed.messageId);
      expect(messageIds).toHaveLength(ids.length);
      expect(new Set(messageIds)).toEqual(new Set(ids.map((id) => `<${id}@consilium>`)));
    } finally {
      await other.close();
    }
  });

  it('a booked call carries a calendar invitation at the right time in UTC', async () => {
    const member = await givenStaff(server, 'ops', { locale: 'ar', timeZone: 'Asia/Dubai' });
    const before = smtp.received.length;
    await enqueue(server, {
      template: 'case.call_scheduled',
      recipientUserId: member.userId,
      params: {
        caseId,
        caseNumber: 'SMO-2026-000050',
        caseManagerName: 'Dr Karim Mansour',
        startsAt: '2026-12-01T06:30:00Z',
        durationMinutes: 30,
      },
    });
    await deliverDueNotifications(server.runtime);
    const mail = smtp.received[before]!;
    expect(mail.parsed.html).toContain('dir="rtl"');
    // 06:30 UTC is 10:30 in Dubai.
    expect(mail.parsed.text).toMatch(/1 ديسمبر 2026.*10:30/);
    const invitation = mail.parsed.attachments.find((file) => file.contentType === 'text/calendar');
    expect(invitation).toBeDefined();
    const lines = invitation!.content
      .toString('utf8')
      .replace(/\r?\n[ \t]/g, '')
      .split(/\r?\n/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART:20261201T063000Z');
    expect(lines).toContain('DURATION:PT30M');
  });

  it('a disabled account gets nothing: the notification is skipped', async () => {
    const leaver = await givenStaff(server, 'case_manager');
    await server.sql.query('UPDATE user_profile SET disabled_at = now() WHERE user_id = $1', [leaver.userId]);
    const id = await enqueue(server, { ...assigned('SMO-2026-000060'), recipientUserId: leaver.userId });
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0, skipped: 1 });
    expect(await outboxRow(server, id!)).toMatchObject({
      status: 'skipped',
      last_error: 'recipient_unavailable',
    });
  });

  it('refuses parameters a template does not take, so no health data reaches an e-mail', async () => {
    await expect(
      enqueue(server, {
        template: 'case.message_received',
        recipientUserId: caseManager.userId,
        params: { caseId, caseNumber: 'SMO-2026-000070', message: 'my biopsy results' },
      }),
    ).rejects.toThrow(/message/);
    const rows = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE params::text LIKE '%biopsy%'`,
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it('a reminder enqueued for later asks for a dispatcher run at its time, in its own transaction: none when it rolls back', async () => {
    const ctx = systemContext(server.runtime, 'test');
    // A month ahead, out of the way of the other stories' dispatcher runs.
    const at = new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000);
    const dispatcherRunsAt = async () =>
      (
        await server.sql.query<{ startAfter: Date }>(
          `SELECT start_after AS "startAfter" FROM pgboss.job
           WHERE name = 'notifications.dispatch' AND start_after = $1`,
          [at],
        )
      ).rows.length;
    await expect(
      server.runtime.db.transaction(async (tx) => {
        await enqueueNotification(tx, ctx, { ...assigned('SMO-2026-000005'), availableAt: at });
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    expect(await dispatcherRunsAt()).toBe(0);

    await enqueue(server, { ...assigned('SMO-2026-000006'), availableAt: at });
    expect(await dispatcherRunsAt()).toBe(1);
    // Not due yet: the dispatcher leaves it for its time.
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 0 });
  });
});

describe('in development without SMTP_URL', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-mail-'));
    server = await startTestServer({ NODE_ENV: 'development', DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes each e-mail as an .eml file in DATA_DIR/mail', async () => {
    expect(server.runtime.mailer.kind).toBe('file');
    const staff = await givenStaff(server, 'case_manager', { locale: 'de', timeZone: 'Europe/Berlin' });
    await enqueue(server, { template: 'account.welcome', recipientUserId: staff.userId, params: {} });
    expect(await deliverDueNotifications(server.runtime)).toMatchObject({ sent: 1 });

    const folder = path.join(dataDir, 'mail');
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const parsed = await simpleParser(readFileSync(path.join(folder, files[0]!)));
    expect(parsed.subject).toBe('Willkommen bei Consilium');
    expect(parsed.text).toContain('Guten Tag Test case_manager,');
  });
});
