import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { Browser } from '../../../../test/support/client.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * A session is an HttpOnly cookie that scripts never read. No answer of the sign-in routes may
 * carry a session token in its body, lists included: with one, a script could end the member's
 * other sessions, or be them.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
});
afterAll(async () => server?.close());

const tokenIn = (body: unknown): boolean => JSON.stringify(body ?? null).includes('"token"');

describe('session tokens stay in cookies', () => {
  it('signing in, reading the session and listing every session of the account show no token', async () => {
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'tokens@x.test',
    );
    const phone = new Browser(server.url);
    const signedIn = await phone.signIn('tokens@x.test', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(tokenIn(signedIn.body)).toBe(false);

    const session = await member.get('/api/auth/get-session');
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe('tokens@x.test');
    expect(tokenIn(session.body)).toBe(false);

    const sessions = await member.get('/api/auth/list-sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body).toHaveLength(2);
    expect(tokenIn(sessions.body)).toBe(false);
    const stored = await server.sql.query<{ token: string }>('SELECT token FROM session');
    for (const { token } of stored.rows) expect(JSON.stringify(sessions.body)).not.toContain(token);
  });
});
