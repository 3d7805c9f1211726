import { createEmailVerificationToken } from 'better-auth/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { PASSWORD, givenRegister, givenStaff } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../../test/support/smtp.js';
import { verificationLinkWaitMs } from './email-verification.js';

/**
 * A member confirms their e-mail address before their first case: the link comes by e-mail at
 * sign-up (in their language), works until it expires, and once the address is confirmed it has
 * been used; until then the member may look around but not send a case, and may ask for the link
 * again, not too often.
 */
let smtp: TestSmtpServer;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
  await givenRegister(server);
  await givenStaff(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
    maxOpenCases: 50,
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const caseRequest = {
  concern: 'I was told I need surgery and I am frightened.',
  diagnosisReceived: 'Lumbar disc herniation',
  questions: ['Is surgery really needed?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '612 345 678',
  timeZone: 'Europe/Madrid',
  preferredContactWindows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '13:00' }],
  location: { country: 'ES', city: 'Valencia' },
};

/** The e-mails with a confirmation link that reached the relay for an address, in order. */
async function verificationMailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  for (let total = 1; found.length < count; total += 1) {
    const mails = await smtp.waitFor(total);
    found = mails.filter((mail) => mail.to.includes(address) && /verify-email/.test(mail.parsed.text ?? ''));
  }
  return found;
}

const tokenIn = (mail: ReceivedMail): string => {
  const match = /\/verify-email#token=([A-Za-z0-9_.-]+)/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error('no confirmation link in the e-mail');
  return match[1]!;
};

const confirm = (token: string) => new Browser(server.url).post('/api/v1/email-verifications', { token });

async function signUp(proof: { membershipNumber: string; dateOfBirth: string }, email: string) {
  const browser = new Browser(server.url);
  const registered = await browser.post('/api/v1/member-registrations', {
    ...proof,
    email,
    password: PASSWORD,
    locale: 'es',
    timeZone: 'Europe/Madrid',
  });
  expect(registered.status).toBe(201);
  expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
  return browser;
}

const countOf = async (table: string) =>
  (await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('a member who has just signed up', () => {
  it('can look around, cannot send a case until they follow the link from the e-mail, then can', async () => {
    const email = 'alice.confirms@example.org';
    const member = await signUp({ membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' }, email);

    const me = await member.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.emailVerified).toBe(false);
    expect((await member.get('/api/v1/me/healthcare-hub')).status).toBe(200);

    // A case request is refused with a stable code, and nothing is written.
    const before = await countOf('opinion_case');
    const refused = await member.post('/api/v1/cases', caseRequest);
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('identity.email_not_verified');
    expect(await countOf('opinion_case')).toBe(before);

    // The e-mail: in Spanish, a link to the web app with the token in the fragment only.
    const [mail] = await verificationMailsTo(email, 1);
    expect(mail!.parsed.subject).toBe('Confirme su dirección de correo electrónico para Consilium');
    expect(mail!.parsed.headers.get('content-language')).toBe('es');
    expect(mail!.parsed.text).toContain('24 horas');
    const token = tokenIn(mail!);
    const link = /https?:\/\/\S*verify-email\S*/.exec(mail!.parsed.text ?? '')![0];
    expect(link).toBe(`${server.url}/verify-email#token=${token}`);
    expect(link).not.toContain('@');

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(204);
    // Following the link opens no session of its own: nothing to sign in with is handed out.
    expect(confirmed.headers.get('set-cookie')).toBeNull();
    expect((await member.get('/api/v1/me')).body.emailVerified).toBe(true);

    const sent = await member.post('/api/v1/cases', caseRequest);
    expect(sent.status).toBe(201);

    // The link has done its work: following it again says so and changes nothing.
    const again = await confirm(token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('identity.email_verification_link_used');

    const audit = await server.sql.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'account.email_%' ORDER BY seq`,
      [me.body.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'account.email_verification_sent',
      'account.email_verified',
    ]);
    // Signing up and confirming are the member's own doing: nobody else is listed as reading their file.
    const accessLog = await member.get('/api/v1/me/access-log');
    expect(
      accessLog.body.items.filter((item: { action: string }) => item.action.startsWith('account.')),
    ).toEqual([]);
  });

  it('cannot use a link after it expired, and asks for a new one that works', async () => {
    const email = 'carmen.confirms@example.org';
    const member = await signUp({ membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' }, email);
    const { id: userId } = (await member.get('/api/v1/me')).body;
    await verificationMailsTo(email, 1);

    // A link sent a day and a minute ago, signed as the server signs them (its lifetime is 24 hours).
    const authContext = await server.runtime.auth.$context;
    const stale = await createEmailVerificationToken(authContext.secret, email, undefined, -60, { userId });
    const late = await confirm(stale);
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('identity.email_verification_link_expired');
    expect((await member.get('/api/v1/me')).body.emailVerified).toBe(false);

    // The sign-up e-mail went a moment ago: a new link waits for the minute to pass.
    const tooSoon = await member.post('/api/v1/me/email-verification-requests', {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.code).toBe('identity.email_verification_rate_limited');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);

    server.clock.advance(61_000);
    expect((await member.post('/api/v1/me/email-verification-requests', {})).status).toBe(202);
    const [, fresh] = await verificationMailsTo(email, 2);
    expect((await confirm(tokenIn(fresh!))).status).toBe(204);
    expect((await member.get('/api/v1/me')).body.emailVerified).toBe(true);

    // Once confirmed, there is nothing to ask for.
    const done = await member.post('/api/v1/me/email-verification-requests', {});
    expect(done.status).toBe(409);
    expect(done.body.code).toBe('identity.email_already_verified');
  });

  it('a link that was never sent, or was altered, is refused', async () => {
    expect((await confirm('not-a-token-we-ever-sent-0123456789')).body.code).toBe(
      'identity.email_verification_link_invalid',
    );
    const authContext = await server.runtime.auth.$context;
    const forged = await createEmailVerificationToken(
      'a-secret-that-is-not-the-servers-0123456789',
      'dario@example.org',
      undefined,
      3600,
    );
    const refused = await confirm(forged);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('identity.email_verification_link_invalid');
    expect(authContext.secret).not.toBe('a-secret-that-is-not-the-servers-0123456789');
  });
});

describe('accounts whose address is vouched for', () => {
  it('a staff member created by operations is not asked to confirm their address', async () => {
    const staff = await givenStaff(server, 'ops');
    const rows = await server.sql.query(`SELECT email_verified FROM "user" WHERE id = $1`, [staff.userId]);
    expect(rows.rows[0].email_verified).toBe(true);
  });
});

describe('how often a new link may be sent', () => {
  const at = (iso: string) => new Date(iso);
  const now = at('2026-12-07T12:00:00Z');

  it('waits a minute after the last link', () => {
    expect(verificationLinkWaitMs([], now)).toBe(0);
    expect(verificationLinkWaitMs([at('2026-12-07T11:59:30Z')], now)).toBe(30_000);
    expect(verificationLinkWaitMs([at('2026-12-07T11:58:00Z')], now)).toBe(0);
  });

  it('sends five a day at most', () => {
    const five = ['11:00', '10:00', '09:00', '08:00', '07:00'].map((time) => at(`2026-12-07T${time}:00Z`));
    expect(verificationLinkWaitMs(five.slice(0, 4), now)).toBe(0);
    // The oldest of the five leaves the day at 07:00 tomorrow.
    expect(verificationLinkWaitMs(five, now)).toBe(19 * 60 * 60 * 1000);
  });
});
