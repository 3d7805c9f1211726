import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { openSse } from '../../../../test/support/sse.js';

/**
 * Prometheus scrapes `/metrics` with the operators' token; everyone else finds nothing there. What
 * it reads: requests by route template, the database pool, the job queues, the e-mail outbox, the
 * 24-hour clocks, the open live streams and uploads.
 */
const token = randomBytes(24).toString('hex');
let server: TestServer;
let withoutToken: TestServer;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: token });
  withoutToken = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await withoutToken?.close();
});

async function scrape(target: TestServer, authorization?: string) {
  return fetch(`${target.url}/metrics`, { headers: authorization ? { authorization } : {} });
}

/** The value of one sample of the exposition text, by its name and labels as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the metrics address', () => {
  it('answers 404 to anyone without the token, and to everyone when no token is set', async () => {
    for (const [target, authorization] of [
      [server, undefined],
      [server, 'Bearer not-the-token-at-all'],
      [server, token],
      [withoutToken, `Bearer ${token}`],
      [withoutToken, undefined],
    ] as const) {
      const answer = await scrape(target, authorization);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(((await answer.json()) as { code: string }).code).toBe('route.not_found');
    }
  });

  it('tells the operators what the service is doing, by route template, queue and standing', async () => {
    await givenRegister(server);
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'metrics@members.test',
    );
    const submitted = await member.post('/api/v1/cases', {
      concern: 'A question for the specialists',
      diagnosisReceived: 'Something the doctor said',
      questions: ['What should I do?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    });
    expect(submitted.status).toBe(201);
    const caseId: string = submitted.body.id;
    expect((await member.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await new Browser(server.url).get('/api/v1/no-such-address')).status).toBe(404);
    const stream = await openSse(member, `/api/v1/cases/${caseId}/stream`);
    expect(stream.status).toBe(200);

    // Two minutes on, nobody has sent the e-mails yet (no workers in this story).
    server.clock.advance(2 * 60_000);
    const answer = await scrape(server, `Bearer ${token}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    const text = await answer.text();

    const requests = (route: string, method: string, statusClass: string) =>
      sample(
        text,
        `consilium_http_request_duration_seconds_count{method="${method}",route="${route}",status_class="${statusClass}"}`,
      );
    expect(requests('/api/v1/cases', 'POST', '2xx')).toBe(1);
    expect(requests('/api/v1/cases/:id', 'GET', '2xx')).toBe(1);
    expect(requests('unmatched', 'GET', '4xx')).toBe(1);
    expect(text).not.toContain(caseId);

    expect(sample(text, 'consilium_live_streams_open')).toBe(1);
    expect(sample(text, 'consilium_uploads_in_flight')).toBe(0);
    expect(sample(text, 'consilium_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(sample(text, 'consilium_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(text, 'consilium_first_contact_cases{standing="on_track"}')).toBe(1);
    expect(sample(text, 'consilium_first_contact_cases{standing="breached"}')).toBe(0);
    expect(sample(text, 'consilium_sla_clocks_due')).toBe(0);
    expect(sample(text, 'consilium_outbox_notifications{state="due"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'consilium_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(sample(text, 'consilium_job_queue_jobs{queue="rate-limit.sweep",state="ready"}')).toBe(0);
    expect(sample(text, 'consilium_process_resident_memory_bytes')).toBeGreaterThan(0);

    // A day later the first contact is overdue, and the clocks wait for the sweep.
    server.clock.advance(25 * 3_600_000);
    stream.close();
    await stream.ended;
    const later = await (await scrape(server, `Bearer ${token}`)).text();
    expect(sample(later, 'consilium_first_contact_cases{standing="breached"}')).toBe(1);
    expect(sample(later, 'consilium_sla_clocks_due')).toBe(3);
    await expect
      .poll(async () =>
        sample(await (await scrape(server, `Bearer ${token}`)).text(), 'consilium_live_streams_open'),
      )
      .toBe(0);
  });
});
