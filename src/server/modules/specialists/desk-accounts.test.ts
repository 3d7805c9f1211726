import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { csvHeader, csvRow } from '../../../../test/support/specialists.js';
import { freshTotpCode } from '../../../../test/support/totp.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let ops: { browser: Browser; account: StaffAccount };
let manager: { browser: Browser; account: StaffAccount };
let alice: Browser;
/** The network records imported at the start, by name. */
const records = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  ops = await givenStaffSignedIn(server, 'ops');
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@desk-accounts.test',
  );
  const file = [
    csvHeader,
    csvRow(),
    csvRow({
      name: 'Bruno Lima',
      country: 'PT',
      city: 'Porto',
      licence_country: 'PT',
      licence_number: 'OM-1',
      languages: 'pt;en',
    }),
    csvRow({
      name: 'Chen Wei',
      country: 'DE',
      city: 'Berlin',
      licence_country: 'DE',
      licence_number: 'DE-77',
      languages: 'ko;zh;en',
    }),
    csvRow({
      name: 'Dora Klein',
      country: 'AT',
      city: 'Vienna',
      licence_country: 'AT',
      licence_number: 'AT-5',
      languages: 'de',
    }),
  ].join('\n');
  const imported = await ops.browser.request('POST', '/api/v1/specialist-imports', {
    body: Buffer.from(file),
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const listed = await ops.browser.get('/api/v1/specialists?limit=10');
  for (const item of listed.body.items) records.set(item.name, item.id);
});
afterAll(async () => server?.close());

const count = async (sql: string, params: unknown[] = []) =>
  (await server.sql.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n as number;

const auditActions = async (entityId: string) =>
  (
    await server.sql.query(`SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [
      entityId,
    ])
  ).rows as { action: string; details: Record<string, unknown> }[];

/** A member asks for an opinion and agrees to share every record; the case manager reaches them. */
async function contactedCaseWithConsent() {
  const submitted = await alice.post('/api/v1/cases', {
    concern: 'My chest pain was put down to stress.',
    diagnosisReceived: 'Anxiety',
    questions: ['Could it be my heart?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Madrid' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const contacted = await manager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');
  expect(
    (await alice.post(`/api/v1/cases/${submitted.body.id}/sharing-consents`, { scope: 'all' })).status,
  ).toBe(201);
  return contacted.body as { id: string; number: string; version: number };
}

const askForReview = async (kase: { id: string; version: number }, specialistId: string) =>
  manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
    version: kase.version,
    summary: 'Atypical chest pain, a second look at the cardiac work-up.',
    specialistIds: [specialistId],
  });

describe('operations give a specialist of the network a desk account', () => {
  it('find the record by name or licence, create the account for it, and it is linked, audited and welcomed in their language', async () => {
    const byName = await ops.browser.get(`/api/v1/specialists?search=${encodeURIComponent('torrés')}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((item: { name: string }) => item.name)).toEqual(['Ana Torres']);
    const byLicence = await ops.browser.get(`/api/v1/specialists?search=${encodeURIComponent('08/12345')}`);
    expect(byLicence.body.items.map((item: { id: string }) => item.id)).toEqual([records.get('Ana Torres')]);
    expect((await ops.browser.get('/api/v1/specialists?search=nobody')).body.items).toEqual([]);

    const specialistId = records.get('Ana Torres') as string;
    const created = await ops.browser.post('/api/v1/staff', {
      email: 'Ana.Torres@Clinic.test',
      name: 'Dra. Ana Torres',
      role: 'specialist',
      specialistId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { userId } = created.body;

    const record = await ops.browser.get(`/api/v1/specialists/${specialistId}`);
    expect(record.body.userId).toBe(userId);
    const staff = await ops.browser.get(`/api/v1/staff/${userId}`);
    // The record's languages, since none were given.
    expect(staff.body).toMatchObject({ role: 'specialist', languages: ['es', 'ca', 'en'] });
    const profile = await server.sql.query('SELECT locale, country FROM user_profile WHERE user_id = $1', [
      userId,
    ]);
    expect(profile.rows[0]).toEqual({ locale: 'es', country: 'ES' });
    expect(
      await count(`notification_outbox WHERE template = 'account.staff_welcome' AND recipient_user_id = $1`, [
        userId,
      ]),
    ).toBe(1);
    expect(await auditActions(userId)).toContainEqual({
      action: 'staff.created',
      details: { role: 'specialist', specialistId },
    });
    expect(await auditActions(specialistId)).toContainEqual({
      action: 'specialist.desk_account_linked',
      details: { userId },
    });

    // A specialist whose languages the product does not speak first: the first one it does.
    const chen = await ops.browser.post('/api/v1/staff', {
      email: 'chen.wei@charite.test',
      name: 'Chen Wei',
      role: 'specialist',
      specialistId: records.get('Chen Wei'),
    });
    expect(chen.status).toBe(201);
    const chenProfile = await server.sql.query('SELECT locale FROM user_profile WHERE user_id = $1', [
      chen.body.userId,
    ]);
    expect(chenProfile.rows[0].locale).toBe('zh-CN');
  });

  it('the specialist signs in, replaces the temporary password, turns on two-factor, and sees the review the case manager offers them', async () => {
    const specialistId = records.get('Ana Torres') as string;
    const { body: created } = await ops.browser.post('/api/v1/staff', {
      email: 'ana.second@clinic.test',
      name: 'Ana Torres',
      role: 'specialist',
      specialistId,
    });
    // The record is taken by the account of the first story; this one uses Bruno's.
    expect(created.code).toBe('staff.specialist_already_linked');
    const bruno = await ops.browser.post('/api/v1/staff', {
      email: 'bruno.lima@porto.test',
      name: 'Dr Bruno Lima',
      role: 'specialist',
      specialistId: records.get('Bruno Lima'),
    });
    expect(bruno.status).toBe(201);

    const desk = new Browser(server.url);
    expect((await desk.signIn('bruno.lima@porto.test', bruno.body.temporaryPassword)).status).toBe(200);
    const me = await desk.get('/api/v1/me');
    expect(me.body).toMatchObject({ role: 'specialist', locale: 'pt', passwordChangeRequired: true });
    const tooSoon = await desk.get('/api/v1/desk/offers');
    expect(tooSoon.status).toBe(403);
    expect(tooSoon.body.code).toBe('auth.password_change_required');

    const password = 'bruno-own-long-password-2026';
    const changed = await desk.post('/api/v1/me/password', {
      currentPassword: bruno.body.temporaryPassword,
      newPassword: password,
    });
    expect(changed.status).toBe(204);
    const withoutTwoFactor = await desk.get('/api/v1/desk/offers');
    expect(withoutTwoFactor.status).toBe(403);
    expect(withoutTwoFactor.body.code).toBe('auth.two_factor_required');
    const enabled = await desk.post('/api/auth/two-factor/enable', { password });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    const secret = new URL(enabled.body.totpURI).searchParams.get('secret') as string;
    const verified = await desk.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(secret),
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const empty = await desk.get('/api/v1/desk/offers');
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);

    const kase = await contactedCaseWithConsent();
    const asked = await askForReview(kase, records.get('Bruno Lima') as string);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);

    const offers = await desk.get('/api/v1/desk/offers');
    expect(offers.body.items).toEqual([
      expect.objectContaining({ caseNumber: kase.number, status: 'offered', questionCount: 1 }),
    ]);

    // A new sign-in asks for the new password and the authenticator's code.
    const again = new Browser(server.url);
    expect((await again.signInWithTwoFactor('bruno.lima@porto.test', password, secret)).status).toBe(200);
    expect((await again.get('/api/v1/desk/offers')).body.items).toHaveLength(1);
  });

  it('is refused, with nothing written, for a specialist without a record, an unknown or taken record, or an e-mail in use', async () => {
    const users = await count('"user"');
    const free = uuidv7();
    const without = await ops.browser.post('/api/v1/staff', {
      email: 'no.record@network.test',
      name: 'Dr No Record',
      role: 'specialist',
    });
    expect(without.status).toBe(400);
    expect(without.body.code).toBe('request.validation_failed');
    expect(without.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.specialistId']);

    const onCaseManager = await ops.browser.post('/api/v1/staff', {
      email: 'cm.record@network.test',
      name: 'A case manager',
      role: 'case_manager',
      specialistId: records.get('Bruno Lima'),
    });
    expect(onCaseManager.status).toBe(400);
    expect(onCaseManager.body.errors[0].path).toBe('body.specialistId');

    const unknown = await ops.browser.post('/api/v1/staff', {
      email: 'unknown.record@network.test',
      name: 'Dr Unknown',
      role: 'specialist',
      specialistId: free,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resource.not_found');

    const taken = await ops.browser.post('/api/v1/staff', {
      email: 'another.bruno@porto.test',
      name: 'Bruno Lima',
      role: 'specialist',
      specialistId: records.get('Bruno Lima'),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('staff.specialist_already_linked');

    // A free record, but the e-mail belongs to the case manager already.
    const doraId = records.get('Dora Klein') as string;
    const emailInUse = await ops.browser.post('/api/v1/staff', {
      email: manager.account.email,
      name: 'Dora Klein',
      role: 'specialist',
      specialistId: doraId,
    });
    expect(emailInUse.status).toBe(409);
    expect(emailInUse.body.code).toBe('staff.email_taken');
    expect((await ops.browser.get(`/api/v1/specialists/${doraId}`)).body.userId).toBeNull();

    const notOps = await manager.browser.post('/api/v1/staff', {
      email: 'by.manager@network.test',
      name: 'Dora Klein',
      role: 'specialist',
      specialistId: doraId,
    });
    expect(notOps.status).toBe(404);
    expect(await count('"user"')).toBe(users);
  });

  it('from the command line: the same account, its temporary password printed once; refusals exit 1', async () => {
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const doraId = records.get('Dora Klein') as string;
    const account = (args: string[]) => runCli(['specialists', 'account', ...args], settings);
    const unknown = await account([uuidv7(), '--email', 'dora@wien.test', '--name', 'Dr. Dora Klein']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no specialist of the network has the id');
    const created = await account([doraId, '--email', 'Dora@Wien.test', '--name', 'Dr. Dora Klein']);
    expect(created.code, created.stderr).toBe(0);
    const password = /temporary password .*: (\S+)$/m.exec(created.stdout)?.[1] as string;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const { body: record } = await ops.browser.get(`/api/v1/specialists/${doraId}`);
    const profile = await server.sql.query('SELECT locale FROM user_profile WHERE user_id = $1', [
      record.userId,
    ]);
    expect(profile.rows[0].locale).toBe('de');
    expect((await new Browser(server.url).signIn('dora@wien.test', password)).status).toBe(200);
    const again = await account([doraId, '--email', 'dora.two@wien.test', '--name', 'Dr. Dora Klein']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a desk account');
  }, 120_000);

  it('a specialist who leaves is disabled: no review is offered to them until they are reinstated', async () => {
    const specialistId = records.get('Ana Torres') as string;
    const { body: record } = await ops.browser.get(`/api/v1/specialists/${specialistId}`);
    expect((await ops.browser.post(`/api/v1/accounts/${record.userId}/disablement`)).status).toBe(204);
    // The record keeps its account (their past reviews stay theirs), but the account cannot be offered one.
    expect((await ops.browser.get(`/api/v1/specialists/${specialistId}`)).body.userId).toBe(record.userId);
    const kase = await contactedCaseWithConsent();
    const refused = await askForReview(kase, specialistId);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('review.specialist_unknown');

    expect((await ops.browser.post(`/api/v1/accounts/${record.userId}/reinstatement`)).status).toBe(204);
    const asked = await askForReview(kase, specialistId);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  });
});
