import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { PASSWORD, givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { loadConfig } from '../../config.js';

/**
 * Which pages may write: the address users reach (PUBLIC_URL), and on a developer's machine the
 * other spellings of the same loopback address, so that the address the start-up banner prints
 * and the one a newcomer types both sign in. Nothing else.
 */
const secrets = {
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  SMTP_URL: 'smtp://relay.example:587',
};

describe('the origins whose pages may write', () => {
  it('by default the public URL is localhost, and 127.0.0.1 and [::1] on the same port are accepted too', () => {
    const config = loadConfig({ ...secrets });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.allowedOrigins).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
  });

  it('in production, or behind a real address, only the public URL', () => {
    expect(
      loadConfig({
        ...secrets,
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://localhost:3000',
        ALLOW_EMBEDDED_DATABASE: 'true',
      }).allowedOrigins,
    ).toEqual(['http://localhost:3000']);
    expect(loadConfig({ ...secrets, PUBLIC_URL: 'https://smo.example.org/' }).allowedOrigins).toEqual([
      'https://smo.example.org',
    ]);
  });
});

describe('signing in at either spelling of the machine', () => {
  let server: TestServer;
  let other: string;

  beforeAll(async () => {
    // The test server's public URL is http://127.0.0.1:<port>; `localhost` is the other spelling.
    server = await startTestServer();
    other = server.url.replace('127.0.0.1', 'localhost');
    await givenRegister(server);
    await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'ana@x.test',
    );
  });
  afterAll(async () => server?.close());

  it('a member who opened localhost while the public URL says 127.0.0.1 signs in and writes', async () => {
    const member = new Browser(other);
    expect((await member.signIn('ana@x.test', PASSWORD)).status).toBe(200);
    const me = await member.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect((await member.patch('/api/v1/me', { name: 'Ana', version: me.body.version })).status).toBe(200);
  });

  it('a page of another site cannot sign in, even with the right password', async () => {
    const elsewhere = new Browser(server.url);
    const reply = await elsewhere.request('POST', '/api/auth/sign-in/email', {
      json: { email: 'ana@x.test', password: PASSWORD },
      headers: { origin: 'http://localhost:1' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('request.origin_not_allowed');
    expect(elsewhere.hasSessionCookie()).toBe(false);
  });
});
