import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type Reply } from '../../../../test/support/client.js';
import { PASSWORD, givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../errors.js';
import { problemOf } from './problem.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
});
afterAll(async () => server?.close());

/** What a rejected request must leave behind: exactly what was there before. */
async function rowCounts(target: TestServer) {
  const result = await target.sql.query<{ users: number; profiles: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM "user") AS users,
            (SELECT count(*)::int FROM user_profile) AS profiles,
            (SELECT count(*)::int FROM audit_event) AS events`,
  );
  return result.rows[0];
}

function expectProblem(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body).toMatchObject({ status, code, type: `urn:consilium:problem:${code}` });
  expect(typeof reply.body.title).toBe('string');
}

const registration = {
  membershipNumber: 'M-1000-01',
  dateOfBirth: '1980-02-29',
  email: 'alice@example.org',
  password: PASSWORD,
};

describe('bad input gets a clear error and changes nothing', () => {
  it('a body that is not JSON is refused as malformed', async () => {
    const before = await rowCounts(server);
    const reply = await new Browser(server.url).request('POST', '/api/v1/member-registrations', {
      raw: '{"membershipNumber": "M-1000-01", "dateOfBirth": ',
    });
    expectProblem(reply, 400, 'request.malformed_json');
    expect(await rowCounts(server)).toEqual(before);
  });

  it('a field the API does not know is refused, and the error names it', async () => {
    const before = await rowCounts(server);
    const reply = await new Browser(server.url).post('/api/v1/member-registrations', {
      ...registration,
      role: 'ops',
      employerId: '0190c0de-0000-7000-8000-000000000000',
    });
    expectProblem(reply, 400, 'request.validation_failed');
    const errors = reply.body.errors as { path: string; code: string }[];
    expect(errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'body.role', code: 'unrecognized_keys' },
      { path: 'body.employerId', code: 'unrecognized_keys' },
    ]);
    expect(await rowCounts(server)).toEqual(before);
  });

  it('a missing field is refused, and the error names it', async () => {
    const before = await rowCounts(server);
    const { dateOfBirth: _left, ...withoutDate } = registration;
    const reply = await new Browser(server.url).post('/api/v1/member-registrations', withoutDate);
    expectProblem(reply, 400, 'request.validation_failed');
    const paths = (reply.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(['body.dateOfBirth']);
    expect(await rowCounts(server)).toEqual(before);
  });

  it('a body sent as something other than JSON is refused as an unsupported media type', async () => {
    const before = await rowCounts(server);
    const reply = await new Browser(server.url).request('POST', '/api/v1/member-registrations', {
      raw: 'membershipNumber=M-1000-01&dateOfBirth=1980-02-29',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(reply, 415, 'request.unsupported_media_type');
    expect(await rowCounts(server)).toEqual(before);
  });

  it('a request to an address that does not exist gets a problem document, not an HTML page', async () => {
    const reply = await new Browser(server.url).get('/api/v1/nothing-lives-here');
    expectProblem(reply, 404, 'route.not_found');
    expect(reply.body.instance).toBe('/api/v1/nothing-lives-here');
  });

  it('a body over the size limit is refused before anything is read into a record', async () => {
    const small = await startTestServer({ BODY_LIMIT_BYTES: '2048' });
    try {
      await givenRegister(small);
      const before = await rowCounts(small);
      const reply = await new Browser(small.url).post('/api/v1/member-registrations', {
        ...registration,
        email: `${'a'.repeat(3000)}@example.org`,
      });
      expectProblem(reply, 413, 'request.body_too_large');
      expect(await rowCounts(small)).toEqual(before);

      // A body under the limit on the same server goes through, so the limit is what refused it.
      const fine = await new Browser(small.url).post('/api/v1/member-registrations', registration);
      expect(fine.status).toBe(201);
    } finally {
      await small.close();
    }
  });
});

describe('guessing a password is slowed down', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ SIGN_IN_ATTEMPTS_PER_MINUTE: '3' });
    await givenRegister(limited);
    await givenMemberSignedIn(
      limited,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
  });
  afterAll(async () => limited?.close());

  it('after the limit, even the right password is refused with Retry-After until the window passes', async () => {
    // The member's own sign-in in the factory counted as the first attempt of this minute.
    await limited.sql.query(`DELETE FROM rate_limit`);
    const guesser = new Browser(limited.url);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const wrong = await guesser.signIn('alice@example.org', 'not-the-password-at-all');
      expectProblem(wrong, 401, 'auth.invalid_credentials');
    }
    const fourth = await guesser.signIn('alice@example.org', 'not-the-password-at-all');
    expectProblem(fourth, 429, 'auth.rate_limited');
    const retryAfter = Number(fourth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const rightPassword = await guesser.signIn('alice@example.org', PASSWORD);
    expectProblem(rightPassword, 429, 'auth.rate_limited');
    expect(guesser.hasSessionCookie()).toBe(false);

    // The minute passes (the counters live in the database, shared by every instance).
    await limited.sql.query(`UPDATE rate_limit SET last_request = last_request - 61000`);
    const later = await guesser.signIn('alice@example.org', PASSWORD);
    expect(later.status).toBe(200);
    expect(guesser.hasSessionCookie()).toBe(true);
  });
});

describe('trying sign-up over and over is slowed down too', () => {
  it('the eleventh registration attempt in a minute gets 429 with Retry-After, and creates nothing', async () => {
    const busy = await startTestServer();
    try {
      await givenRegister(busy);
      const before = await rowCounts(busy);
      const prober = new Browser(busy.url);
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const refused = await prober.post('/api/v1/member-registrations', {
          ...registration,
          dateOfBirth: '1999-01-01',
        });
        expectProblem(refused, 422, 'registration.membership_not_verified');
      }
      const limited = await prober.post('/api/v1/member-registrations', registration);
      expectProblem(limited, 429, 'request.rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const after = await rowCounts(busy);
      expect({ users: after?.users, profiles: after?.profiles }).toEqual({
        users: before?.users,
        profiles: before?.profiles,
      });
    } finally {
      await busy.close();
    }
  });
});

describe('an unexpected failure is answered plainly', () => {
  let broken: TestServer;
  let member: Browser;
  beforeAll(async () => {
    broken = await startTestServer();
    await givenRegister(broken);
    member = await givenMemberSignedIn(
      broken,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@example.org',
    );
    expect((await member.get('/api/v1/me')).status).toBe(200);
    expect((await member.get('/api/ready')).status).toBe(200);
    // The database goes away under the running server.
    await broken.runtime.pool.end();
  });
  afterAll(async () => broken?.close());

  it('a signed-in request gets 500 internal.unexpected with no stack trace or file paths', async () => {
    const reply = await member.get('/api/v1/me');
    expectProblem(reply, 500, 'internal.unexpected');
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/stack/i);
    expect(text).not.toMatch(/\bat \S+ \(/);
    expect(text).not.toMatch(/\.(ts|js|mjs):\d+/);
    expect(text).not.toMatch(/pool|postgres|sql/i);
    expect(reply.body.detail).toBeUndefined();
    expect(reply.headers.get('x-request-id')).toBe(reply.body.requestId);
  });

  it('the readiness check says 503 when the database is gone, while the process is still up', async () => {
    const ready = await new Browser(broken.url).get('/api/ready');
    expectProblem(ready, 503, 'service.unavailable');
    const health = await new Browser(broken.url).get('/api/health');
    expect(health.status).toBe(200);
  });
});

describe('every response carries what operators and browsers need', () => {
  it('has a request id, and keeps one the caller supplied', async () => {
    const browser = new Browser(server.url);
    const first = await browser.get('/api/health');
    const second = await browser.get('/api/health');
    const firstId = first.headers.get('x-request-id');
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(firstId);

    const traced = await browser.get('/api/health', { 'x-request-id': 'trace-from-gateway-42' });
    expect(traced.headers.get('x-request-id')).toBe('trace-from-gateway-42');

    const failed = await browser.get('/api/v1/me', { 'x-request-id': 'trace-from-gateway-43' });
    expect(failed.status).toBe(401);
    expect(failed.headers.get('x-request-id')).toBe('trace-from-gateway-43');
    expect(failed.body.requestId).toBe('trace-from-gateway-43');

    // Something that does not look like an id (here, an attempt to inject a log line) is replaced.
    const odd = await browser.get('/api/health', { 'x-request-id': 'x y\tz' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has the security headers', async () => {
    const reply = await new Browser(server.url).get('/api/health');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-powered-by')).toBeNull();
    // The same word as frame-ancestors 'none' for browsers that only read the older header.
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    // HSTS only over https: this server's address is plain http.
    expect(reply.headers.get('strict-transport-security')).toBeNull();
  });

  it('tells API callers their rate limit', async () => {
    const reply = await new Browser(server.url).get('/api/v1/me');
    expect(reply.status).toBe(401);
    expect(Number(reply.headers.get('ratelimit-limit'))).toBe(100000);
    expect(Number(reply.headers.get('ratelimit-remaining'))).toBeLessThan(100000);
    expect(reply.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
  });
});

describe("the API's rate limit counts API calls, not the web app's files", () => {
  it('a first visit fetches the page and its files freely, and the sixth API call in a minute is refused', async () => {
    const small = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const visitor = new Browser(small.url);
      const page = await fetch(`${small.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      // The page, its scripts and styles, its first script and its icons: more than the limit.
      const files = [
        '/',
        '/sign-in',
        '/early-reads.js',
        '/favicon.svg',
        '/manifest.webmanifest',
        ...[...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!),
      ];
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const reply = await fetch(`${small.url}${file}`);
        expect(reply.status, file).toBe(200);
        expect(reply.headers.get('ratelimit-limit'), file).toBeNull();
      }
      for (let call = 1; call <= 5; call += 1) {
        const reply = await visitor.get('/api/v1/me');
        expect(reply.status).toBe(401);
        expect(Number(reply.headers.get('ratelimit-remaining'))).toBe(5 - call);
      }
      expectProblem(await visitor.get('/api/v1/me'), 429, 'request.rate_limited');
    } finally {
      await small.close();
    }
  });
});

describe('the API describes itself', () => {
  it('publishes an OpenAPI 3.1 document listing the endpoints', async () => {
    const reply = await new Browser(server.url).get('/api/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    const paths = Object.keys(reply.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/member-registrations', '/api/v1/me/access-log']),
    );
    expect(paths).not.toContain('/api/openapi.json');
    expect(reply.body.paths['/api/v1/member-registrations'].post.security).toEqual([]);
  });

  it('serves the API reference as a web page', async () => {
    const reply = await new Browser(server.url).get('/api/docs');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(String(reply.body)).toMatch(/swagger/i);
  });
});

describe('the API reference is a setting', () => {
  it('is off in production unless API_DOCS=public says otherwise', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(32),
      DOCUMENT_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      SMTP_URL: 'smtp://relay.example:587',
      ALLOW_EMBEDDED_DATABASE: 'true',
    };
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'public' }).apiDocs).toBe(true);
    expect(loadConfig({ ...production, API_DOCS: 'off', NODE_ENV: 'test' }).apiDocs).toBe(false);
  });

  it('with API_DOCS=off, neither the reference nor the OpenAPI document is served', async () => {
    const closed = await startTestServer({ API_DOCS: 'off' });
    try {
      for (const path of ['/api/docs', '/api/openapi.json']) {
        const reply = await new Browser(closed.url).get(path);
        expect(reply.status).toBe(404);
        expect(reply.body.code).toBe('route.not_found');
      }
    } finally {
      await closed.close();
    }
  });
});

describe('a problem document keeps its own members', () => {
  it("an extension named like a member (a case's state as `status`) never replaces the HTTP status", () => {
    const problem = problemOf(
      new AppError('case.transition_not_allowed', {
        extensions: { status: 'gathering_information', code: 'other', current: { version: 3 } },
      }),
      'request-1',
      '/api/v1/cases/1/contacts',
    );
    expect(problem).toMatchObject({
      status: 409,
      code: 'case.transition_not_allowed',
      currentStatus: 'gathering_information',
      currentCode: 'other',
      current: { version: 3 },
    });
  });
});
