import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { PASSWORD, givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * Someone types wrong passwords for a member's e-mail address, from many client addresses (so the
 * limit per client address does not stop them). After five, each further attempt for that address
 * waits, longer and longer; the member, on the phone they signed in on before, gets straight in,
 * and so does anyone with the right password once the wait is over.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
});
afterAll(async () => server?.close());

const WRONG = 'not-the-password-at-all';

async function failFiveTimes(attacker: Browser, email: string) {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const wrong = await attacker.signIn(email, WRONG);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
  }
}

describe('an attacker guessing a member’s password', () => {
  it('is slowed down after five failures, without keeping the member out', async () => {
    const email = 'alice.guessed@example.org';
    const phone = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      email,
    );
    const attacker = new Browser(server.url);
    await failFiveTimes(attacker, email);

    // The sixth attempt waits, whatever password it brings.
    const slowed = await attacker.signIn(email, WRONG);
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('auth.rate_limited');
    expect(slowed.headers.get('retry-after')).toBe('30');
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(429);

    // The member's phone, which signed in before, is not made to wait.
    const fromPhone = await phone.signIn(email, PASSWORD);
    expect(fromPhone.status).toBe(200);

    // The count started again with the member's sign-in: the attacker starts from nothing.
    await failFiveTimes(attacker, email);
    expect((await attacker.signIn(email, WRONG)).status).toBe(429);

    // Once the wait is over an attempt goes through; another failure doubles the wait.
    server.clock.advance(31_000);
    expect((await attacker.signIn(email, WRONG)).status).toBe(401);
    const longer = await attacker.signIn(email, WRONG);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('60');

    // After the wait, the right password works from a device never seen before.
    server.clock.advance(61_000);
    const newLaptop = new Browser(server.url);
    expect((await newLaptop.signIn(email, PASSWORD)).status).toBe(200);
    expect((await newLaptop.get('/api/v1/me')).status).toBe(200);
  });

  it('an address without an account is slowed down alike, and no address is stored', async () => {
    const attacker = new Browser(server.url);
    await failFiveTimes(attacker, 'nobody.here@example.org');
    const slowed = await attacker.signIn('nobody.here@example.org', WRONG);
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('30');

    const keys = (await server.sql.query(`SELECT key FROM sign_in_throttle`)).rows.map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/@|example/);
  });
});
