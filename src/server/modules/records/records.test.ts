import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { extractPdfText } from '../../../../test/support/pdf.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { fireDueClocks } from '../sla/service.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MAX_BYTES = 1_000_000;
const DAY = 86_400_000;
const MARKER = 'PATHOLOGY-MARKER-91c2: invasive ductal carcinoma';

let server: TestServer;
let dataDir: string;
let alice: Browser;
let fatima: Browser;
let clinic: Browser;
let manager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let caseId: string;
let fatimaCaseId: string;

const caseRequest = (firstOpinion?: object) => ({
  concern: 'A second opinion on my biopsy, please.',
  diagnosisReceived: 'Breast lump',
  questions: ['Is the diagnosis right?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '+34 612 34 56 78',
  timeZone: 'Europe/Madrid',
  preferredContactWindows: [],
  location: { country: 'ES', city: 'Madrid' },
  ...(firstOpinion ? { firstOpinion } : {}),
});

const pdf = (size = 400_000) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7\n% ${MARKER}\n`),
    Buffer.alloc(size, `BT /F1 12 Tf (${MARKER}) Tj ET\n`),
    Buffer.from('\n%%EOF\n'),
  ]);

const sweep = () => fireDueClocks(systemContext(server.runtime, `sweep-${uuidv7()}`));

const tokenHeader = (token: string) => ({ 'provider-link-token': token });

const openPage = (requestId: string, token: string) =>
  clinic.request('GET', `/api/v1/provider-links/${requestId}`, { headers: tokenHeader(token) });

const answer = (requestId: string, token: string, value: 'sent_everything' | 'not_held') =>
  clinic.request('POST', `/api/v1/provider-links/${requestId}/answers`, {
    headers: tokenHeader(token),
    json: { answer: value },
  });

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** The provider sends a whole file through the resumable upload, in one go. */
async function providerUpload(requestId: string, token: string, kind: string, content: Buffer) {
  const created = await clinic.request('POST', '/api/v1/provider-uploads', {
    headers: {
      ...tokenHeader(token),
      'tus-resumable': '1.0.0',
      'upload-length': String(content.length),
      'upload-metadata': metadata({ requestId, kind, title: 'Informe' }),
    },
  });
  if (created.status !== 201) return created;
  return clinic.request('PATCH', created.headers.get('location')!, {
    headers: {
      ...tokenHeader(token),
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    body: content,
  });
}

/** The link e-mailed to a provider: its request and token, read from the outbox as the relay would send it. */
async function linkSentFor(requestId: string) {
  const { rows } = await server.sql.query(
    `SELECT recipient_address, locale, params FROM notification_outbox
     WHERE template = 'records.provider_request' AND params->>'providerRequestId' = $1`,
    [requestId],
  );
  expect(rows).toHaveLength(1);
  return {
    address: rows[0].recipient_address as string,
    locale: rows[0].locale as string,
    params: rows[0].params,
  };
}

async function documentRows(): Promise<number> {
  return (await server.sql.query('SELECT count(*)::int AS n FROM case_document')).rows[0].n as number;
}

async function auditActions(action: string): Promise<{ outcome: string; details: unknown }[]> {
  const { rows } = await server.sql.query(
    'SELECT outcome, details FROM audit_event WHERE action = $1 ORDER BY seq NULLS LAST, occurred_at',
    [action],
  );
  return rows;
}

/** The case manager adds a provider, asks for records, and the member signs the release: the link's token. */
async function givenLinkSent(input: { email: string; kinds?: string[]; releaseKinds?: string[] }) {
  const provider = await manager.browser.post(`/api/v1/cases/${caseId}/providers`, {
    name: 'Dra. Lucía Romero',
    institution: 'Clínica Serrano',
    country: 'ES',
    email: input.email,
    language: 'es',
  });
  expect(provider.status, JSON.stringify(provider.body)).toBe(201);
  const asked = await manager.browser.post(`/api/v1/cases/${caseId}/provider-requests`, {
    providerId: provider.body.id,
    kinds: input.kinds ?? ['report'],
  });
  expect(asked.status).toBe(201);
  const signed = await alice.post(`/api/v1/cases/${caseId}/releases`, {
    providerId: provider.body.id,
    kinds: input.releaseKinds ?? input.kinds ?? ['report'],
    validUntil: '2099-12-31',
    signedName: 'Alice Tester',
    agreed: true,
    language: 'es',
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(201);
  const { params } = await linkSentFor(asked.body.id);
  return {
    providerId: provider.body.id as string,
    requestId: asked.body.id as string,
    releaseId: signed.body.id as string,
    token: params.linkToken as string,
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-records-'));
  server = await startTestServer({ DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
  await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@records.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@records.test',
  );
  const submitted = await alice.post(
    '/api/v1/cases',
    caseRequest({ doctorName: 'Dr. Javier Ortega', institution: 'Hospital La Paz', country: 'ES' }),
  );
  expect(submitted.body.caseManager?.id, JSON.stringify(submitted.body)).toBe(manager.account.userId);
  caseId = submitted.body.id;
  fatimaCaseId = (await fatima.post('/api/v1/cases', caseRequest())).body.id;
  clinic = new Browser(server.url);
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the case manager gathers records from the treating doctors, with the member’s release', () => {
  let providerId: string;
  let requestId: string;
  let token: string;

  it('the doctor the member named is offered as a provider; the case manager adds them with an e-mail and a language', async () => {
    const before = await manager.browser.get(`/api/v1/cases/${caseId}/providers`);
    expect(before.status).toBe(200);
    expect(before.body.fromRequest).toEqual({
      name: 'Dr. Javier Ortega',
      institution: 'Hospital La Paz',
      country: 'ES',
    });
    const added = await manager.browser.post(`/api/v1/cases/${caseId}/providers`, {
      name: 'Dr. Javier Ortega',
      institution: 'Hospital La Paz',
      country: 'ES',
      email: 'ortega@lapaz.test',
      language: 'es',
      origin: 'member_request',
    });
    expect(added.status).toBe(201);
    providerId = added.body.id;
    const after = await manager.browser.get(`/api/v1/cases/${caseId}/providers`);
    expect(after.body.fromRequest).toBeNull();
    expect(after.body.items[0]).toMatchObject({
      name: 'Dr. Javier Ortega',
      email: 'ortega@lapaz.test',
      origin: 'member_request',
    });
    // The member sees who, not the address the case manager writes to.
    const seen = await alice.get(`/api/v1/cases/${caseId}/providers`);
    expect(seen.body.items[0]).toMatchObject({ name: 'Dr. Javier Ortega', email: null });
    // Another member learns nothing.
    expect((await fatima.get(`/api/v1/cases/${caseId}/providers`)).status).toBe(404);
  });

  it('a request waits for the release: nothing is sent to the provider before the member signs', async () => {
    const ask = () =>
      manager.browser.request('POST', `/api/v1/cases/${caseId}/provider-requests`, {
        json: { providerId, kinds: ['report', 'test_result'] },
        headers: { 'idempotency-key': 'ask-ortega-reports-1' },
      });
    const asked = await ask();
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('requested');
    requestId = asked.body.id;
    // The answer was lost and the workspace sends it again: the same request, made once.
    const again = await ask();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(requestId);
    const made = await server.sql.query(
      'SELECT count(*)::int AS n FROM provider_record_request WHERE case_id = $1',
      [caseId],
    );
    expect(made.rows[0].n).toBe(1);
    // The same key with another request is refused, and nothing is made.
    const reused = await manager.browser.request('POST', `/api/v1/cases/${caseId}/provider-requests`, {
      json: { providerId, kinds: ['imaging'] },
      headers: { 'idempotency-key': 'ask-ortega-reports-1' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
    const { rows } = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'records.provider_request'`,
    );
    expect(rows[0].n).toBe(0);
    const checklist = await alice.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items.map((item: { status: string }) => item.status)).toEqual(['requested']);
    expect(checklist.body.complete).toBe(false);
  });

  it('the member signs the release in Spanish: the signed PDF is filed, and the provider gets a link in Spanish with no health data', async () => {
    const form = {
      providerId,
      kinds: ['report', 'test_result'],
      validUntil: '2099-12-31',
      signedName: 'Alice Tester',
      agreed: true,
      language: 'es',
    };
    const sign = () =>
      alice.request('POST', `/api/v1/cases/${caseId}/releases`, {
        json: form,
        headers: { 'idempotency-key': 'release-alice-ortega-1' },
      });
    const signed = await sign();
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    // The answer was lost and the phone sends it again: the same release, signed once.
    const again = await sign();
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(signed.body.id);
    const releases = await server.sql.query('SELECT count(*)::int AS n FROM record_release');
    expect(releases.rows[0].n).toBe(1);
    expect(signed.body).toMatchObject({
      active: true,
      signedName: 'Alice Tester',
      kinds: ['report', 'test_result'],
    });
    const stored = await server.sql.query('SELECT client_address FROM record_release WHERE id = $1', [
      signed.body.id,
    ]);
    expect(stored.rows[0].client_address).toMatch(/127\.0\.0\.1/);

    // The signed release, read back as a reader would copy it.
    const content = await fetch(
      `${server.url}/api/v1/cases/${caseId}/documents/${signed.body.documentId}/content`,
      {
        headers: { cookie: alice.cookieHeader(), origin: server.url },
      },
    );
    expect(content.status).toBe(200);
    const text = await extractPdfText(new Uint8Array(await content.arrayBuffer()));
    for (const words of [
      'Autorización para la entrega de historiales médicos',
      'Alice Tester',
      'Hospital La Paz',
      'Informes',
      'Resultados de pruebas',
      '2099-12-31',
      '1980-02-29',
    ])
      expect(text).toContain(words);

    const sent = await linkSentFor(requestId);
    expect(sent).toMatchObject({ address: 'ortega@lapaz.test', locale: 'es' });
    expect(Object.keys(sent.params).sort()).toEqual(['expiresAt', 'linkToken', 'providerRequestId']);
    token = sent.params.linkToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is kept with the request.
    const hashed = await server.sql.query(
      'SELECT encode(token_hash, $2) AS h FROM provider_record_request WHERE id = $1',
      [requestId, 'hex'],
    );
    expect(hashed.rows[0].h).toHaveLength(64);
    expect(hashed.rows[0].h).not.toContain(Buffer.from(token).toString('hex'));

    const checklist = await manager.browser.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items[0]).toMatchObject({ status: 'sent', releaseId: signed.body.id });
  });

  it('the provider, with no account, opens the page: the patient, the records asked for and the release; the use is audited', async () => {
    const page = await openPage(requestId, token);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({
      language: 'es',
      patient: { name: 'Alice Tester', dateOfBirth: '1980-02-29' },
      kinds: ['report', 'test_result'],
      release: {
        signedName: 'Alice Tester',
        providerName: 'Dr. Javier Ortega',
        institution: 'Hospital La Paz',
      },
    });
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    // Nothing of the member's request leaks to the provider.
    expect(JSON.stringify(page.body)).not.toContain('Breast lump');
    const opened = await auditActions('provider_link.opened');
    expect(opened.at(-1)?.details).toEqual({ first: true });
    const checklist = await alice.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items[0].status).toBe('opened');
  });

  it('the provider’s resumable upload survives a dropped connection and becomes a document from the treating provider', async () => {
    const content = pdf(600_000);
    const created = await clinic.request('POST', '/api/v1/provider-uploads', {
      headers: {
        ...tokenHeader(token),
        'tus-resumable': '1.0.0',
        'upload-length': String(content.length),
        'upload-metadata': metadata({ requestId, kind: 'report', title: 'Informe de anatomía patológica' }),
      },
    });
    expect(created.status, String(created.body)).toBe(201);
    const location = created.headers.get('location')!;
    const url = new URL(location, server.url);
    await new Promise<void>((resolve) => {
      const request = http.request(url, {
        method: 'PATCH',
        headers: {
          ...tokenHeader(token),
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
    const head = (headers: Record<string, string>) =>
      clinic.request('HEAD', location, { headers: { ...headers, 'tus-resumable': '1.0.0' } });
    let offset = 0;
    await vi.waitFor(
      async () => {
        const reply = await head(tokenHeader(token));
        offset = Number(reply.headers.get('upload-offset'));
        if (!(reply.status === 200 && offset > 0)) throw new Error('not resumable yet');
      },
      { timeout: 10_000, interval: 50 },
    );
    // Without the link's token the upload does not exist.
    expect((await head({})).status).toBe(404);
    const rest = await clinic.request('PATCH', location, {
      headers: {
        ...tokenHeader(token),
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: content.subarray(offset),
    });
    expect(rest.status, String(rest.body)).toBe(204);

    const documents = await manager.browser.get(`/api/v1/cases/${caseId}/documents`);
    const fromProvider = documents.body.items.find(
      (item: { source: string }) => item.source === 'treating_provider',
    );
    expect(fromProvider).toMatchObject({
      kind: 'report',
      mediaType: 'application/pdf',
      uploadedBy: { role: 'treating_provider', name: 'Dr. Javier Ortega, Hospital La Paz' },
    });
    const download = await fetch(
      `${server.url}/api/v1/cases/${caseId}/documents/${fromProvider.id}/content`,
      {
        headers: { cookie: manager.browser.cookieHeader(), origin: server.url },
      },
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    expect(readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
    const received = await auditActions('provider_link.upload_received');
    expect(received).toHaveLength(1);
    expect(JSON.stringify(received)).not.toContain('anatomía');
  });

  it('a file that is not what it claims, or over the cap, is refused and nothing is stored', async () => {
    const before = await documentRows();
    // A DICOM image sent as a report, and bytes that are no known file type.
    const dicom = randomBytes(5000);
    dicom.fill(0, 0, 128);
    dicom.write('DICM', 128, 'ascii');
    const mismatch = await providerUpload(requestId, token, 'report', dicom);
    expect(mismatch.status).toBe(415);
    expect(JSON.parse(mismatch.body as string).code).toBe('upload.type_mismatch');
    const unknown = await providerUpload(
      requestId,
      token,
      'test_result',
      Buffer.concat([Buffer.from([0, 1, 2, 3]), randomBytes(4000)]),
    );
    expect(unknown.status).toBe(415);
    const tooBig = await clinic.request('POST', '/api/v1/provider-uploads', {
      headers: {
        ...tokenHeader(token),
        'tus-resumable': '1.0.0',
        'upload-length': String(MAX_BYTES + 1),
        'upload-metadata': metadata({ requestId, kind: 'report', title: 'x' }),
      },
    });
    expect(tooBig.status).toBe(413);
    // A kind the member did not release.
    const notReleased = await providerUpload(requestId, token, 'imaging', pdf(1000));
    expect(notReleased.status).toBe(422);
    expect(await documentRows()).toBe(before);
  });

  it('the provider says everything is sent: the checklist is complete for the case manager and the member; the link is finished', async () => {
    expect((await answer(requestId, token, 'sent_everything')).status).toBe(204);
    for (const viewer of [manager.browser, alice]) {
      const checklist = await viewer.get(`/api/v1/cases/${caseId}/provider-requests`);
      expect(checklist.body.complete).toBe(true);
      expect(checklist.body.items[0]).toMatchObject({ status: 'received', documentCount: 1 });
    }
    // An upload after "sent everything": the page says the link is finished, in the provider's language.
    const before = await documentRows();
    const late = await providerUpload(requestId, token, 'report', pdf(1000));
    expect(late.status).toBe(410);
    const again = await openPage(requestId, token);
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'provider_link.closed', reason: 'finished', language: 'es' });
    expect(await documentRows()).toBe(before);
  });

  it('operations see the case on the collection clock, with its median and p90; nobody else does', async () => {
    const clock = await ops.browser.get('/api/v1/records-collection-clock');
    expect(clock.status).toBe(200);
    const entry = clock.body.cases.find((item: { caseId: string }) => item.caseId === caseId);
    expect(entry).toBeDefined();
    expect(entry.hours).toBeGreaterThanOrEqual(0);
    expect(clock.body.medianHours).not.toBeNull();
    expect(clock.body.p90Hours).not.toBeNull();
    expect(clock.body.weeks.length).toBeGreaterThan(0);
    expect((await alice.get('/api/v1/records-collection-clock')).status).toBe(404);
    expect((await manager.browser.get('/api/v1/records-collection-clock')).status).toBe(404);
  });
});

describe('links that do not open anything', () => {
  it('a link used for another request gets 404 and nothing is stored', async () => {
    const first = await givenLinkSent({ email: 'first@clinic.test' });
    const second = await givenLinkSent({ email: 'second@clinic.test' });
    const before = await documentRows();
    expect((await openPage(second.requestId, first.token)).status).toBe(404);
    expect((await answer(second.requestId, first.token, 'sent_everything')).status).toBe(404);
    expect(await documentRows()).toBe(before);
    const refused = await auditActions('provider_link.refused');
    expect(refused.at(-1)).toMatchObject({ details: { reason: 'other_request' } });
  });

  it('a withdrawn release stops the link at once: no page, no upload', async () => {
    const { requestId, releaseId, token } = await givenLinkSent({ email: 'withdrawn@clinic.test' });
    expect((await openPage(requestId, token)).status).toBe(200);
    const withdrawn = await alice.post(`/api/v1/cases/${caseId}/releases/${releaseId}/withdrawal`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.active).toBe(false);
    const before = await documentRows();
    const upload = await providerUpload(requestId, token, 'report', pdf(1000));
    expect(upload.status).toBe(410);
    const page = await openPage(requestId, token);
    expect(page.body).toMatchObject({ reason: 'withdrawn', language: 'es' });
    expect(await documentRows()).toBe(before);
    const checklist = await alice.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items.find((item: { id: string }) => item.id === requestId).status).toBe(
      'withdrawn',
    );
    expect((await alice.post(`/api/v1/cases/${caseId}/releases/${releaseId}/withdrawal`, {})).status).toBe(
      409,
    );
  });

  it('a link the case manager revoked says so', async () => {
    const { requestId, token } = await givenLinkSent({ email: 'revoked@clinic.test' });
    expect(
      (await manager.browser.post(`/api/v1/cases/${caseId}/provider-requests/${requestId}/revocation`, {}))
        .status,
    ).toBe(200);
    const page = await openPage(requestId, token);
    expect(page.status).toBe(410);
    expect(page.body.reason).toBe('revoked');
  });

  it('a provider who does not hold the records says so; the request is answered "not held"', async () => {
    const { requestId, token } = await givenLinkSent({ email: 'notheld@clinic.test' });
    expect((await answer(requestId, token, 'not_held')).status).toBe(204);
    const checklist = await manager.browser.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items.find((item: { id: string }) => item.id === requestId).status).toBe(
      'not_held',
    );
  });
});

describe('what the member may not sign', () => {
  it('a release for a provider of another member’s case is refused and changes nothing', async () => {
    const other = await manager.browser.post(`/api/v1/cases/${fatimaCaseId}/providers`, {
      name: 'Dr. Other',
      institution: 'Elsewhere',
      country: 'ES',
      email: 'other@elsewhere.test',
      language: 'es',
    });
    expect(other.status).toBe(201);
    const releases = async () =>
      (await server.sql.query('SELECT count(*)::int AS n FROM record_release')).rows[0].n;
    const before = { releases: await releases(), documents: await documentRows() };
    const signed = await alice.post(`/api/v1/cases/${caseId}/releases`, {
      providerId: other.body.id,
      kinds: ['report'],
      validUntil: '2099-12-31',
      signedName: 'Alice Tester',
      agreed: true,
      language: 'es',
    });
    expect(signed.status).toBe(422);
    expect(signed.body.code).toBe('provider.unknown');
    // Nor may she sign on the other member's case.
    const foreign = await alice.post(`/api/v1/cases/${fatimaCaseId}/releases`, {
      providerId: other.body.id,
      kinds: ['report'],
      validUntil: '2099-12-31',
      signedName: 'Alice Tester',
      agreed: true,
      language: 'es',
    });
    expect(foreign.status).toBe(404);
    expect({ releases: await releases(), documents: await documentRows() }).toEqual(before);
  });

  it('an unticked form, a past date or no kinds are refused; the case manager cannot sign for the member', async () => {
    const providers = await manager.browser.get(`/api/v1/cases/${caseId}/providers`);
    const providerId = providers.body.items[0].id;
    const base = {
      providerId,
      kinds: ['report'],
      validUntil: '2099-12-31',
      signedName: 'Alice Tester',
      agreed: true,
      language: 'es',
    };
    expect((await alice.post(`/api/v1/cases/${caseId}/releases`, { ...base, agreed: false })).status).toBe(
      400,
    );
    expect((await alice.post(`/api/v1/cases/${caseId}/releases`, { ...base, kinds: [] })).status).toBe(400);
    const past = await alice.post(`/api/v1/cases/${caseId}/releases`, { ...base, validUntil: '2020-01-01' });
    expect(past.body.code).toBe('release.valid_until_past');
    expect((await manager.browser.post(`/api/v1/cases/${caseId}/releases`, base)).status).toBe(403);
  });
});

describe('reminders, then overdue', () => {
  it('the provider is reminded on day 3 and day 7, once each; at expiry the case manager is told and the link says it expired', async () => {
    const { requestId, token } = await givenLinkSent({ email: 'slow@clinic.test' });
    const count = async (template: string) =>
      (
        await server.sql.query(
          `SELECT count(*)::int AS n FROM notification_outbox WHERE template = $1 AND dedupe_key LIKE $2`,
          [template, `${template}:${requestId}%`],
        )
      ).rows[0].n;
    server.clock.advance(3 * DAY + 60_000);
    await sweep();
    await sweep();
    expect(await count('records.provider_reminder')).toBe(1);
    server.clock.advance(4 * DAY);
    await sweep();
    expect(await count('records.provider_reminder')).toBe(2);
    server.clock.advance(7 * DAY);
    await sweep();
    await sweep();
    expect(await count('records.request_overdue')).toBe(1);
    const checklist = await manager.browser.get(`/api/v1/cases/${caseId}/provider-requests`);
    expect(checklist.body.items.find((item: { id: string }) => item.id === requestId).status).toBe('overdue');
    const page = await openPage(requestId, token);
    expect(page.status).toBe(410);
    expect(page.body).toMatchObject({ reason: 'expired', language: 'es' });
    const before = await documentRows();
    expect((await providerUpload(requestId, token, 'report', pdf(1000))).status).toBe(410);
    expect(await documentRows()).toBe(before);
  });
});

// Last: the guesses use up this address's tries for the minute.
describe('guessing', () => {
  it('a guessed token gets 404, is audited, and guessing is rate-limited', async () => {
    const { requestId } = await givenLinkSent({ email: 'guess@clinic.test' });
    const guessed = await openPage(requestId, randomBytes(32).toString('base64url'));
    expect(guessed.status).toBe(404);
    const refused = await auditActions('provider_link.refused');
    expect(refused.at(-1)).toMatchObject({ outcome: 'denied', details: { reason: 'unknown_token' } });
    let limited = false;
    for (let attempt = 0; attempt < 40 && !limited; attempt += 1) {
      const reply = await openPage(requestId, randomBytes(32).toString('base64url'));
      if (reply.status === 429) limited = true;
      else expect(reply.status).toBe(404);
    }
    expect(limited).toBe(true);
  });
});
