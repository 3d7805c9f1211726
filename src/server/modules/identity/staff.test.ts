import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
  runCli,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { freshTotpCode } from '../../../../test/support/totp.js';

const HOUR = 60 * 60 * 1000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let ops: { browser: Browser; account: StaffAccount };
let lucia: { browser: Browser; account: StaffAccount };
let backup: { browser: Browser; account: StaffAccount };

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  ops = await givenStaffSignedIn(server, 'ops');
  lucia = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Lucía Prieto',
    languages: ['en'],
    weeklyShifts: allWeek,
    maxOpenCases: 5,
  });
  backup = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Backup English',
    languages: ['en'],
    weeklyShifts: allWeek,
    maxOpenCases: 5,
  });
});
afterAll(async () => server?.close());

const auditActions = async (userId: string) =>
  (
    await server.sql.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [userId])
  ).rows.map((row) => row.action);

describe('operations manage staff', () => {
  it('read a case manager, then change their languages, shifts and capacity, each change versioned', async () => {
    const read = await ops.browser.get(`/api/v1/staff/${lucia.account.userId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      name: 'Lucía Prieto',
      languages: ['en'],
      maxOpenCases: 5,
      absences: [],
    });

    const changed = await ops.browser.patch(`/api/v1/staff/${lucia.account.userId}`, {
      version: read.body.version,
      languages: ['es', 'en'],
      weeklyShifts: [{ day: 1, start: '08:00', end: '16:00' }, ...allWeek],
      maxOpenCases: 12,
      timeZone: 'Europe/Madrid',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      languages: ['es', 'en'],
      maxOpenCases: 12,
      timeZone: 'Europe/Madrid',
      version: read.body.version + 1,
    });
    const listed = await ops.browser.get('/api/v1/staff?role=case_manager');
    expect(listed.body.items.find((row: { id: string }) => row.id === lucia.account.userId)).toMatchObject({
      languages: ['es', 'en'],
      maxOpenCases: 12,
    });
    expect(await auditActions(lucia.account.userId)).toContain('staff.updated');

    // Another operator, still on the first version, is told and given the current record.
    const stale = await ops.browser.patch(`/api/v1/staff/${lucia.account.userId}`, {
      version: read.body.version,
      maxOpenCases: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current.maxOpenCases).toBe(12);
  });

  it('refuse a bad change with the field named, and change nothing', async () => {
    const { body: before } = await ops.browser.get(`/api/v1/staff/${lucia.account.userId}`);
    const bad = await ops.browser.patch(`/api/v1/staff/${lucia.account.userId}`, {
      version: before.version,
      weeklyShifts: [{ day: 2, start: '18:00', end: '09:00' }],
      maxOpenCases: -1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.validation_failed');
    const paths = bad.body.errors.map((entry: { path: string }) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['body.maxOpenCases', 'body.weeklyShifts.0.end']));
    const empty = await ops.browser.patch(`/api/v1/staff/${lucia.account.userId}`, {
      version: before.version,
    });
    expect(empty.status).toBe(400);
    const { body: after } = await ops.browser.get(`/api/v1/staff/${lucia.account.userId}`);
    expect(after).toEqual(before);
  });

  it('put a case manager out of office: new cases go to a colleague, and back once it is removed', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'a@staff.test',
    );
    const ask = async () => {
      const submitted = await member.post('/api/v1/cases', {
        concern: 'Persistent headaches',
        diagnosisReceived: 'Migraine',
        questions: ['Is the medication right?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Madrid' },
      });
      expect(submitted.status).toBe(201);
      return submitted.body.caseManager.id as string;
    };
    const { body: before } = await ops.browser.get(`/api/v1/staff/${lucia.account.userId}`);
    const now = server.clock.now().getTime();

    const past = await ops.browser.post(`/api/v1/staff/${lucia.account.userId}/absences`, {
      version: before.version,
      startsAt: new Date(now - 48 * HOUR).toISOString(),
      endsAt: new Date(now - 24 * HOUR).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('staff.absence_already_ended');

    const away = await ops.browser.post(`/api/v1/staff/${lucia.account.userId}/absences`, {
      version: before.version,
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + 72 * HOUR).toISOString(),
      reason: 'Conference',
    });
    expect(away.status).toBe(201);
    expect(away.body.absences).toEqual([expect.objectContaining({ reason: 'Conference' })]);
    expect(away.body.version).toBe(before.version + 1);
    // Lucía speaks Spanish, but she is away: the case goes to a colleague (with an interpreter).
    expect(await ask()).toBe(backup.account.userId);

    const absenceId = away.body.absences[0].id;
    const staleRemoval = await ops.browser.delete(
      `/api/v1/staff/${lucia.account.userId}/absences/${absenceId}`,
      {
        version: before.version,
      },
    );
    expect(staleRemoval.status).toBe(409);
    const back = await ops.browser.delete(`/api/v1/staff/${lucia.account.userId}/absences/${absenceId}`, {
      version: away.body.version,
    });
    expect(back.status).toBe(200);
    expect(back.body.absences).toEqual([]);
    expect(await ask()).toBe(lucia.account.userId);
    expect(await auditActions(lucia.account.userId)).toEqual(
      expect.arrayContaining(['staff.absence_added', 'staff.absence_removed']),
    );
  });

  it('is for operations only: a case manager cannot read or change a colleague', async () => {
    const read = await lucia.browser.get(`/api/v1/staff/${backup.account.userId}`);
    expect(read.status).toBe(404);
    const write = await lucia.browser.patch(`/api/v1/staff/${backup.account.userId}`, {
      version: 1,
      maxOpenCases: 500,
    });
    expect(write.status).toBe(404);
    const { body } = await ops.browser.get(`/api/v1/staff/${backup.account.userId}`);
    expect(body.maxOpenCases).toBe(5);
  });
});

describe('operations reset the password of a staff member who lost it', () => {
  it('a new temporary password, shown once; their sessions end; they give their code, then choose their own', async () => {
    const fran = await givenStaffSignedIn(server, 'case_manager', { name: 'Fran Olvido' });
    const { email, totpSecret, userId } = fran.account;

    const reset = await ops.browser.post(`/api/v1/staff/${userId}/password-reset`);
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(reset.body)).toEqual(['temporaryPassword']);
    const temporaryPassword = reset.body.temporaryPassword as string;
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);

    // Every session of theirs has ended, and the old password no longer opens the account.
    expect((await fran.browser.get('/api/v1/me')).status).toBe(401);
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(401);

    // The temporary password alone is not enough: the second step stays on.
    const device = new Browser(server.url);
    const first = await device.signIn(email, temporaryPassword);
    expect(first.status).toBe(200);
    expect(first.body.twoFactorRedirect).toBe(true);
    expect((await device.get('/api/v1/me')).status).toBe(401);
    const code = await device.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(totpSecret),
    });
    expect(code.status).toBe(200);

    // Then nothing but choosing their own password.
    const me = await device.get('/api/v1/me');
    expect(me.body.passwordChangeRequired).toBe(true);
    const elsewhere = await device.get('/api/v1/staff');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('auth.password_change_required');
    const chosen = await device.post('/api/v1/me/password', {
      currentPassword: temporaryPassword,
      newPassword: 'fran-chose-her-own-2026',
    });
    expect(chosen.status).toBe(204);
    expect((await device.get('/api/v1/me')).body.passwordChangeRequired).toBe(false);

    expect(await auditActions(userId)).toContain('staff.password_reset');
  });

  it('only for staff, only by operations, never their own', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-02', dateOfBirth: '1984-03-03' },
      'dario.staff-reset@example.org',
    );
    const memberId = (await member.get('/api/v1/me')).body.id as string;
    for (const target of [memberId, ops.account.userId, '0190a5a8-7b1c-7d2e-8f3a-123456789abc']) {
      const refused = await ops.browser.post(`/api/v1/staff/${target}/password-reset`);
      expect(refused.status).toBe(404);
    }
    const byCaseManager = await lucia.browser.post(`/api/v1/staff/${backup.account.userId}/password-reset`);
    expect(byCaseManager.status).toBe(404);
    // Nobody's password changed.
    expect((await member.get('/api/v1/me')).status).toBe(200);
    expect((await new Browser(server.url).signIn('dario.staff-reset@example.org', PASSWORD)).status).toBe(
      200,
    );
    expect((await backup.browser.get('/api/v1/me')).status).toBe(200);
  });
});

describe('a new installation has no operations account yet: the operator creates the first from the command line', () => {
  it('the account, its temporary password printed once; they sign in, choose their own password and can manage staff', async () => {
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const created = await runCli(
      [
        'accounts',
        'staff',
        '--role',
        'ops',
        '--email',
        'Noor.Haddad@Insurer.test',
        '--name',
        'Noor Haddad',
        '--languages',
        'ar,en',
        '--time-zone',
        'Asia/Dubai',
      ],
      settings,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('ops account');
    const temporaryPassword = /temporary password .*: (\S+)$/m.exec(created.stdout)?.[1] as string;
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);

    const noor = new Browser(server.url);
    expect((await noor.signIn('noor.haddad@insurer.test', temporaryPassword)).status).toBe(200);
    const me = await noor.get('/api/v1/me');
    expect(me.body).toMatchObject({ role: 'ops', locale: 'ar', passwordChangeRequired: true });
    expect((await noor.get('/api/v1/staff')).body.code).toBe('auth.password_change_required');
    const chosen = await noor.post('/api/v1/me/password', {
      currentPassword: temporaryPassword,
      newPassword: 'noor-chose-her-own-2026',
    });
    expect(chosen.status).toBe(204);
    // Then the authenticator app, as for every staff account, and the console is theirs.
    expect((await noor.get('/api/v1/staff')).body.code).toBe('auth.two_factor_required');
    const enabled = await noor.post('/api/auth/two-factor/enable', { password: 'noor-chose-her-own-2026' });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    const secret = new URL(enabled.body.totpURI).searchParams.get('secret') as string;
    const verified = await noor.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(secret),
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const staff = await noor.get('/api/v1/staff');
    expect(staff.status, JSON.stringify(staff.body)).toBe(200);
  });

  it('a role that is not staff, a specialist (who needs their network record), a taken address: refused, exit 1, nothing created', async () => {
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const count = async () => Number((await server.sql.query('SELECT count(*) AS n FROM "user"')).rows[0].n);
    const before = await count();
    const staff = (args: string[]) =>
      runCli(
        ['accounts', 'staff', '--email', 'someone@insurer.test', '--name', 'Some One', ...args],
        settings,
      );
    const member = await staff(['--role', 'member']);
    expect(member.code).toBe(1);
    expect(member.stderr).toContain('--role');
    const specialist = await staff(['--role', 'specialist']);
    expect(specialist.code).toBe(1);
    const badLanguage = await staff(['--role', 'ops', '--languages', 'en,not a language']);
    expect(badLanguage.code).toBe(1);
    expect(badLanguage.stderr).toContain('languages.1');
    const taken = await runCli(
      ['accounts', 'staff', '--role', 'ops', '--email', ops.account.email, '--name', 'Again'],
      settings,
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`an account already has the address ${ops.account.email}`);
    expect(await count()).toBe(before);
  });
});
