import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, stopLeftoverDatabase, type AppProcess } from '../support/app-process.js';
import { Browser } from '../support/client.js';

/**
 * The server is killed with SIGKILL while a member sends 100 records and 100 messages. Whatever
 * the API acknowledged before the kill is there after the restart, byte for byte.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-crash-'));
chmodSync(dataDir, 0o755);
let running: AppProcess | undefined;

afterAll(async () => {
  running?.child.kill('SIGKILL');
  stopLeftoverDatabase(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small, valid PDF whose bytes differ every time. */
function uniquePdf(): Buffer {
  const marker = randomBytes(16).toString('hex');
  return Buffer.from(
    `%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

describe('a crash in the middle of 200 writes', () => {
  it('loses nothing that was acknowledged', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    running = await startAppProcess(dataDir, port);
    const member = new Browser(url);
    expect((await member.signIn('carlos.ruiz@demo.consilium.test', 'consilium-demo-2026')).status).toBe(200);
    const kase = await member.post('/api/v1/cases', {
      concern: 'Back pain for months',
      diagnosisReceived: 'Lumbar disc herniation',
      questions: ['Do I need surgery?'],
      preferredLanguage: 'es',
      contactChannel: 'message',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Zaragoza' },
    });
    expect(kase.status).toBe(201);
    const caseId = kase.body.id as string;

    const acknowledgedDocuments = new Map<string, string>();
    const acknowledgedMessages = new Set<string>();
    let answered = 0;
    const upload = async (n: number) => {
      const content = uniquePdf();
      const form = new FormData();
      form.append('kind', 'report');
      form.append('title', `Report ${n}`);
      form.append('file', new Blob([content], { type: 'application/pdf' }), `report-${n}.pdf`);
      const reply = await member
        .request('POST', `/api/v1/cases/${caseId}/documents`, { body: form })
        .catch(() => null);
      if (reply?.status === 201)
        acknowledgedDocuments.set(reply.body.id, createHash('sha256').update(content).digest('hex'));
      answered += 1;
    };
    const message = async (n: number) => {
      const reply = await member
        .post(`/api/v1/cases/${caseId}/messages`, { body: `Mensaje ${n}` })
        .catch(() => null);
      if (reply?.status === 201) acknowledgedMessages.add(reply.body.id);
      answered += 1;
    };

    const writes = Array.from({ length: 200 }, (_, n) => (n % 2 === 0 ? upload(n) : message(n)));
    // Kill it the hard way once some writes have been answered and others are still in flight.
    while (answered < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    running.child.kill('SIGKILL');
    await exited(running.child);
    await Promise.all(writes);
    expect(acknowledgedDocuments.size + acknowledgedMessages.size).toBeGreaterThan(0);
    expect(acknowledgedDocuments.size + acknowledgedMessages.size).toBeLessThan(200);

    running = await startAppProcess(dataDir, port);
    const after = new Browser(url);
    expect((await after.signIn('carlos.ruiz@demo.consilium.test', 'consilium-demo-2026')).status).toBe(200);
    const documents = await after.get(`/api/v1/cases/${caseId}/documents`);
    const listed = new Set(documents.body.items.map((item: { id: string }) => item.id));
    for (const [id, sha256] of acknowledgedDocuments) {
      expect(listed.has(id)).toBe(true);
      const content = await fetch(`${url}/api/v1/cases/${caseId}/documents/${id}/content`, {
        headers: { cookie: after.cookieHeader(), origin: url },
      });
      expect(content.status).toBe(200);
      const bytes = Buffer.from(await content.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    }
    const messageIds = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await after.get(
        `/api/v1/cases/${caseId}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const item of page.body.items) messageIds.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const id of acknowledgedMessages) expect(messageIds.has(id)).toBe(true);
  }, 180_000);
});
