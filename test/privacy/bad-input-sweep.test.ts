import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/client.js';
import { databaseFingerprint } from '../support/fingerprint.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { givenSweepCast } from '../support/sweep.js';

/**
 * "Bad input produces a crash, a 500, or a half-written record": never. Every write the API
 * document lists, sent bodies no schema of ours takes, by a member, the case's case manager and
 * operations, on a real case: each answer is a 4xx problem document with a stable code and no
 * trace of the server's insides, and the case is as it was.
 */

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
  { name: '20,000-deep objects', raw: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { name: '20,000-deep lists', raw: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
  { name: 'not JSON', raw: '{"concern": "unterminated' },
];

/** Text no database keeps as sent: a NUL, and each half of a surrogate pair alone. */
const unstorable = [
  { name: 'a NUL', text: 'before\u0000after' },
  { name: 'a lone high surrogate', text: 'before\ud83dafter' },
  { name: 'a lone low surrogate', text: 'before\ude00after' },
];

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/**
 * A body in the shape a route's schema asks for, every free text field carrying `text`: ids,
 * dates, e-mails and choices are valid, so that without the boundary check the text would reach
 * the database.
 */
function bodyFor(schema: JsonSchema | undefined, text: string, ids: { caseId: string }): unknown {
  if (!schema) return text;
  const choice = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (choice) return bodyFor(choice.find((option) => option.type !== 'null') ?? choice[0], text, ids);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((option) => option !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          bodyFor(property, text, ids),
        ]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        bodyFor(schema.items, text, ids),
      );
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      switch (schema.format) {
        case 'uuid':
          return ids.caseId;
        case 'date-time':
          return new Date(Date.now() + 86_400_000).toISOString();
        case 'date':
          return '1980-02-29';
        case 'email':
          return 'someone@x.test';
        default:
          return text;
      }
  }
}

let server: TestServer;
let member: Browser;
let manager: Browser;
let ops: Browser;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ member, manager, ops, caseId } = await givenSweepCast(server, 'sweep@x.test'));
});
afterAll(async () => server?.close());

describe('bad input, everywhere', () => {
  it(
    'every write of the API answers each bad body with a 4xx problem, and the case does not change',
    { timeout: 180_000 },
    async () => {
      const document = (await ops.get('/api/openapi.json')).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
        ['post', 'put', 'patch', 'delete']
          .filter((method) => method in operations)
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
      expect(writes.length).toBeGreaterThan(30);
      // The sign-in routes read JSON too (and hand it on to the auth library).
      writes.push(
        { method: 'POST', path: '/api/auth/sign-in/email' },
        { method: 'POST', path: '/api/auth/two-factor/verify-totp' },
      );
      const before = (await member.get(`/api/v1/cases/${caseId}`)).body;
      const caseCount = async () =>
        (await server.sql.query('SELECT count(*)::int AS n FROM opinion_case')).rows[0].n as number;
      const casesBefore = await caseCount();

      const answers: string[] = [];
      for (const { method, path } of writes) {
        // The case's own id where a case is named, a fresh one for anything else.
        const url = path
          .replace('{id}', caseId)
          .replace(/\{[^}]+\}/g, '0190a5a8-7b1c-7d2e-8f3a-123456789abc');
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
            if (!fine)
              answers.push(`${method} ${path} (${body.name}): ${reply.status} ${text.slice(0, 160)}`);
          }
        }
      }
      expect(answers).toEqual([]);

      const after = (await member.get(`/api/v1/cases/${caseId}`)).body;
      expect(after).toMatchObject({ status: before.status, version: before.version });
      expect(await caseCount()).toBe(casesBefore);
    },
  );

  it(
    'a NUL or a lone surrogate in any text field of any write is refused with a 4xx, and nothing is stored',
    { timeout: 120_000 },
    async () => {
      const document = (await ops.get('/api/openapi.json')).body as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
        >;
      };
      const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
        ['post', 'put', 'patch', 'delete']
          .filter((method) => method in operations)
          .map((method) => ({
            method: method.toUpperCase(),
            path,
            schema: operations[method]?.requestBody?.content?.['application/json']?.schema,
          })),
      );
      // The sign-in routes and the membership proof take text too.
      const unlisted = [
        {
          method: 'POST',
          path: '/api/auth/sign-in/email',
          schema: undefined,
          body: { email: 'x', password: 'x' },
        },
        { method: 'POST', path: '/api/auth/two-factor/enable', schema: undefined, body: { password: 'x' } },
      ];
      const before = await databaseFingerprint(server.sql);

      const answers: string[] = [];
      for (const { text, name } of unstorable) {
        const sent = [
          ...writes.map((write) => ({ ...write, body: bodyFor(write.schema, text, { caseId }) })),
          ...unlisted.map((write) => ({
            ...write,
            body: Object.fromEntries(Object.keys(write.body).map((field) => [field, text])),
          })),
        ];
        // A route whose body has no text of its own (choices, dates, ids) has nowhere to carry it.
        for (const { method, path, body } of sent.filter((write) =>
          JSON.stringify(write.body).includes('before'),
        )) {
          const url = path
            .replace('{id}', caseId)
            .replace(/\{[^}]+\}/g, '0190a5a8-7b1c-7d2e-8f3a-123456789abc');
          for (const browser of [member, manager, ops]) {
            const reply = await browser.request(method, url, { json: body });
            const fine =
              reply.status >= 400 &&
              reply.status < 500 &&
              (reply.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
              typeof reply.body?.code === 'string';
            if (!fine)
              answers.push(
                `${method} ${path} (${name}): ${reply.status} ${JSON.stringify(reply.body ?? '').slice(0, 120)}`,
              );
          }
        }
      }
      expect(answers).toEqual([]);
      expect(await databaseFingerprint(server.sql)).toEqual(before);
    },
  );

  it('a name with a NUL is refused with a code that names the field; every other character is kept exactly', async () => {
    const me = (await member.get('/api/v1/me')).body;
    const refused = await member.patch('/api/v1/me', { name: 'Ana\u0000Lopez', version: me.version });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'request.invalid_characters',
      errors: [{ path: 'body.name', code: 'invalid_characters' }],
    });
    expect((await member.get('/api/v1/me')).body).toMatchObject({ name: me.name, version: me.version });

    // Letters of several scripts, combining marks, an emoji with a joiner, a non-breaking space.
    const name = 'Zoë Łukasz-O’Brien 李娜 محمد 👩‍⚕️ e\u0301\u00a0Ñ';
    const kept = await member.patch('/api/v1/me', { name, version: me.version });
    expect(kept.status).toBe(200);
    expect((await member.get('/api/v1/me')).body.name).toBe(name);
  });

  it('a character that reverses the text is refused in a line (a name), with a code that names the field; prose keeps it exactly', async () => {
    const me = (await member.get('/api/v1/me')).body;
    // Each of the embeddings, overrides and isolates, in a name that would read backwards.
    for (const control of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      const refused = await member.patch('/api/v1/me', { name: `Ana ${control}zepoL`, version: me.version });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'request.direction_controls',
        errors: [{ path: 'body.name', code: 'direction_control' }],
      });
    }
    expect((await member.get('/api/v1/me')).body).toMatchObject({ name: me.name, version: me.version });
    // A message is prose: kept exactly as written (the pages that show it isolate it).
    const body = 'My question:\u202e ?yrgesrus deen I oD\u202c and the scan (\u2067مرحبا\u2069).';
    const sent = await member.post(`/api/v1/cases/${caseId}/messages`, { body });
    expect(sent.status).toBe(201);
    const thread = (await member.get(`/api/v1/cases/${caseId}/messages`)).body.items as { body: string }[];
    expect(thread.map((message) => message.body)).toContain(body);
  });

  it('a NUL in a field of a multipart upload is refused, and no record is kept', async () => {
    const before = await databaseFingerprint(server.sql);
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'Scan\u0000report');
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'report.pdf');
    const reply = await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('request.invalid_characters');
    expect(await databaseFingerprint(server.sql)).toEqual(before);
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
