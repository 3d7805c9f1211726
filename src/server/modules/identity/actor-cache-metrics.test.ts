import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { givenStaffSignedIn } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * An operator reads on `/metrics` how the actor cache of an instance does (decision 0019): calls
 * answered from memory or from the database, sessions pushed out when it is full, what it forgot on
 * a change, and whether its listening connection is there. The cache holds two sessions here.
 */
const token = randomBytes(24).toString('hex');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: token, ACTOR_CACHE_SIZE: '2' });
});
afterAll(async () => {
  await server?.close();
});

async function scrape(): Promise<string> {
  const answer = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status).toBe(200);
  return answer.text();
}

/** The value of one sample of the exposition text, by its name and labels as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A case manager signed in: their browser and account id. */
async function givenSignedIn(): Promise<{ browser: Browser; userId: string }> {
  const { browser, account } = await givenStaffSignedIn(server, 'case_manager');
  return { browser, userId: account.userId };
}

/** Their calls until the instance remembers their session (it does once it listens). */
async function givenRemembered(person: { browser: Browser; userId: string }): Promise<void> {
  await expect
    .poll(async () => {
      expect((await person.browser.get('/api/v1/me')).status).toBe(200);
      return server.runtime.actorCache.sessionsOf(person.userId);
    })
    .toBe(1);
}

describe('the actor cache on /metrics', () => {
  it('counts hits and misses, a session pushed out, an account forgotten, and shows the listening connection', async () => {
    // The instance connects to listen as it starts: until then it answers from the database only.
    await expect.poll(async () => sample(await scrape(), 'consilium_actor_cache_listener_connected')).toBe(1);
    const before = await scrape();
    expect(sample(before, 'consilium_actor_cache_listener_heartbeat_age_seconds')).toBeGreaterThanOrEqual(0);
    const missesBefore = sample(before, 'consilium_actor_cache_lookups_total{result="miss"}') ?? 0;
    const hitsBefore = sample(before, 'consilium_actor_cache_lookups_total{result="hit"}') ?? 0;
    const forgottenBefore = sample(before, 'consilium_actor_cache_invalidations_total{scope="account"}') ?? 0;
    const pushedOutBefore = sample(before, 'consilium_actor_cache_evictions_total') ?? 0;

    const ana = await givenSignedIn();
    await givenRemembered(ana);
    for (let call = 0; call < 3; call += 1) expect((await ana.browser.get('/api/v1/me')).status).toBe(200);
    const afterAna = await scrape();
    expect(sample(afterAna, 'consilium_actor_cache_lookups_total{result="hit"}')).toBeGreaterThanOrEqual(
      hitsBefore + 3,
    );
    expect(sample(afterAna, 'consilium_actor_cache_lookups_total{result="miss"}')).toBeGreaterThan(
      missesBefore,
    );

    // Two more people fill the cache past its two sessions: the least recently used goes.
    const bea = await givenSignedIn();
    await givenRemembered(bea);
    const carla = await givenSignedIn();
    await givenRemembered(carla);
    const full = await scrape();
    expect(sample(full, 'consilium_actor_cache_sessions')).toBe(2);
    expect(sample(full, 'consilium_actor_cache_evictions_total')).toBe(pushedOutBefore + 1);

    // Carla signs out: her account's sessions are forgotten.
    expect((await carla.browser.post('/api/auth/sign-out')).status).toBe(200);
    const signedOut = await scrape();
    expect(sample(signedOut, 'consilium_actor_cache_invalidations_total{scope="account"}')).toBeGreaterThan(
      forgottenBefore,
    );
    expect(server.runtime.actorCache.sessionsOf(carla.userId)).toBe(0);
  });
});
