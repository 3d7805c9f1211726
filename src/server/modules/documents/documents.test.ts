import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { syntheticDicom } from '../../../../test/support/dicom.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { activeSharingConsent, sweepOrphanBlobs } from './service.js';
import { documentBlobs } from './store.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MAX_BYTES = 1_000_000;
const MARKER = 'PATIENT-MARKER-7f3a: metastatic findings in the left lung';

let server: TestServer;
let dataDir: string;
let alice: Browser;
let fatima: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: { browser: Browser; account: StaffAccount };
let specialist: { browser: Browser; account: StaffAccount };
let employerAdmin: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let caseId: string;

const caseRequest = {
  concern: 'A second opinion on my scan, please.',
  diagnosisReceived: 'Suspected lung nodule',
  questions: ['Is the diagnosis right?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '+34 612 34 56 78',
  timeZone: 'Europe/Madrid',
  preferredContactWindows: [],
  location: { country: 'ES', city: 'Valencia' },
};

const pdf = (size = 200_000) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7\n% ${MARKER}\n`),
    Buffer.alloc(size, `BT /F1 12 Tf (${MARKER}) Tj ET\n`),
    Buffer.from('\n%%EOF\n'),
  ]);
const png = (size = 300_000) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(50_000)]);
const dicom = (size: number) => {
  const bytes = randomBytes(size);
  bytes.fill(0, 0, 128);
  bytes.write('DICM', 128, 'ascii');
  return bytes;
};
const text = () => Buffer.from(`Blood pressure 120/80, ${MARKER}\n`.repeat(50));

async function upload(
  browser: Browser,
  id: string,
  fields: Record<string, string>,
  content: Buffer,
  fileName = 'scan.bin',
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'application/octet-stream' }), fileName);
  return browser.request('POST', `/api/v1/cases/${id}/documents`, { body: form });
}

async function download(browser: Browser, id: string, documentId: string) {
  const response = await fetch(`${server.url}/api/v1/cases/${id}/documents/${documentId}/content`, {
    headers: { cookie: browser.cookieHeader(), origin: server.url },
  });
  return response;
}

/** Every file under DATA_DIR/documents (blobs and unfinished writes). */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'documents');
  const found: string[] = [];
  const walk = (folder: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else found.push(file);
    }
  };
  walk(root);
  return found;
}

async function documentRows(): Promise<number> {
  const result = await server.sql.query('SELECT count(*)::int AS n FROM case_document');
  return result.rows[0].n as number;
}

/** Waits (bounded) until the check holds. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('condition not met in time');
    },
    { timeout: 10_000, interval: 50 },
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-documents-'));
  server = await startTestServer({ DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
  const register = await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@docs.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@docs.test',
  );
  const submitted = await alice.post('/api/v1/cases', caseRequest);
  expect(submitted.body.caseManager?.id, JSON.stringify(submitted.body)).toBe(manager.account.userId);
  caseId = submitted.body.id;
  otherManager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['fr'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  specialist = await givenStaffSignedIn(server, 'specialist');
  employerAdmin = await givenStaffSignedIn(server, 'employer_admin', { employerId: register.employerId });
  ops = await givenStaffSignedIn(server, 'ops');
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the member sends records and the case manager reads them', () => {
  let report: { id: string };
  let scan: { id: string };
  const reportBytes = pdf();
  const scanBytes = png();

  it('a PDF report and a PNG scan are accepted, typed from their content, hashed', async () => {
    const sent = await upload(
      alice,
      caseId,
      { kind: 'report', title: 'Oncology report, Hospital La Fe', documentDate: '2026-01-15' },
      reportBytes,
      'report.pdf',
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'report',
      mediaType: 'application/pdf',
      sizeBytes: reportBytes.length,
      documentDate: '2026-01-15',
      uploadedBy: { role: 'member' },
    });
    expect(sent.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    report = sent.body;

    const scanned = await upload(alice, caseId, { kind: 'imaging', title: 'Chest CT' }, scanBytes, 'ct.png');
    expect(scanned.status).toBe(201);
    expect(scanned.body.mediaType).toBe('image/png');
    scan = scanned.body;

    const list = await manager.browser.get(`/api/v1/cases/${caseId}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([report.id, scan.id]);
    expect(list.body.items[0].title).toBe('Oncology report, Hospital La Fe');
  });

  it('the case manager downloads them byte for byte, as attachments with a generic name', async () => {
    for (const [document, bytes, extension] of [
      [report, reportBytes, 'pdf'],
      [scan, scanBytes, 'png'],
    ] as const) {
      const response = await download(manager.browser, caseId, document.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="document-${document.id}.${extension}"`,
      );
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('the case manager views a PDF or an image in the page (inline, framed by this site only); a text file still downloads', async () => {
    const inline = (documentId: string) =>
      fetch(`${server.url}/api/v1/cases/${caseId}/documents/${documentId}/content?disposition=inline`, {
        headers: { cookie: manager.browser.cookieHeader(), origin: server.url },
      });
    for (const document of [report, scan]) {
      const response = await inline(document.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="document-/);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      await response.arrayBuffer();
    }
    const note = await upload(alice, caseId, { kind: 'other', title: 'Notes' }, text(), 'notes.txt');
    expect(note.status).toBe(201);
    const plain = await inline(note.body.id);
    expect(plain.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await plain.arrayBuffer();
    const bad = await fetch(
      `${server.url}/api/v1/cases/${caseId}/documents/${report.id}/content?disposition=embed`,
      { headers: { cookie: manager.browser.cookieHeader(), origin: server.url } },
    );
    expect(bad.status).toBe(400);
  });

  it('what lies on disk is not the plaintext', async () => {
    const files = storedFiles();
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const onDisk = readFileSync(file);
      expect(onDisk.includes(Buffer.from('PATIENT-MARKER'))).toBe(false);
      expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    }
  });

  it('the timeline says a document arrived, not what it is called', async () => {
    const timeline = await alice.get(`/api/v1/cases/${caseId}/events`);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toContain('document_uploaded');
    const stored = await server.sql.query(
      "SELECT data::text AS data FROM case_event WHERE case_id = $1 AND type = 'document_uploaded'",
      [caseId],
    );
    for (const row of stored.rows) expect(row.data).not.toContain('Oncology');
  });
});

describe('the type is read from the content and must fit the kind', () => {
  it('a photo of a letter (JPEG) is a letter', async () => {
    const sent = await upload(alice, caseId, { kind: 'letter', title: 'Referral letter' }, jpeg(), 'x.jpg');
    expect(sent.status).toBe(201);
    expect(sent.body.mediaType).toBe('image/jpeg');
  });

  it('a ".pdf" that is really a PNG is filed as the PNG it is (images are allowed for prescriptions)', async () => {
    const sent = await upload(alice, caseId, { kind: 'prescription', title: 'Rx' }, png(10_000), 'rx.pdf');
    expect(sent.status).toBe(201);
    expect(sent.body.mediaType).toBe('image/png');
  });

  it('a DICOM file is imaging', async () => {
    const sent = await upload(manager.browser, caseId, { kind: 'imaging', title: 'MRI' }, dicom(20_000));
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ mediaType: 'application/dicom', uploadedBy: { role: 'case_manager' } });
  });

  it('the DICOM viewer reads the image decrypted, and no browser or proxy may keep a copy', async () => {
    const image = syntheticDicom({ frames: 2 });
    const sent = await upload(alice, caseId, { kind: 'imaging', title: 'CT series' }, image, 'ct.dcm');
    expect(sent.status).toBe(201);
    const response = await download(manager.browser, caseId, sent.body.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
  });

  it('a text file declared as imaging is refused with 415, and nothing is stored', async () => {
    const rows = await documentRows();
    const files = storedFiles().length;
    const sent = await upload(alice, caseId, { kind: 'imaging', title: 'Not an image' }, text(), 'scan.dcm');
    expect(sent.status).toBe(415);
    expect(sent.body.code).toBe('upload.type_mismatch');
    expect(await documentRows()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });

  it('fields are checked before the file: a missing title names the field', async () => {
    const sent = await upload(alice, caseId, { kind: 'report' }, pdf(1000));
    expect(sent.status).toBe(400);
    expect(sent.body.errors.map((error: { path: string }) => error.path)).toContain('body.title');
  });

  it('a title that would read backwards to the case manager is refused, and nothing is stored', async () => {
    const rows = await documentRows();
    const files = storedFiles().length;
    // "Blood test" with a right-to-left override: shown as "tset doolB" unless refused.
    const sent = await upload(alice, caseId, { kind: 'report', title: '\u202eBlood test' }, pdf(1000));
    expect(sent.status).toBe(400);
    expect(sent.body.code).toBe('request.direction_controls');
    expect(sent.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.title']);
    expect(await documentRows()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });
});

describe('an upload that does not arrive whole leaves nothing behind', () => {
  it('over the size cap: 413, no row, no blob', async () => {
    const rows = await documentRows();
    const files = storedFiles().length;
    const sent = await upload(alice, caseId, { kind: 'imaging', title: 'Huge' }, png(MAX_BYTES + 500_000));
    expect(sent.status).toBe(413);
    expect(sent.body.code).toBe('upload.too_large');
    expect(await documentRows()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });

  it('a connection cut half-way: no row, no blob, no unfinished write', async () => {
    const rows = await documentRows();
    const files = storedFiles().length;
    const boundary = 'cut-boundary-1234';
    const head = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="kind"',
        '',
        'imaging',
        `--${boundary}`,
        'Content-Disposition: form-data; name="title"',
        '',
        'Cut short',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="a.png"',
        'Content-Type: application/octet-stream',
        '',
        '',
      ].join('\r\n'),
    );
    const content = png(400_000);
    const url = new URL(`/api/v1/cases/${caseId}/documents`, server.url);
    await new Promise<void>((resolve) => {
      const request = http.request(url, {
        method: 'POST',
        headers: {
          cookie: alice.cookieHeader(),
          origin: server.url,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + content.length + 100),
        },
      });
      request.on('error', () => resolve());
      request.write(head);
      request.write(content.subarray(0, 200_000), () => {
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 200);
      });
    });
    // The server cleans up once it notices the cut: the unfinished write goes, then the store is as
    // it was before (waited for with a bound: a busy machine takes a moment).
    await eventually(() => !storedFiles().some((file) => file.includes('.incoming')) || false);
    await vi.waitFor(() => expect(storedFiles()).toHaveLength(files), { timeout: 10_000, interval: 50 });
    expect(await documentRows()).toBe(rows);
  });
});

describe('a stored document that was tampered with is never served whole', () => {
  it('the download breaks off instead of completing', async () => {
    const original = png(300_000);
    const sent = await upload(alice, caseId, { kind: 'imaging', title: 'Tamper me' }, original);
    const { rows } = await server.sql.query('SELECT storage_key FROM case_document WHERE id = $1', [
      sent.body.id,
    ]);
    const key = rows[0].storage_key as string;
    const file = storedFiles().find((candidate) => candidate.endsWith(key))!;
    const bytes = readFileSync(file);
    bytes[150_000] = bytes[150_000]! ^ 0xff;
    writeFileSync(file, bytes);

    const response = await download(manager.browser, caseId, sent.body.id);
    let received: Buffer | undefined;
    try {
      received = Buffer.from(await response.arrayBuffer());
    } catch {
      received = undefined;
    }
    if (response.status === 200) expect(received?.equals(original) ?? false).toBe(false);
    expect(received === undefined || response.status !== 200).toBe(true);
  });
});

describe('nobody else learns the records exist', () => {
  it('another member, another case manager, a specialist, an employer admin and operations get 404', async () => {
    const list = await alice.get(`/api/v1/cases/${caseId}/documents`);
    const documentId = list.body.items[0].id as string;
    for (const outsider of [
      fatima,
      otherManager.browser,
      specialist.browser,
      employerAdmin.browser,
      ops.browser,
    ]) {
      expect((await outsider.get(`/api/v1/cases/${caseId}/documents`)).status).toBe(404);
      expect((await download(outsider, caseId, documentId)).status).toBe(404);
      const sent = await upload(outsider, caseId, { kind: 'report', title: 'x' }, pdf(1000));
      expect(sent.status).toBe(404);
    }
  });
});

describe('a large scan over a poor connection (tus)', () => {
  it('tells the largest file it takes before anything is sent (tus discovery)', async () => {
    const reply = await alice.request('OPTIONS', '/api/v1/uploads', {
      headers: { 'tus-resumable': '1.0.0' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('tus-max-size')).toBe(String(MAX_BYTES));
    expect(reply.headers.get('tus-version')).toBe('1.0.0');
  });

  it('is resumed from the offset after the connection drops, and becomes a document', async () => {
    const content = dicom(600_000);
    const metadata = [
      ['caseId', caseId],
      ['kind', 'imaging'],
      ['title', 'Resumed MRI'],
      ['filename', 'mri-of-alice.dcm'],
    ]
      .map(([name, value]) => `${name} ${Buffer.from(value!).toString('base64')}`)
      .join(',');
    const created = await alice.request('POST', '/api/v1/uploads', {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(content.length),
        'upload-metadata': metadata,
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]+$/);

    // Half the file, then the connection drops.
    const url = new URL(location, server.url);
    await new Promise<void>((resolve) => {
      const request = http.request(url, {
        method: 'PATCH',
        headers: {
          cookie: alice.cookieHeader(),
          origin: server.url,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(content.length),
        },
      });
      request.on('error', () => resolve());
      request.write(content.subarray(0, 300_000), () => {
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 300);
      });
    });

    const head = async (browser: Browser) =>
      browser.request('HEAD', location, { headers: { 'tus-resumable': '1.0.0' } });
    let offset = 0;
    await eventually(async () => {
      const reply = await head(alice);
      offset = Number(reply.headers.get('upload-offset'));
      return reply.status === 200 && offset > 0;
    });
    expect(offset).toBeLessThanOrEqual(300_000);
    expect((await head(fatima)).status).toBe(404);

    const rest = await alice.request('PATCH', location, {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: content.subarray(offset),
    });
    expect(rest.status).toBe(204);
    const documentPath = rest.headers.get('content-location')!;
    expect(documentPath).toMatch(new RegExp(`^/api/v1/cases/${caseId}/documents/`));

    const documentId = documentPath.split('/').pop()!;
    const response = await download(manager.browser, caseId, documentId);
    expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
    expect((await head(alice)).status).toBe(404);
    // The staging area never held a readable title, and is empty again.
    expect(readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses at creation what the multipart path would refuse: an unknown case, a missing title', async () => {
    const metadata = (fields: Record<string, string>) =>
      Object.entries(fields)
        .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
        .join(',');
    const create = (browser: Browser, fields: Record<string, string>) =>
      browser.request('POST', '/api/v1/uploads', {
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '1000', 'upload-metadata': metadata(fields) },
      });
    expect((await create(fatima, { caseId, kind: 'report', title: 'x' })).status).toBe(404);
    const noTitle = await create(alice, { caseId, kind: 'report' });
    expect(noTitle.status).toBe(400);
    const reversed = await create(alice, { caseId, kind: 'report', title: 'MRI \u2067scan' });
    expect(reversed.status).toBe(400);
    expect(JSON.parse(reversed.body as string).code).toBe('request.direction_controls');
    const tooBig = await alice.request('POST', '/api/v1/uploads', {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(MAX_BYTES + 1),
        'upload-metadata': metadata({ caseId, kind: 'report', title: 'x' }),
      },
    });
    expect(tooBig.status).toBe(413);
  });
});

describe('the case manager asks for records and ticks them off', () => {
  it('after the first contact, the first records asked for start the gathering of the case', async () => {
    const submitted = await alice.post('/api/v1/cases', caseRequest);
    const contacted = await manager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    expect(contacted.body.status).toBe('contacted');
    for (const description of ['The pathology report', 'The CT scan']) {
      const asked = await manager.browser.post(`/api/v1/cases/${submitted.body.id}/record-requests`, {
        kind: 'report',
        description,
        requestedFrom: 'member',
      });
      expect(asked.status).toBe(201);
    }
    const now = await alice.get(`/api/v1/cases/${submitted.body.id}`);
    expect(now.body).toMatchObject({ status: 'gathering_information', version: contacted.body.version + 1 });
    const timeline = await alice.get(`/api/v1/cases/${submitted.body.id}/events`);
    const moves = timeline.body.items.filter((event: { type: string }) => event.type === 'start_gathering');
    expect(moves).toHaveLength(1);
    expect(JSON.stringify(timeline.body)).not.toContain('pathology');
  });

  it('outstanding until an upload answers the request, then received with its document', async () => {
    const asked = await manager.browser.post(`/api/v1/cases/${caseId}/record-requests`, {
      kind: 'test_result',
      description: 'Your latest blood test',
      requestedFrom: 'member',
    });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('outstanding');
    // The member is told by e-mail that records were asked for, not which ones.
    const mail = await server.sql.query(
      `SELECT params FROM notification_outbox WHERE template = 'case.records_requested' AND params->>'caseId' = $1`,
      [caseId],
    );
    expect(mail.rows).toHaveLength(1);
    expect(JSON.stringify(mail.rows[0].params)).not.toContain('blood');
    expect(
      (
        await alice.post(`/api/v1/cases/${caseId}/record-requests`, {
          kind: 'report',
          description: 'x',
          requestedFrom: 'member',
        })
      ).status,
    ).toBe(403);

    const before = await alice.get(`/api/v1/cases/${caseId}/record-requests`);
    expect(before.body).toMatchObject({ requested: 1, received: 0, outstanding: 1 });

    const sent = await upload(
      alice,
      caseId,
      { kind: 'test_result', title: 'Blood test', recordRequestId: asked.body.id },
      text(),
    );
    expect(sent.status).toBe(201);
    const after = await manager.browser.get(`/api/v1/cases/${caseId}/record-requests`);
    expect(after.body).toMatchObject({ requested: 1, received: 1, outstanding: 0 });
    expect(after.body.items[0]).toMatchObject({ status: 'received', document: { id: sent.body.id } });

    const again = await upload(
      alice,
      caseId,
      { kind: 'test_result', title: 'Blood test again', recordRequestId: asked.body.id },
      text(),
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('record_request.not_outstanding');

    const timeline = await manager.browser.get(`/api/v1/cases/${caseId}/events`);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toContain('record_requested');
  });
});

describe('the member decides what may be shared with specialists', () => {
  it('a consent given, then withdrawn, shows in the list; the review room sees none in force', async () => {
    const list = await alice.get(`/api/v1/cases/${caseId}/documents`);
    const chosen = [list.body.items[0].id as string];
    const given = await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, {
      scope: 'selected',
      documentIds: chosen,
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ scope: 'selected', documentIds: chosen, active: true });
    expect(await activeSharingConsent(server.runtime.db, caseId)).toMatchObject({
      id: given.body.id,
      scope: 'selected',
      documentIds: chosen,
    });
    expect(
      (await manager.browser.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' })).status,
    ).toBe(403);

    const withdrawn = await alice.post(
      `/api/v1/cases/${caseId}/sharing-consents/${given.body.id}/withdrawal`,
    );
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.active).toBe(false);
    const twice = await alice.post(`/api/v1/cases/${caseId}/sharing-consents/${given.body.id}/withdrawal`);
    expect(twice.body.code).toBe('consent.already_withdrawn');

    const consents = await manager.browser.get(`/api/v1/cases/${caseId}/sharing-consents`);
    expect(consents.body.items).toHaveLength(1);
    expect(consents.body.items[0]).toMatchObject({ id: given.body.id, active: false });
    expect(consents.body.items[0].withdrawnAt).not.toBeNull();
    expect(await activeSharingConsent(server.runtime.db, caseId)).toBeNull();

    const unknown = await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, {
      scope: 'selected',
      documentIds: ['0190f2c4-0000-7000-8000-000000000000'],
    });
    expect(unknown.body.code).toBe('consent.document_unknown');
  });
});

describe('the sweeper', () => {
  it('removes blobs without metadata and uploads left unfinished for a day, and keeps the rest', async () => {
    const blobs = documentBlobs(server.runtime.config);
    await blobs.write('0190f2c4-dead-7000-8000-00000000beef', async (sink) => {
      sink.end(Buffer.from('orphan'));
      await new Promise((resolve) => sink.once('finish', resolve));
    });
    const created = await alice.request('POST', '/api/v1/uploads', {
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': '5000',
        'upload-metadata': `caseId ${Buffer.from(caseId).toString('base64')},kind ${Buffer.from('report').toString('base64')},title ${Buffer.from('Left behind').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const rows = await documentRows();
    const kept = storedFiles().length - 1;

    const fresh = await sweepOrphanBlobs(server.runtime);
    expect(fresh).toEqual({ orphanBlobsDeleted: 0, unfinishedWritesDeleted: 0, staleUploadsDeleted: 0 });

    server.clock.advance(25 * 60 * 60 * 1000);
    const swept = await sweepOrphanBlobs(server.runtime);
    expect(swept).toEqual({ orphanBlobsDeleted: 1, unfinishedWritesDeleted: 0, staleUploadsDeleted: 1 });
    expect(storedFiles()).toHaveLength(kept);
    expect(await documentRows()).toBe(rows);
    expect(readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });
});
