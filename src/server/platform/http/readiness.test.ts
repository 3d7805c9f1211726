import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/support/smtp.js';

/**
 * The load balancer asks `/api/ready` before it sends an instance traffic: ready means the
 * database is there and migrated and the document store takes a write. The e-mail relay is
 * reported, not required: mail waits in the outbox until the relay answers again. A probe's
 * answer stands ten seconds, so the story moves the server's clock past that between questions.
 */
let dataDir: string;
let smtp: TestSmtpServer;
let server: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-ready-'));
  smtp = await startSmtpServer();
  server = await startTestServer({ DATA_DIR: dataDir, SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const ready = () => new Browser(server.url).get('/api/ready');
const later = () => server.clock.advance(11_000);

function filesUnder(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('readiness', () => {
  it('is ready with the database, the document store and the relay there, and leaves no probe behind', async () => {
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ready', mail: 'reachable' });
    expect(filesUnder(path.join(dataDir, 'documents'))).toEqual([]);
  });

  it('is not ready while the document store refuses writes, and is again once it takes them', async () => {
    const documents = path.join(dataDir, 'documents');
    rmSync(documents, { recursive: true, force: true });
    // A file where the folder should be: nothing can be written under it, not even by root.
    writeFileSync(documents, 'not a folder');
    later();
    const refused = await ready();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('service.unavailable');
    expect(refused.body.detail).toBe('The document store is not reachable.');
    expect((await new Browser(server.url).get('/api/health')).status).toBe(200);

    rmSync(documents);
    later();
    expect((await ready()).status).toBe(200);
  });

  it('stays ready when the e-mail relay stops answering, and says so', async () => {
    await smtp.close();
    later();
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ready', mail: 'unreachable' });
  });
});
