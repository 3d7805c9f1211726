import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
}

describe('no health data in a log line', () => {
  it('a failed query is logged without its parameters, in the error and in its cause', () => {
    const { log, lines } = capture();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      detail: 'Key (email)=(ana@example.org) already exists.',
    });
    const failed = new Error(
      'Failed query: insert into "opinion_case" ("concern") values ($1)\nparams: I have a tumour in my left lung',
      { cause },
    );
    log.error({ err: failed }, 'unexpected error');
    const line = lines.join('');
    expect(line).toContain('Failed query: insert into');
    expect(line).toContain('params: [redacted]');
    expect(line).not.toMatch(/tumour|lung|ana@example\.org/);
  });

  it('a request is logged with its address cut at the query, where a client may have put a condition', () => {
    const { log, lines } = capture();
    log.info(
      {
        req: {
          method: 'GET',
          url: '/api/v1/cases/0190a5a8/specialist-matches?condition=C71.1',
          headers: {},
          host: 'consilium.test',
          ip: '10.0.0.7',
          socket: { remotePort: 40_000 },
        },
      },
      'incoming request',
    );
    const line = JSON.parse(lines.join('')) as { req: Record<string, unknown> };
    expect(line.req).toEqual({
      method: 'GET',
      url: '/api/v1/cases/0190a5a8/specialist-matches?[redacted]',
      host: 'consilium.test',
      remoteAddress: '10.0.0.7',
      remotePort: 40_000,
    });
  });

  it('fields that may carry personal data are redacted wherever they appear', () => {
    const { log, lines } = capture();
    log.info(
      { member: { email: 'ana@example.org', dateOfBirth: '1980-01-01' }, request: { body: 'My biopsy' } },
      'x',
    );
    expect(lines.join('')).not.toMatch(/ana@example|1980-01-01|biopsy/);
  });
});
