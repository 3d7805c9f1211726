import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * "Bad input produces a crash, a 500, or a half-written record": never. Every write the API
 * document lists, sent bodies no schema of ours takes, by a member, the case's case manager and
 * operations, on a real case: each answer is a 4xx problem document with a stable code and no
 * trace of the server's insides, and the case is as it was.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** Bodies that are JSON but no request of ours, then bytes that are not JSON at all. */
const badBodies: { name: string; raw: string }[] = [
  { name: 'a list', raw: '[1, 2, 3]' },
  { name: 'a string', raw: '"DROP TABLE opinion_case"' },
  { name: 'a number', raw: '1e308' },
  { name: 'null', raw: 'null' },
  {
    name: 'wrong types and an unknown field',
    raw: '{"version": "seven", "body": 12, "slots": "soon", "x": 1}',
  },
  { name: 'a prototype trick', raw: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {}}}' },
  { name: 'deep nesting', raw: `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}` },
  { name: 'not JSON', raw: '{"concern": "unterminated' },
];

let server: TestServer;
let member: Browser;
let manager: Browser;
let ops: Browser;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es'],
      weeklyShifts: allWeek,
      maxOpenCases: 5,
    })
  ).browser;
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'sweep@x.test',
  );
  const submitted = await member.post('/api/v1/cases', {
    concern: 'Worried',
    diagnosisReceived: 'Something',
    questions: ['Why?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Madrid' },
  });
  expect(submitted.status).toBe(201);
  caseId = submitted.body.id;
});
afterAll(async () => server?.close());

describe('bad input, everywhere', () => {
  it('every write of the API answers each bad body with a 4xx problem, and the case does not change', async () => {
    const document = (await ops.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      ['post', 'put', 'patch', 'delete']
        .filter((method) => method in operations)
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(writes.length).toBeGreaterThan(30);
    const before = (await member.get(`/api/v1/cases/${caseId}`)).body;
    const caseCount = async () =>
      (await server.sql.query('SELECT count(*)::int AS n FROM opinion_case')).rows[0].n as number;
    const casesBefore = await caseCount();

    const answers: string[] = [];
    for (const { method, path } of writes) {
      // The case's own id where a case is named, a fresh one for anything else.
      const url = path.replace('{id}', caseId).replace(/\{[^}]+\}/g, '0190a5a8-7b1c-7d2e-8f3a-123456789abc');
      for (const browser of [member, manager, ops]) {
        for (const body of badBodies) {
          const reply = await browser.request(method, url, {
            body: Buffer.from(body.raw),
            headers: { 'content-type': 'application/json' },
          });
          const problem = reply.body as { code?: unknown; stack?: unknown } | undefined;
          const text = JSON.stringify(problem ?? '');
          const fine =
            reply.status >= 400 &&
            reply.status < 500 &&
            (reply.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
            typeof problem?.code === 'string' &&
            problem.stack === undefined &&
            !/node_modules|\/src\/|\bat [\w.<>]+ \(/.test(text);
          if (!fine) answers.push(`${method} ${path} (${body.name}): ${reply.status} ${text.slice(0, 160)}`);
        }
      }
    }
    expect(answers).toEqual([]);

    const after = (await member.get(`/api/v1/cases/${caseId}`)).body;
    expect(after).toMatchObject({ status: before.status, version: before.version });
    expect(await caseCount()).toBe(casesBefore);
  });

  it('every read of the API answers nonsense in its query with a 4xx problem or ignores it, never a 500', async () => {
    const document = (await ops.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const reads = Object.entries(document.paths)
      .filter(([path, operations]) => 'get' in operations && !path.endsWith('/stream'))
      .map(([path]) => path);
    expect(reads.length).toBeGreaterThan(20);
    const nonsense =
      '?limit=-1&limit=99999999999999999999&cursor=%00%ff&status=nope&sort=sideways&assigned=you' +
      '&language=%F0%9F%92%A9&from=yesterday&specialty[]=1&interpreterNeeded=perhaps';
    const answers: string[] = [];
    for (const path of reads) {
      const url = path.replace('{id}', caseId).replace(/\{[^}]+\}/g, '0190a5a8-7b1c-7d2e-8f3a-123456789abc');
      for (const browser of [member, manager, ops]) {
        const reply = await browser.get(`${url}${nonsense}`);
        const problem = reply.status >= 400;
        const fine =
          reply.status < 500 &&
          (!problem ||
            ((reply.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
              typeof (reply.body as { code?: unknown }).code === 'string'));
        if (!fine)
          answers.push(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body ?? '').slice(0, 160)}`);
      }
    }
    expect(answers).toEqual([]);
  });
});
