import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  PASSWORD,
  givenAddressConfirmed,
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { freshTotpCode } from '../../../../test/support/totp.js';

/**
 * Two instances behind a load balancer, on one database. Each remembers the actor of the sessions
 * it served; whatever ends or changes a session on one instance takes effect on the other within a
 * second, because the database announces it (NOTIFY from a trigger) and every instance forgets.
 */
let a: TestServer;
let b: TestServer;

/** How long a change may take to reach the other instance. */
const WITHIN_A_SECOND = { timeout: 1_000, interval: 20 };

beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer(
    {
      AUTH_SECRET: a.runtime.config.authSecret,
      DOCUMENT_MASTER_KEY: a.runtime.config.documentMasterKey.toString('base64'),
    },
    { databaseUrl: a.databaseUrl },
  );
  await givenRegister(a);
});

afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** The same person's browser, its requests going to instance B (the same cookies). */
function throughB(browser: Browser) {
  const other = new Browser(b.url);
  return {
    get: (path: string) => other.get(path, { cookie: browser.cookieHeader() }),
  };
}

let memberCount = 0;
async function givenMember() {
  memberCount += 1;
  const email = `member${memberCount}@cache.test`;
  const membershipNumber = `M-9${String(memberCount).padStart(3, '0')}`;
  await givenPersonInRegister(a, {
    membershipNumber,
    givenName: 'Ana',
    familyName: `Cache${memberCount}`,
    dateOfBirth: '1980-02-29',
    country: 'ES',
    preferredLanguage: 'es',
  });
  const browser = await givenMemberSignedIn(
    a,
    { membershipNumber: `${membershipNumber}-01`, dateOfBirth: '1980-02-29' },
    email,
  );
  const me = await browser.get('/api/v1/me');
  return { browser, email, userId: me.body.id as string };
}

/** B has answered this person from the database once and now remembers their session. */
async function givenRememberedByB(browser: Browser, userId: string): Promise<void> {
  const onB = throughB(browser);
  await expect
    .poll(async () => {
      expect((await onB.get('/api/v1/me')).status).toBe(200);
      return b.runtime.actorCache.sessionsOf(userId);
    }, WITHIN_A_SECOND)
    .toBe(1);
  const before = b.runtime.actorCache.counts.hits;
  expect((await onB.get('/api/v1/me')).status).toBe(200);
  expect(b.runtime.actorCache.counts.hits).toBe(before + 1);
}

async function forgottenByB(userId: string): Promise<void> {
  await expect.poll(() => b.runtime.actorCache.sessionsOf(userId), WITHIN_A_SECOND).toBe(0);
}

describe('a session ends on one instance: the other refuses it within a second', () => {
  it('a member reading through B signs out through A: B refuses the next call', async () => {
    const { browser, userId } = await givenMember();
    await givenRememberedByB(browser, userId);
    const stolenCopy = browser.clone();

    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);

    await expect
      .poll(async () => (await throughB(stolenCopy).get('/api/v1/me')).status, WITHIN_A_SECOND)
      .toBe(401);
  });

  it('a member ends their other sessions from A (a lost phone): the phone’s session is refused on B', async () => {
    const { browser, email, userId } = await givenMember();
    const phone = new Browser(a.url);
    expect((await phone.signIn(email, PASSWORD)).status).toBe(200);
    await givenRememberedByB(phone, userId);

    expect((await browser.post('/api/auth/revoke-other-sessions')).status).toBe(200);

    await expect
      .poll(async () => (await throughB(phone).get('/api/v1/me')).status, WITHIN_A_SECOND)
      .toBe(401);
    expect((await throughB(browser).get('/api/v1/me')).status).toBe(200);
  });

  it('a member changes their password on A: their other session is refused on B', async () => {
    const { browser, email, userId } = await givenMember();
    const laptop = new Browser(a.url);
    expect((await laptop.signIn(email, PASSWORD)).status).toBe(200);
    await givenRememberedByB(laptop, userId);

    const changed = await browser.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'another-long-password-2026',
    });
    expect(changed.status).toBe(204);

    await expect
      .poll(async () => (await throughB(laptop).get('/api/v1/me')).status, WITHIN_A_SECOND)
      .toBe(401);
  });

  it('operations give a staff member a new temporary password on A: the old session is refused on B', async () => {
    const ops = await givenStaffSignedIn(a, 'ops');
    const manager = await givenStaffSignedIn(a, 'case_manager');
    await givenRememberedByB(manager.browser, manager.account.userId);

    const reset = await ops.browser.post(`/api/v1/staff/${manager.account.userId}/password-reset`);
    expect(reset.status).toBe(200);

    await expect
      .poll(async () => (await throughB(manager.browser).get('/api/v1/me')).status, WITHIN_A_SECOND)
      .toBe(401);
  });

  it('operations disable a staff account on A: its calls on B are refused within a second', async () => {
    const ops = await givenStaffSignedIn(a, 'ops');
    const manager = await givenStaffSignedIn(a, 'case_manager');
    await givenRememberedByB(manager.browser, manager.account.userId);

    const disabled = await ops.browser.post(`/api/v1/accounts/${manager.account.userId}/disablement`);
    expect(disabled.status).toBe(204);

    await expect
      .poll(
        async () => (await throughB(manager.browser).get('/api/v1/cases?assigned=me')).status,
        WITHIN_A_SECOND,
      )
      .toBe(401);
  });
});

describe('what an actor carries changes on one instance: the other answers with the change', () => {
  it('an operator makes a case manager an operations user: B grants the new rights at once', async () => {
    const manager = await givenStaffSignedIn(a, 'case_manager');
    const onB = throughB(manager.browser);
    await givenRememberedByB(manager.browser, manager.account.userId);
    expect((await onB.get('/api/v1/staff')).status).toBe(404);

    // There is no screen for a change of role: an operator makes it in the database.
    await a.sql.query(`UPDATE user_profile SET role = 'ops' WHERE user_id = $1`, [manager.account.userId]);

    await expect.poll(async () => (await onB.get('/api/v1/staff')).status, WITHIN_A_SECOND).toBe(200);
  });

  it('a member turns two-step sign-in on through A: B forgets the session it remembered', async () => {
    const { browser, userId } = await givenMember();
    await givenRememberedByB(browser, userId);

    const enabled = await browser.post('/api/auth/two-factor/enable', { password: PASSWORD });
    expect(enabled.status).toBe(200);
    const secret = new URL(enabled.body.totpURI as string).searchParams.get('secret')!;
    const confirmed = await browser.post('/api/auth/two-factor/verify-totp', {
      code: await freshTotpCode(secret),
    });
    expect(confirmed.status).toBe(200);

    await forgottenByB(userId);
    expect((await throughB(browser).get('/api/v1/me')).body.twoFactorEnabled).toBe(true);
  });

  it('a member changes their time zone on A: B forgets the actor it had', async () => {
    const { browser, userId } = await givenMember();
    await givenRememberedByB(browser, userId);
    const me = await browser.get('/api/v1/me');

    const changed = await browser.patch('/api/v1/me', { version: me.body.version, timeZone: 'America/Lima' });
    expect(changed.status).toBe(200);

    await forgottenByB(userId);
  });

  it('a member confirms their address: B forgets the actor it had', async () => {
    const { browser, email, userId } = await givenMember();
    await a.sql.query(`UPDATE "user" SET email_verified = false WHERE id = $1`, [userId]);
    await givenRememberedByB(browser, userId);

    await givenAddressConfirmed(a, email);

    await forgottenByB(userId);
  });

  it('operations change a staff member’s name and languages on A: B forgets the actor it had', async () => {
    const ops = await givenStaffSignedIn(a, 'ops');
    const manager = await givenStaffSignedIn(a, 'case_manager');
    await givenRememberedByB(manager.browser, manager.account.userId);
    const staff = await ops.browser.get(`/api/v1/staff/${manager.account.userId}`);

    const renamed = await ops.browser.patch(`/api/v1/staff/${manager.account.userId}`, {
      version: staff.body.version,
      name: 'Renamed Manager',
      languages: ['en', 'fr'],
    });
    expect(renamed.status).toBe(200);

    await forgottenByB(manager.account.userId);
  });

  it('a staff member is created on A while others are remembered on B: nobody else is forgotten', async () => {
    const { browser, userId } = await givenMember();
    await givenRememberedByB(browser, userId);

    await givenStaff(a, 'case_manager');

    // The staff account's creation was announced (its staff profile); this member's session stays.
    expect(b.runtime.actorCache.sessionsOf(userId)).toBe(1);
  });
});

describe('the instance stops hearing the database', () => {
  it('B’s listening connection is cut: B forgets everything and asks the database until it listens again', async () => {
    const { browser, userId } = await givenMember();
    await givenRememberedByB(browser, userId);
    const cache = b.runtime.actorCache;
    const listener = cache.listenerPid;
    expect(listener).toBeTypeOf('number');

    const sameCookies = browser.clone();
    await a.sql.query('SELECT pg_terminate_backend($1)', [listener]);
    // A sign-out while B may not be listening: B must not answer from what it remembered.
    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);

    await expect
      .poll(async () => (await throughB(sameCookies).get('/api/v1/me')).status, WITHIN_A_SECOND)
      .toBe(401);
    expect(cache.sessionsOf(userId)).toBe(0);

    // Listening again (a new connection), B remembers sessions again.
    await expect.poll(() => cache.serving, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(cache.listenerPid).not.toBe(listener);
    const back = await givenMember();
    await givenRememberedByB(back.browser, back.userId);
  });
});
