import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { syntheticDicom } from '../../../../test/support/dicom.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startObjectStore, type TestObjectStore } from '../../../../test/support/s3-server.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { sweepOrphanBlobs } from './service.js';
import { documentBlobs } from './store.js';

// Two instances of the service behind one name, on one database and one S3-compatible bucket (a
// real one, s3rver): a record sent through either is there for both, and neither keeps it on its
// own disk.

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MARKER = 'PATIENT-MARKER-5c1d: suspected meniscus tear';

let bucket: TestObjectStore;
let first: TestServer;
let second: TestServer;
let dataDirs: string[] = [];
let alice: Browser;
let manager: Browser;
let caseId: string;

beforeAll(async () => {
  bucket = await startObjectStore();
  const shared = {
    ...bucket.env,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  dataDirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'consilium-instance-')));
  first = await startTestServer({ ...shared, DATA_DIR: dataDirs[0]! });
  second = await startTestServer({ ...shared, DATA_DIR: dataDirs[1]! }, { databaseUrl: first.databaseUrl });
  await givenRegister(first);
  ({ browser: manager } = await givenStaffSignedIn(first, 'case_manager', {
    languages: ['en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  }));
  alice = await givenMemberSignedIn(
    first,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@instances.test',
  );
  const submitted = await alice.post('/api/v1/cases', {
    concern: 'A second opinion on my knee, please.',
    diagnosisReceived: 'Suspected meniscus tear',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'en',
    contactChannel: 'video',
    timeZone: 'Asia/Singapore',
    preferredContactWindows: [],
    location: { country: 'SG', city: 'Singapore' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  caseId = submitted.body.id;
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await bucket?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A request to one instance with the cookies the browser got from the other (one site, two instances). */
async function on(
  instance: TestServer,
  browser: Browser,
  method: string,
  url: string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  headers.set('cookie', browser.cookieHeader());
  headers.set('origin', instance.url);
  return fetch(new URL(url, instance.url), { ...init, method, headers });
}

const tusMetadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
    .join(',');

describe('documents in a bucket that every instance shares', () => {
  it('a report sent through one instance downloads byte for byte from the other; neither keeps it on its disk', async () => {
    const report = Buffer.concat([
      Buffer.from(`%PDF-1.7\n% ${MARKER}\n`),
      randomBytes(300_000),
      Buffer.from('\n%%EOF\n'),
    ]);
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'MRI report');
    form.append('file', new Blob([report], { type: 'application/pdf' }), 'report.pdf');
    const sent = await on(first, alice, 'POST', `/api/v1/cases/${caseId}/documents`, { body: form });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };

    const fetched = await on(second, manager, 'GET', `/api/v1/cases/${caseId}/documents/${id}/content`);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(report)).toBe(true);
    for (const dir of dataDirs) {
      expect(existsSync(path.join(dir, 'documents'))).toBe(false);
      expect(existsSync(path.join(dir, 'uploads'))).toBe(false);
    }
  });

  it('a resumable upload begun on one instance is finished on the other, without sticky sessions', async () => {
    const scan = syntheticDicom({ rows: 256, columns: 256 });
    const created = await on(first, alice, 'POST', '/api/v1/uploads', {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(scan.length),
        'upload-metadata': tusMetadata({ caseId, kind: 'imaging', title: 'Knee MRI', filename: 'knee.dcm' }),
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const patch = (instance: TestServer, offset: number, bytes: Buffer) =>
      on(instance, alice, 'PATCH', location, {
        headers: {
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body: bytes,
      });
    const half = Math.floor(scan.length / 2);
    expect((await patch(first, 0, scan.subarray(0, half))).status).toBe(204);

    const head = await on(second, alice, 'HEAD', location, { headers: { 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    const rest = await patch(second, half, scan.subarray(half));
    expect(rest.status).toBe(204);
    const documentId = rest.headers.get('content-location')!.split('/').pop()!;

    const fetched = await on(
      first,
      manager,
      'GET',
      `/api/v1/cases/${caseId}/documents/${documentId}/content`,
    );
    expect(Buffer.from(await fetched.arrayBuffer()).equals(scan)).toBe(true);
    // The finished upload left nothing in the staging area, on either instance.
    expect((await on(first, alice, 'HEAD', location, { headers: { 'tus-resumable': '1.0.0' } })).status).toBe(
      404,
    );
  });

  it('a client that gives up on a PATCH to one instance and resumes on the other: the first lets go of the upload, the second takes it up where the bytes stopped', async () => {
    const scan = syntheticDicom({ rows: 512, columns: 512 });
    const created = await on(first, alice, 'POST', '/api/v1/uploads', {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(scan.length),
        'upload-metadata': tusMetadata({
          caseId,
          kind: 'imaging',
          title: 'Knee MRI, sagittal',
          filename: 'knee2.dcm',
        }),
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;

    // The first PATCH sends 300 kB to the first instance, then the network goes quiet: the
    // connection stays open, the upload locked by that request.
    const stalled = http.request(new URL(location, first.url), {
      method: 'PATCH',
      headers: {
        cookie: alice.cookieHeader(),
        origin: first.url,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(scan.length),
      },
    });
    stalled.on('error', () => undefined);
    await new Promise<void>((resolve) => stalled.write(scan.subarray(0, 300_000), () => resolve()));
    try {
      // The client asks the other instance where to resume: the first request is asked to let go,
      // keeps the 300 kB it had, and the answer counts them.
      await vi.waitFor(
        async () => {
          const head = await on(second, alice, 'HEAD', location, { headers: { 'tus-resumable': '1.0.0' } });
          expect(head.status).toBe(200);
          expect(head.headers.get('upload-offset')).toBe('300000');
        },
        { timeout: 10_000, interval: 200 },
      );
      const rest = await on(second, alice, 'PATCH', location, {
        headers: {
          'tus-resumable': '1.0.0',
          'upload-offset': '300000',
          'content-type': 'application/offset+octet-stream',
        },
        body: scan.subarray(300_000),
      });
      expect(rest.status).toBe(204);
      const documentId = rest.headers.get('content-location')!.split('/').pop()!;
      const fetched = await on(
        first,
        manager,
        'GET',
        `/api/v1/cases/${caseId}/documents/${documentId}/content`,
      );
      expect(Buffer.from(await fetched.arrayBuffer()).equals(scan)).toBe(true);
      const leases = await first.sql.query('SELECT count(*)::int AS n FROM resumable_upload_lock');
      expect(leases.rows[0].n).toBe(0);
    } finally {
      stalled.destroy();
    }
  });

  it('the sweep, on either instance, removes a blob nobody recorded and keeps the records', async () => {
    const orphan = '0190f2c4-0000-7000-8000-0123456789ab';
    await documentBlobs(second.runtime.config).write(orphan, (sink) =>
      pipeline(Readable.from([randomBytes(1000)]), sink),
    );
    const listed = async () => {
      const keys: string[] = [];
      for await (const entry of documentBlobs(first.runtime.config).list()) keys.push(entry.key);
      return keys;
    };
    expect(await listed()).toContain(orphan);
    first.clock.advance(2 * 60 * 60 * 1000);
    const swept = await sweepOrphanBlobs(first.runtime);
    expect(swept.orphanBlobsDeleted).toBe(1);
    expect(await listed()).not.toContain(orphan);
    const stored = await first.sql.query('SELECT count(*)::int AS n FROM case_document WHERE case_id = $1', [
      caseId,
    ]);
    expect(stored.rows[0].n).toBe(3);
    expect((await listed()).length).toBe(3);
  });
});
