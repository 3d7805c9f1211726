import http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { givenSweepCast } from '../../../../test/support/sweep.js';
import { createLogger } from '../../platform/logger.js';

/**
 * A member who stops an upload half-way chose to: the server notes it in one calm line, not as an
 * error with a stack that would wake whoever is on call.
 */
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let server: TestServer;
let member: Browser;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer({}, { log: createLogger('info', sink) });
  ({ member, caseId } = await givenSweepCast(server, 'aborts@x.test'));
});
afterAll(async () => server?.close());

describe('an upload the member stops', () => {
  it('is logged as one line of information, without an error level or a stack', async () => {
    const boundary = 'cut-short-boundary';
    const head = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="kind"',
        '',
        'report',
        `--${boundary}`,
        'Content-Disposition: form-data; name="title"',
        '',
        'Cut short',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="a.pdf"',
        'Content-Type: application/pdf',
        '',
        '%PDF-1.7\n',
      ].join('\r\n'),
    );
    const url = new URL(`/api/v1/cases/${caseId}/documents`, server.url);
    await new Promise<void>((resolve) => {
      const request = http.request(url, {
        method: 'POST',
        headers: {
          cookie: member.cookieHeader(),
          origin: server.url,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 400_000),
        },
      });
      request.on('error', () => resolve());
      request.write(head);
      request.write(Buffer.alloc(200_000, 'BT (page) Tj ET\n'), () => {
        request.destroy();
        resolve();
      });
    });
    // The member's browser sent half the file, then the member pressed "Cancel".
    const stopped = () => lines.find((line) => line.msg === 'request stopped by the client');
    await vi.waitFor(() => expect(stopped()).toBeDefined(), { timeout: 10_000 });
    expect(stopped()!.level).toBe(30);
    expect(JSON.stringify(stopped())).not.toMatch(/stack|err/);
    expect(lines.filter((line) => (line.level as number) >= 40)).toEqual([]);
  });
});
