import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../../test/support/smtp.js';

/**
 * "Forgot your password?": a single-use, short-lived link by e-mail, in the account's language; the
 * answer to the request is the same whether or not the address has an account; choosing the new
 * password ends every session of the account; staff still give their authenticator code after.
 */
const NEW_PASSWORD = 'a-brand-new-password-2026';

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

/** The reset e-mails that reached the relay for an address, in order. */
async function resetMailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  for (let total = 1; found.length < count; total += 1) {
    const mails = await smtp.waitFor(total);
    found = mails.filter(
      (mail) => mail.to.includes(address) && /reset-password/.test(mail.parsed.text ?? ''),
    );
  }
  return found;
}

const tokenIn = (mail: ReceivedMail): string => {
  const match = /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error('no reset link in the e-mail');
  return match[1]!;
};

const askForReset = (email: string) =>
  new Browser(server.url).post('/api/v1/password-reset-requests', { email });
const chooseNewPassword = (token: string, newPassword = NEW_PASSWORD) =>
  new Browser(server.url).post('/api/v1/password-resets', { token, newPassword });

describe('a member who forgot their password', () => {
  it('gets a link in their language that works once, and every session of theirs ends', async () => {
    const email = 'alice.forgot@example.org';
    const phone = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      email,
    );
    const laptop = new Browser(server.url);
    expect((await laptop.signIn(email, PASSWORD)).status).toBe(200);
    const { id: userId } = (await phone.get('/api/v1/me')).body;

    const asked = await askForReset(email);
    expect(asked.status).toBe(202);

    const [mail] = await resetMailsTo(email, 1);
    expect(mail!.parsed.subject).toBe('Elija una nueva contraseña de Consilium');
    expect(mail!.parsed.headers.get('content-language')).toBe('es');
    expect(mail!.parsed.text).toContain('30 minutos');
    const token = tokenIn(mail!);
    // The link carries an opaque token and nothing else: no address, no account id.
    const link = /https?:\/\/\S*reset-password\S*/.exec(mail!.parsed.text ?? '')![0];
    expect(link).toBe(`${server.url}/reset-password#token=${token}`);
    expect(link).not.toContain('@');
    expect(link).not.toContain(userId);

    // Asking is not changing: the old password still works until a new one is chosen.
    expect((await phone.get('/api/v1/me')).status).toBe(200);

    const chosen = await chooseNewPassword(token);
    expect(chosen.status).toBe(204);

    // Every session of the account has ended.
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    // The old password no longer opens the account; the new one does.
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(401);
    expect((await new Browser(server.url).signIn(email, NEW_PASSWORD)).status).toBe(200);

    // The link works once.
    const again = await chooseNewPassword(token, 'yet-another-password-2026');
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('auth.reset_link_invalid');
    expect((await new Browser(server.url).signIn(email, NEW_PASSWORD)).status).toBe(200);

    const audit = await server.sql.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'account.password_reset%' ORDER BY seq`,
      [userId],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'account.password_reset_requested',
      'account.password_reset',
    ]);
  });

  it('cannot use a link after it expired, and keeps their password', async () => {
    const email = 'carmen.forgot@example.org';
    await givenMemberSignedIn(server, { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' }, email);
    expect((await askForReset(email)).status).toBe(202);
    const token = tokenIn((await resetMailsTo(email, 1))[0]!);

    // Thirty minutes pass (Better Auth reads the database's expiry against the wall clock).
    await server.sql.query(
      `UPDATE verification SET expires_at = now() - interval '1 second' WHERE identifier = $1`,
      [`reset-password:${token}`],
    );
    const late = await chooseNewPassword(token);
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('auth.reset_link_invalid');
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(200);
  });

  it('an address without an account gets the same answer, and nothing is sent or written', async () => {
    const email = 'dario.forgot@example.org';
    await givenMemberSignedIn(server, { membershipNumber: 'M-3000-02', dateOfBirth: '1984-03-03' }, email);
    const count = async () =>
      (await server.sql.query(`SELECT count(*)::int AS n FROM notification_outbox`)).rows[0].n as number;

    const before = await count();
    const known = await askForReset(email);
    expect(await count()).toBe(before + 1);

    const unknown = await askForReset('nobody.here@example.org');
    expect(await count()).toBe(before + 1);
    expect({ status: unknown.status, body: unknown.body }).toEqual({
      status: known.status,
      body: known.body,
    });
    expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));
  });

  it('a link that was never sent is refused', async () => {
    const made = await chooseNewPassword('not-a-token-we-ever-sent-0123456789');
    expect(made.status).toBe(400);
    expect(made.body.code).toBe('auth.reset_link_invalid');
  });

  it('a new password must follow the sign-up rule', async () => {
    const short = await chooseNewPassword('not-a-token-we-ever-sent-0123456789', 'short');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('request.validation_failed');
  });
});

describe('a staff member who forgot their password', () => {
  it('still gives their authenticator code at the next sign-in', async () => {
    const staff = await givenStaff(server, 'case_manager');
    expect((await askForReset(staff.email)).status).toBe(202);
    const token = tokenIn((await resetMailsTo(staff.email, 1))[0]!);
    expect((await chooseNewPassword(token)).status).toBe(204);

    const browser = new Browser(server.url);
    const first = await browser.signIn(staff.email, NEW_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body.twoFactorRedirect).toBe(true);
    // Past the password only, there is no session: the code is still needed.
    expect((await browser.get('/api/v1/me')).status).toBe(401);
  });
});
