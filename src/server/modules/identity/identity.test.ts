import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

let server: TestServer;
let register: Awaited<ReturnType<typeof givenRegister>>;

beforeAll(async () => {
  // The identity room's stories keep Better Auth's real scrypt hash (other files use a cheap one).
  server = await startTestServer({ PASSWORD_HASH: 'scrypt' });
  register = await givenRegister(server);
});
afterAll(async () => server?.close());

describe('a member creates an account by proving membership', () => {
  it('signs up with the card number and date of birth, signs in, and sees their profile', async () => {
    const browser = new Browser(server.url);
    const registered = await browser.post('/api/v1/member-registrations', {
      membershipNumber: 'm-1000-01',
      dateOfBirth: '1980-02-29',
      email: 'Alice@Example.org',
      password: PASSWORD,
      locale: 'es',
      timeZone: 'Europe/Madrid',
    });
    expect(registered.status).toBe(201);

    const signedIn = await browser.signIn('alice@example.org', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toBeUndefined();
    // Hashed with scrypt (salt:key in hex), as in production, not with the tests' cheap hash.
    const stored = await server.sql.query(
      `SELECT a.password FROM account a JOIN "user" u ON u.id = a.user_id WHERE u.email = 'alice@example.org'`,
    );
    expect(stored.rows[0].password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    const setCookie = signedIn.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/session_token=.*HttpOnly/i);

    const me = await browser.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      name: 'Alice Tester',
      email: 'alice@example.org',
      role: 'member',
      locale: 'es',
      timeZone: 'Europe/Madrid',
      memberId: register.members.alice,
      twoFactorRequired: false,
    });
  });

  it('gets one generic refusal whether the number or the date of birth is wrong, and nothing is created', async () => {
    const browser = new Browser(server.url);
    const attempt = (membershipNumber: string, dateOfBirth: string, email: string) =>
      browser.post('/api/v1/member-registrations', {
        membershipNumber,
        dateOfBirth,
        email,
        password: PASSWORD,
      });
    const wrongDate = await attempt('M-3000-02', '1984-03-04', 'dario1@example.org');
    const wrongNumber = await attempt('M-9999-99', '1984-03-03', 'dario2@example.org');
    expect(wrongDate.status).toBe(422);
    expect(wrongNumber.status).toBe(422);
    expect(wrongDate.body.code).toBe('registration.membership_not_verified');
    expect(wrongNumber.body).toMatchObject({ code: wrongDate.body.code, title: wrongDate.body.title });
    expect(wrongDate.body.errors).toBeUndefined();
    const accounts = await server.sql.query(
      `SELECT count(*)::int AS n FROM "user" WHERE email LIKE 'dario%'`,
    );
    expect(accounts.rows[0].n).toBe(0);
  });

  it('cannot register the same member twice', async () => {
    await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
      'carmen@example.org',
    );
    const again = await new Browser(server.url).post('/api/v1/member-registrations', {
      membershipNumber: 'M-3000-01',
      dateOfBirth: '1985-10-01',
      email: 'carmen.other@example.org',
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('registration.already_registered');
  });

  it('cannot use Better Auth sign-up to skip the membership proof', async () => {
    const browser = new Browser(server.url);
    const attempt = await browser.post('/api/auth/sign-up/email', {
      email: 'intruder@example.org',
      password: PASSWORD,
      name: 'Intruder',
    });
    expect(attempt.status).toBeGreaterThanOrEqual(400);
    expect(attempt.headers.get('content-type')).toContain('application/problem+json');
    const accounts = await server.sql.query(
      `SELECT count(*)::int AS n FROM "user" WHERE email = 'intruder@example.org'`,
    );
    expect(accounts.rows[0].n).toBe(0);
  });
});

describe('staff sign in with two-factor', () => {
  it('a case manager needs the authenticator code before the session exists', async () => {
    const account = await givenStaff(server, 'case_manager');
    const browser = new Browser(server.url);
    const passwordOnly = await browser.signIn(account.email, account.password);
    expect(passwordOnly.status).toBe(200);
    expect(passwordOnly.body.twoFactorRedirect).toBe(true);
    expect((await browser.get('/api/v1/me')).status).toBe(401);

    const wrongCode = await browser.post('/api/auth/two-factor/verify-totp', { code: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.code).toBe('auth.two_factor_invalid_code');

    const full = await new Browser(server.url).signInWithTwoFactor(
      account.email,
      account.password,
      account.totpSecret,
    );
    expect(full.status).toBe(200);
  });

  it('a new staff member replaces the temporary password, then turns on two-factor, before anything else', async () => {
    const { browser: ops } = await givenStaffSignedIn(server, 'ops');
    const created = await ops.post('/api/v1/staff', {
      email: 'new.cm@staff.test',
      name: 'Dr New',
      role: 'case_manager',
      languages: ['en', 'fr'],
      timeZone: 'Europe/Paris',
      weeklyShifts: [{ day: 1, start: '09:00', end: '17:00' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const newcomer = new Browser(server.url);
    const signedIn = await newcomer.signIn('new.cm@staff.test', created.body.temporaryPassword);
    expect(signedIn.status).toBe(200);

    const me = await newcomer.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'case_manager',
      twoFactorEnabled: false,
      twoFactorRequired: true,
      passwordChangeRequired: true,
    });
    const beforeChange = await newcomer.get('/api/v1/cases');
    expect(beforeChange.status).toBe(403);
    expect(beforeChange.body.code).toBe('auth.password_change_required');

    const wrongCurrent = await newcomer.post('/api/v1/me/password', {
      currentPassword: 'not-the-temporary-one',
      newPassword: 'my-own-long-password-2026',
    });
    expect(wrongCurrent.status).toBe(401);
    expect(wrongCurrent.body.code).toBe('auth.invalid_credentials');
    const changed = await newcomer.post('/api/v1/me/password', {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'my-own-long-password-2026',
    });
    expect(changed.status).toBe(204);
    expect((await newcomer.get('/api/v1/me')).body.passwordChangeRequired).toBe(false);
    expect(
      (await new Browser(server.url).signIn('new.cm@staff.test', created.body.temporaryPassword)).status,
    ).toBe(401);

    const staffList = await newcomer.get('/api/v1/cases');
    expect(staffList.status).toBe(403);
    expect(staffList.body.code).toBe('auth.two_factor_required');
  });
});

describe('sessions end', () => {
  it('sign-out ends the session on the server, not just in the browser', async () => {
    const browser = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
      'fatima@example.org',
    );
    const stolenCopy = browser.clone();
    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);
    expect((await browser.get('/api/v1/me')).status).toBe(401);
    expect((await stolenCopy.get('/api/v1/me')).status).toBe(401);
  });

  it('a disabled account loses its session at once and cannot sign in again', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-5000-01', dateOfBirth: '1960-01-01' },
      'gustav@example.org',
    );
    const me = await member.get('/api/v1/me');
    const { browser: ops } = await givenStaffSignedIn(server, 'ops');
    expect((await ops.post(`/api/v1/accounts/${me.body.id}/disablement`)).status).toBe(204);

    const afterwards = await member.get('/api/v1/me');
    expect(afterwards.status).toBe(401);
    expect(afterwards.headers.get('content-type')).toContain('application/problem+json');
    const again = await new Browser(server.url).signIn('gustav@example.org', PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('auth.account_disabled');
  });
});

describe('a member keeps their profile up to date', () => {
  it('changes language and time zone, and a stale second tab gets a conflict with the current profile', async () => {
    const browser = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-02', dateOfBirth: '1984-03-03' },
      'dario@example.org',
    );
    const otherTab = browser.clone();
    const before = await browser.get('/api/v1/me');
    expect(before.body.version).toBe(1);

    const changed = await browser.patch('/api/v1/me', {
      locale: 'pt-br',
      timeZone: 'America/Sao_Paulo',
      country: 'BR',
      version: before.body.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      locale: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
      country: 'BR',
      version: 2,
    });

    const stale = await otherTab.patch('/api/v1/me', { locale: 'de', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current).toMatchObject({ locale: 'pt-BR', version: 2 });
    expect((await browser.get('/api/v1/me')).body.locale).toBe('pt-BR');
  });

  it('is told which field is wrong when the time zone, language or country does not exist', async () => {
    const browser = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-2000-01', dateOfBirth: '1975-06-15' },
      'bruno@example.org',
    );
    const refused = await browser.patch('/api/v1/me', {
      timeZone: 'Mars/Olympus_Mons',
      locale: 'not a language',
      country: 'XX',
      version: 1,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.country',
      'body.locale',
      'body.timeZone',
    ]);
    const unchanged = await browser.get('/api/v1/me');
    expect(unchanged.body).toMatchObject({ timeZone: 'Europe/Madrid', locale: 'es', version: 1 });
  });
});

describe('a member says how and when they like to be contacted', () => {
  let elena: Browser;
  beforeAll(async () => {
    elena = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-03', dateOfBirth: '2016-07-07' },
      'elena@example.org',
    );
  });

  it('has no preference at first, saves video on weekday evenings, and can clear it again', async () => {
    const before = await elena.get('/api/v1/me');
    expect(before.body.contactPreferences).toEqual({ channel: null, windows: [] });

    const saved = await elena.patch('/api/v1/me', {
      contactPreferences: {
        channel: 'video',
        windows: [
          { days: [1, 2, 3, 4, 5], from: '18:00', to: '20:30' },
          { days: [6], from: '10:00', to: '12:00' },
        ],
      },
      version: before.body.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.contactPreferences).toEqual({
      channel: 'video',
      windows: [
        { days: [1, 2, 3, 4, 5], from: '18:00', to: '20:30' },
        { days: [6], from: '10:00', to: '12:00' },
      ],
    });
    expect((await elena.get('/api/v1/me')).body.contactPreferences.channel).toBe('video');

    const languageOnly = await elena.patch('/api/v1/me', { locale: 'fr', version: saved.body.version });
    expect(languageOnly.body.contactPreferences.windows).toHaveLength(2);

    const cleared = await elena.patch('/api/v1/me', {
      contactPreferences: { channel: null, windows: [] },
      version: languageOnly.body.version,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.contactPreferences).toEqual({ channel: null, windows: [] });
  });

  it('is told which part is wrong: an unknown channel, a time that ends first, a day twice, a bad time', async () => {
    const current = (await elena.get('/api/v1/me')).body;
    const refused = await elena.patch('/api/v1/me', {
      contactPreferences: {
        channel: 'carrier_pigeon',
        windows: [
          { days: [1], from: '20:00', to: '18:00' },
          { days: [2, 2], from: '09:00', to: '10:00' },
          { days: [3], from: '07:00', to: '7pm' },
          { days: [7], from: '09:00', to: '10:00' },
        ],
      },
      version: current.version,
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('request.validation_failed');
    expect(refused.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.contactPreferences.channel',
      'body.contactPreferences.windows.0.to',
      'body.contactPreferences.windows.1.days',
      'body.contactPreferences.windows.2.to',
      'body.contactPreferences.windows.3.days.0',
    ]);
    expect((await elena.get('/api/v1/me')).body).toMatchObject({
      version: current.version,
      contactPreferences: current.contactPreferences,
    });
  });

  it('cannot send half the preferences, more than 14 time windows, or a field of its own', async () => {
    const { version } = (await elena.get('/api/v1/me')).body;
    const window = { days: [1], from: '09:00', to: '10:00' };
    for (const contactPreferences of [
      { channel: 'phone' },
      { channel: 'phone', windows: Array.from({ length: 15 }, () => window) },
      { channel: 'phone', windows: [], pager: '555-0100' },
    ]) {
      const refused = await elena.patch('/api/v1/me', { contactPreferences, version });
      expect(refused.status, JSON.stringify(contactPreferences)).toBe(400);
      expect(refused.body.code).toBe('request.validation_failed');
      expect(refused.body.errors[0].path).toMatch(/^body\.contactPreferences/);
    }
    expect((await elena.get('/api/v1/me')).body.version).toBe(version);
  });
});
