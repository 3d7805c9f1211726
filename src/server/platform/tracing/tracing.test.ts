import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMemberSignedIn, givenRegister } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { statementKind } from './index.js';

/**
 * A trace follows a request in and out: the caller's `traceparent` is the parent of the request's
 * span, the answer names the request's span, and the database queries are its children. Spans
 * are read from the SDK's own in-memory exporter. Their names and attributes are templates and
 * kinds: no id, no address, no word the member wrote.
 */
const exporter = new InMemorySpanExporter();
let server: TestServer;
let untraced: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  untraced = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await untraced?.close();
});

const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
const callerSpan = '00f067aa0ba902b7';
const traceparent = `00-${callerTrace}-${callerSpan}-01`;

describe('traces', () => {
  it('a member’s request is one trace from the caller through the database, with nothing of the member in it', async () => {
    await givenRegister(server);
    const email = 'traced@members.test';
    const member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      email,
    );
    const concern = 'Dolor torácico desde hace tres semanas 7f3a';
    const submitted = await member.post('/api/v1/cases', {
      concern,
      diagnosisReceived: 'Angina inestable 7f3a',
      questions: ['¿Necesito un cateterismo? 7f3a'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    });
    expect(submitted.status).toBe(201);
    const caseId: string = submitted.body.id;
    exporter.reset();

    const read = await member.get(`/api/v1/cases/${caseId}`, { traceparent });
    expect(read.status).toBe(200);
    const answered = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(read.headers.get('traceparent') ?? '');
    expect(answered?.[1]).toBe(callerTrace);
    expect(answered?.[2]).not.toBe(callerSpan);

    await expect
      .poll(() => exporter.getFinishedSpans().some((span) => span.name === 'GET /api/v1/cases/:id'))
      .toBe(true);
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === callerTrace);
    const request = spans.find((span) => span.name === 'GET /api/v1/cases/:id');
    expect(request?.parentSpanContext?.spanId).toBe(callerSpan);
    expect(request?.spanContext().spanId).toBe(answered?.[2]);
    expect(request?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/api/v1/cases/:id',
      'http.response.status_code': 200,
    });
    const queries = spans.filter((span) => span.name.startsWith('pg '));
    expect(queries.length).toBeGreaterThan(1);
    expect(queries.map((span) => span.name)).toContain('pg SELECT');
    for (const query of queries) {
      expect(query.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
      expect(query.attributes['db.system.name']).toBe('postgresql');
    }

    // Every span of the whole story, the submission included: nothing of the member or the case.
    const everything = JSON.stringify(
      exporter
        .getFinishedSpans()
        .map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
    );
    const userId = (await server.sql.query(`SELECT id FROM "user" WHERE email = $1`, [email])).rows[0]
      .id as string;
    expect(submitted.body.number).toMatch(/^SMO-/);
    for (const secret of [caseId, userId, email, '7f3a', 'torácico', submitted.body.number as string])
      expect(everything).not.toContain(secret);
  });

  it('without an exporter nothing is recorded, and a caller’s trace still comes back on the answer', async () => {
    const traced = await fetch(`${untraced.url}/api/health`, { headers: { traceparent } });
    expect(traced.headers.get('traceparent')).toBe(traceparent);
    const plain = await fetch(`${untraced.url}/api/health`);
    expect(plain.headers.get('traceparent')).toBeNull();
    expect(untraced.runtime.tracing.recording).toBe(false);
  });

  it('a query is named by its kind of statement, never by its text', () => {
    expect(statementKind('select * from "user" where email = $1')).toBe('SELECT');
    expect(statementKind('  -- the queue\n  WITH due AS (SELECT 1) SELECT * FROM due')).toBe('WITH');
    expect(statementKind('(SELECT 1) UNION (SELECT 2)')).toBe('SELECT');
    expect(statementKind("VACUUM 'secret'")).toBe('OTHER');
  });
});
