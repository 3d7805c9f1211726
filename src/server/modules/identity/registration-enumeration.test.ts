import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { PASSWORD, givenRegister, givenStaff } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * Sign-up must not tell anyone which e-mail addresses have an account: with a valid membership
 * proof, an address already taken (a staff member's included) gets the answer of a success, and
 * the address's owner is told by e-mail.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
});
afterAll(async () => server?.close());

describe('sign-up says nothing about who has an account', () => {
  it('an e-mail address that already has an account gets the answer of a success, and its owner an e-mail', async () => {
    const { email: staffEmail, userId: staffId } = await givenStaff(server, 'ops');
    const accountsBefore = (await server.sql.query('SELECT count(*)::int AS n FROM "user"')).rows[0].n;
    // A member's own proof, with a staff member's address: the answer of a success.
    const taken = await new Browser(server.url).post('/api/v1/member-registrations', {
      membershipNumber: 'M-5000-01',
      dateOfBirth: '1960-01-01',
      email: staffEmail,
      password: PASSWORD,
    });
    expect(taken.status).toBe(201);
    expect(Object.keys(taken.body)).toEqual(['userId']);
    expect(taken.body.userId).not.toBe(staffId);

    const accountsAfter = (await server.sql.query('SELECT count(*)::int AS n FROM "user"')).rows[0].n;
    expect(accountsAfter).toBe(accountsBefore);
    const told = await server.sql.query(
      `SELECT template, params FROM notification_outbox WHERE recipient_user_id = $1`,
      [staffId],
    );
    expect(told.rows).toContainEqual({ template: 'account.sign_up_attempted', params: {} });
  });
});
