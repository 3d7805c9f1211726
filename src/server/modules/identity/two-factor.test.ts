import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode } from '../../../../test/support/totp.js';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * Two-step sign-in, through HTTP as the web app uses it: Better Auth's two-factor endpoints under
 * /api/auth, answering in our problem+json shape.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
});
afterAll(async () => server?.close());

const secretOf = (totpURI: string) => new URL(totpURI).searchParams.get('secret')!;

describe('a member turns two-step sign-in on and off', () => {
  it('confirms the password, gets a secret and backup codes, is asked for a code from then on, and can turn it off', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );

    const wrongPassword = await member.post('/api/auth/two-factor/enable', { password: 'not-my-password' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBe('auth.invalid_credentials');

    const enabled = await member.post('/api/auth/two-factor/enable', { password: PASSWORD });
    expect(enabled.status).toBe(200);
    expect(enabled.body.totpURI).toMatch(/^otpauth:\/\/totp\/Consilium:alice%40example\.org\?/);
    expect(enabled.body.backupCodes).toHaveLength(10);
    const secret = secretOf(enabled.body.totpURI);
    // Not on until a first code confirms the app has the secret.
    expect((await member.get('/api/v1/me')).body.twoFactorEnabled).toBe(false);
    const unconfirmed = await new Browser(server.url).signIn('alice@example.org', PASSWORD);
    expect(unconfirmed.body.twoFactorRedirect).toBeUndefined();

    const wrongCode = await member.post('/api/auth/two-factor/verify-totp', { code: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.code).toBe('auth.two_factor_invalid_code');
    const confirmed = await member.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(secret),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.token).toBeUndefined();
    expect((await member.get('/api/v1/me')).body.twoFactorEnabled).toBe(true);

    // From now on the password alone opens no session.
    const elsewhere = new Browser(server.url);
    expect((await elsewhere.signIn('alice@example.org', PASSWORD)).body.twoFactorRedirect).toBe(true);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect(
      (await elsewhere.post('/api/auth/two-factor/verify-totp', { code: await freshTotpCode(secret) }))
        .status,
    ).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(200);

    // A backup code stands in for the app, once.
    const [backupCode] = enabled.body.backupCodes as string[];
    const withBackup = new Browser(server.url);
    await withBackup.signIn('alice@example.org', PASSWORD);
    expect(
      (await withBackup.post('/api/auth/two-factor/verify-backup-code', { code: backupCode })).status,
    ).toBe(200);
    expect((await withBackup.get('/api/v1/me')).status).toBe(200);
    const reused = new Browser(server.url);
    await reused.signIn('alice@example.org', PASSWORD);
    const again = await reused.post('/api/auth/two-factor/verify-backup-code', { code: backupCode });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('auth.two_factor_invalid_code');

    const refused = await member.post('/api/auth/two-factor/disable', { password: 'not-my-password' });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.invalid_credentials');
    expect((await member.get('/api/v1/me')).body.twoFactorEnabled).toBe(true);
    const disabled = await member.post('/api/auth/two-factor/disable', { password: PASSWORD });
    expect(disabled.status).toBe(200);
    expect((await member.get('/api/v1/me')).body.twoFactorEnabled).toBe(false);
    const passwordOnly = await new Browser(server.url).signIn('alice@example.org', PASSWORD);
    expect(passwordOnly.status).toBe(200);
    expect(passwordOnly.body.twoFactorRedirect).toBeUndefined();
  });

  // Better Auth allows 3 calls of each /two-factor/ path per address in 10 s (the verifications
  // have our sign-in limit instead): this file's tests share one address, so they spend few.
  it('needs a session: a visitor cannot stop it', async () => {
    const visitor = new Browser(server.url);
    const disable = await visitor.post('/api/auth/two-factor/disable', { password: PASSWORD });
    expect(disable.status).toBe(401);
    expect(disable.body.code).toBe('auth.unauthenticated');
  });
});

describe('a new staff member on their first sign-in', () => {
  it('replaces the temporary password, turns on two-step sign-in with the new one, and can then work', async () => {
    const { browser: ops } = await givenStaffSignedIn(server, 'ops');
    const created = await ops.post('/api/v1/staff', {
      email: 'first.day@staff.test',
      name: 'Dr First Day',
      role: 'case_manager',
      languages: ['en'],
      timeZone: 'Europe/London',
      weeklyShifts: [],
    });
    expect(created.status).toBe(201);
    const newcomer = new Browser(server.url);
    expect((await newcomer.signIn('first.day@staff.test', created.body.temporaryPassword)).status).toBe(200);
    expect((await newcomer.get('/api/v1/me')).body).toMatchObject({
      passwordChangeRequired: true,
      twoFactorRequired: true,
      twoFactorEnabled: false,
    });
    const ownPassword = 'a-password-of-my-own-2026';
    expect(
      (
        await newcomer.post('/api/v1/me/password', {
          currentPassword: created.body.temporaryPassword,
          newPassword: ownPassword,
        })
      ).status,
    ).toBe(204);
    expect((await newcomer.get('/api/v1/cases')).body.code).toBe('auth.two_factor_required');

    const enabled = await newcomer.post('/api/auth/two-factor/enable', { password: ownPassword });
    expect(enabled.status).toBe(200);
    const secret = secretOf(enabled.body.totpURI);
    expect(
      (await newcomer.post('/api/auth/two-factor/verify-totp', { code: await freshTotpCode(secret) })).status,
    ).toBe(200);
    expect((await newcomer.get('/api/v1/me')).body).toMatchObject({
      passwordChangeRequired: false,
      twoFactorEnabled: true,
    });
    expect((await newcomer.get('/api/v1/cases?assigned=me')).status).toBe(200);

    // Staff keep the second step: turning it off is refused, even with the right password.
    const off = await newcomer.post('/api/auth/two-factor/disable', { password: ownPassword });
    expect(off.status).toBe(403);
    expect(off.body.code).toBe('auth.forbidden');
    expect((await newcomer.get('/api/v1/me')).body).toMatchObject({ twoFactorEnabled: true });
  });
});

describe('an authenticator code is good once', () => {
  it('a code that opened a session opens no second one, even within its half minute; the next code does', async () => {
    const staff = await givenStaff(server, 'case_manager');
    const code = await freshTotpCode(staff.totpSecret);

    const desk = new Browser(server.url);
    expect((await desk.signIn(staff.email, staff.password)).body.twoFactorRedirect).toBe(true);
    expect((await desk.post('/api/auth/two-factor/verify-totp', { code })).status).toBe(200);
    expect((await desk.get('/api/v1/me')).status).toBe(200);
    const sessions = async () =>
      (await server.sql.query('SELECT count(*)::int AS n FROM session WHERE user_id = $1', [staff.userId]))
        .rows[0].n as number;
    const before = await sessions();

    // Someone who saw the code (over a shoulder, through a proxy) and knows the password.
    const onlooker = new Browser(server.url);
    expect((await onlooker.signIn(staff.email, staff.password)).body.twoFactorRedirect).toBe(true);
    const replayed = await onlooker.post('/api/auth/two-factor/verify-totp', { code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('auth.two_factor_invalid_code');
    expect(onlooker.hasSessionCookie()).toBe(false);
    expect((await onlooker.get('/api/v1/me')).status).toBe(401);
    expect(await sessions()).toBe(before);

    const secondDevice = new Browser(server.url);
    await secondDevice.signIn(staff.email, staff.password);
    const next = await secondDevice.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(staff.totpSecret),
    });
    expect(next.status).toBe(200);
    expect((await secondDevice.get('/api/v1/me')).status).toBe(200);
  });
});
