import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRateLimitWindows } from '../../src/server/platform/http/rate-limit.js';
import { Browser } from '../support/client.js';
import { givenStaffSignedIn } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Two instances behind a load balancer, on one database: the API's rate limit is counted in the
 * database, so a client gets the limit once in all, not once per instance. The load balancer says
 * who the client is (`X-Forwarded-For`, trusted), so each story calls from an address of its own.
 */
const LIMIT = 8;
const settings = { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' };

let first: TestServer;
let second: TestServer;
/** A case manager, signed in once (signing in is counted too, from the address of the test). */
let caseManager: Browser;

beforeAll(async () => {
  first = await startTestServer(settings);
  // The same deployment: the same database and secrets.
  second = await startTestServer(
    {
      ...settings,
      AUTH_SECRET: first.runtime.config.authSecret,
      DOCUMENT_MASTER_KEY: first.runtime.config.documentMasterKey.toString('base64'),
    },
    { databaseUrl: first.databaseUrl },
  );
  caseManager = (await givenStaffSignedIn(first, 'case_manager')).browser;
});

afterAll(async () => {
  await second?.close();
  await first?.close();
});

/** The same person, through the other instance: the session lives in the database. */
function through(server: TestServer, client: string) {
  return (path: string) =>
    new Browser(server.url).get(path, { cookie: caseManager.cookieHeader(), 'x-forwarded-for': client });
}

describe('the API rate limit across two instances', () => {
  it('the case manager whose calls alternate between the instances gets the limit once, and the next call is refused by either', async () => {
    const client = '203.0.113.10';
    const onFirst = through(first, client);
    const onSecond = through(second, client);

    const opening = await onFirst('/api/v1/me');
    expect(opening.status).toBe(200);
    expect(opening.headers.get('ratelimit-limit')).toBe(String(LIMIT));
    expect(opening.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));

    const rest = [];
    for (let call = 1; call < LIMIT; call += 1)
      rest.push(await (call % 2 === 1 ? onSecond : onFirst)('/api/v1/me'));
    expect(rest.map((reply) => reply.status)).toEqual(Array(LIMIT - 1).fill(200));
    expect(rest.at(-1)?.headers.get('ratelimit-remaining')).toBe('0');

    for (const refused of [await onSecond('/api/v1/me'), await onFirst('/api/v1/me')]) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('request.rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('forty calls at once, twenty through each instance: exactly the limit is let through', async () => {
    const client = '203.0.113.20';
    const callers = [through(first, client), through(second, client)];
    const replies = await Promise.all(Array.from({ length: 40 }, (_, n) => callers[n % 2]!('/api/v1/me')));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - LIMIT);
  });

  it('another client is counted apart, and a window that ended is swept away', async () => {
    expect((await through(second, '203.0.113.30')('/api/v1/me')).status).toBe(200);

    // The windows end a minute after they open; the sweep removes those that ended, and only them.
    await first.sql.query(
      `UPDATE api_rate_limit SET window_ends_at = now() - interval '1 second' WHERE key = '203.0.113.10'`,
    );
    expect(await sweepRateLimitWindows(first.runtime.pool)).toBe(1);
    const { rows } = await first.sql.query<{ key: string }>(`SELECT key FROM api_rate_limit ORDER BY key`);
    expect(rows.map((row) => row.key)).not.toContain('203.0.113.10');
    expect(rows.map((row) => row.key)).toContain('203.0.113.30');
  });
});
