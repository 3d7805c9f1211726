import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/client.js';
import { databaseFingerprint } from '../support/fingerprint.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { givenSweepCast } from '../support/sweep.js';

/**
 * A page of another site (a sibling subdomain included) must not be able to write with a member's
 * or a staff member's session. Every state-changing call of the API document and of the sign-in
 * routes, sent with the session cookie of someone who may make it but with a foreign `Origin`, no
 * `Origin` at all, or `Origin: null`, is refused with 403 `request.origin_not_allowed`, and the
 * database is exactly as it was.
 */

const someId = '0190a5a8-7b1c-7d2e-8f3a-123456789abc';

/** The sign-in routes that change something (Better Auth's, not in the API document). */
const authWrites = [
  '/api/auth/sign-in/email',
  '/api/auth/sign-out',
  '/api/auth/two-factor/enable',
  '/api/auth/two-factor/disable',
  '/api/auth/two-factor/verify-totp',
  '/api/auth/two-factor/verify-backup-code',
  '/api/auth/revoke-sessions',
  '/api/auth/revoke-other-sessions',
  '/api/auth/update-user',
  '/api/auth/change-password',
];

const origins: { name: string; headers: Record<string, string> }[] = [
  { name: 'a foreign origin', headers: { origin: 'https://evil.example' } },
  { name: 'a sibling subdomain', headers: { origin: 'http://evil.127.0.0.1.nip.io' } },
  { name: 'no origin', headers: {} },
  { name: 'origin null', headers: { origin: 'null' } },
];

let server: TestServer;
let member: Browser;
let manager: Browser;
let ops: Browser;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ member, manager, ops, caseId } = await givenSweepCast(server, 'cross-site@x.test'));
});
afterAll(async () => server?.close());

describe('cross-site writes', () => {
  it('every state-changing call with a foreign, missing or null Origin is refused, and nothing changes', async () => {
    const document = (await ops.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = [
      ...Object.entries(document.paths).flatMap(([path, operations]) =>
        ['post', 'put', 'patch', 'delete']
          .filter((method) => method in operations)
          .map((method) => ({ method: method.toUpperCase(), path: path.replace('{id}', caseId) })),
      ),
      ...authWrites.map((path) => ({ method: 'POST', path })),
    ].map(({ method, path }) => ({ method, path: path.replace(/\{[^}]+\}/g, someId) }));
    expect(writes.length).toBeGreaterThan(40);

    const before = await databaseFingerprint(server.sql);
    const accepted: string[] = [];
    for (const { method, path } of writes) {
      for (const browser of [member, manager, ops]) {
        for (const origin of origins) {
          // A body each route could take in shape: a message, a name, a password.
          const reply = await fetch(new URL(path, server.url), {
            method,
            headers: {
              ...origin.headers,
              cookie: browser.cookieHeader(),
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              body: 'from elsewhere',
              name: 'Mallory',
              password: 'a-long-test-password-2026',
              version: 1,
            }),
          });
          const problem = (await reply.json().catch(() => ({}))) as { code?: string };
          if (reply.status !== 403 || problem.code !== 'request.origin_not_allowed')
            accepted.push(`${method} ${path} (${origin.name}): ${reply.status} ${problem.code ?? ''}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(await databaseFingerprint(server.sql)).toEqual(before);
  });

  it('a multipart upload from another site does not reach the case', async () => {
    const before = await databaseFingerprint(server.sql);
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'Planted');
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'x.pdf');
    const reply = await member.request('POST', `/api/v1/cases/${caseId}/documents`, {
      body: form,
      headers: { origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('request.origin_not_allowed');
    expect(await databaseFingerprint(server.sql)).toEqual(before);
  });

  it('the same calls from our own pages still work', async () => {
    const reply = await member.patch('/api/v1/me', {
      name: 'Alice',
      version: (await member.get('/api/v1/me')).body.version,
    });
    expect(reply.status).toBe(200);
  });
});
