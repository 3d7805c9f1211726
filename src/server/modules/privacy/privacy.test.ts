import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import { fetchBytes as fetchArchiveBytes, unzip } from '../../../../test/support/archive.js';
import { Browser } from '../../../../test/support/client.js';
import { bundleIssues, danglingReferences } from '../../../../test/support/fhir.js';
import {
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { documentBlobs } from '../documents/index.js';
import { sweepOrphanBlobs } from '../documents/service.js';
import { remindDueRequests } from './requests.js';
import { buildExport, sweepExpiredExports } from './service.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MARKER = 'PRIVACY-MARKER-91c2: biopsy of the left kidney';
const CONCERN = 'Worried about my kidney biopsy, second opinion please';
const PHONE = '+34 612 34 56 78';

let server: TestServer;
let dataDir: string;
let alice: Browser;
let fatima: Browser;
let officer: { browser: Browser; account: StaffAccount };
let manager: { browser: Browser; account: StaffAccount };
let aliceCase: { id: string; version: number; number: string };
let reportBytes: Buffer;

const pdf = () =>
  Buffer.concat([Buffer.from(`%PDF-1.7\n% ${MARKER}\n`), randomBytes(150_000), Buffer.from('\n%%EOF\n')]);

async function submitCase(member: Browser, country = 'ES') {
  const submitted = await member.post('/api/v1/cases', {
    concern: CONCERN,
    diagnosisReceived: 'Renal mass',
    questions: ['Is surgery needed?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: PHONE,
    timeZone: 'Europe/Madrid',
    location: { country, city: 'Valencia' },
  });
  expect(submitted.status).toBe(201);
  return submitted.body as { id: string; version: number; number: string };
}

async function upload(member: Browser, caseId: string, content: Buffer) {
  const form = new FormData();
  form.append('kind', 'report');
  form.append('title', 'Biopsy report');
  form.append(
    'file',
    new Blob([new Uint8Array(content)], { type: 'application/octet-stream' }),
    'report.pdf',
  );
  const sent = await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
  expect(sent.status).toBe(201);
  return sent.body as { id: string };
}

async function withdraw(member: Browser, caseId: string) {
  const current = await member.get(`/api/v1/cases/${caseId}`);
  const withdrawn = await member.post(`/api/v1/cases/${caseId}/withdrawal`, {
    version: current.body.version,
    reason: 'Answered elsewhere',
  });
  expect(withdrawn.status).toBe(201);
}

const fetchBytes = (browser: Browser, pathname: string) => fetchArchiveBytes(server.url, browser, pathname);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-privacy-'));
  server = await startTestServer({
    DATA_DIR: dataDir,
    ERASURE_LEDGER_FILE: path.join(dataDir, 'erasure-ledger.jsonl'),
    RECORD_RETENTION_YEARS: '10',
    // Sweden's records, in these stories, may go as soon as the case has ended.
    RECORD_RETENTION_BY_COUNTRY: 'SE=0',
  });
  await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  officer = await givenStaffSignedIn(server, 'privacy_officer');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@privacy.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@privacy.test',
  );
  aliceCase = await submitCase(alice);
  reportBytes = pdf();
  await upload(alice, aliceCase.id, reportBytes);
  expect(
    (await alice.post(`/api/v1/cases/${aliceCase.id}/messages`, { body: `Hello, ${MARKER}` })).status,
  ).toBe(201);
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a member downloads everything we hold about them', () => {
  let exportId: string;
  let downloadPath: string;

  it('asks for the archive: it is built in the background, and asking again returns the same one', async () => {
    const asked = await alice.post('/api/v1/me/data-exports');
    expect(asked.status).toBe(202);
    expect(asked.body.status).toBe('building');
    exportId = asked.body.id;
    const again = await alice.post('/api/v1/me/data-exports', {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: exportId, status: 'building' });
    // The job the request sent (the worker's, in production).
    await buildExport(server.runtime, exportId);
    const ready = (await alice.get(`/api/v1/me/data-exports/${exportId}`)).body;
    expect(ready.status).toBe('ready');
    expect(ready.downloadPath).toBe(`/api/v1/me/data-exports/${exportId}/archive`);
    downloadPath = ready.downloadPath!;
    // The link carries the archive's id and nothing of its content.
    expect(downloadPath).not.toContain('M-1000');
  });

  it('opens the archive: the JSON tells their data, the document is the bytes they uploaded', async () => {
    const download = await fetchBytes(alice, downloadPath);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const entries = await unzip(download.bytes);
    const data = JSON.parse(entries.get('consilium-export/data.json')!.toString('utf8'));
    expect(data.person).toMatchObject({
      memberNumber: 'M-1000-01',
      givenName: 'Alice',
      dateOfBirth: '1980-02-29',
    });
    expect(data.account.email).toBe('alice@privacy.test');
    expect(data.cases).toHaveLength(1);
    const [kase] = data.cases;
    expect(kase.concern).toBe(CONCERN);
    expect(kase.messages.map((m: { body: string }) => m.body)).toContain(`Hello, ${MARKER}`);
    expect(kase.timeline.length).toBeGreaterThan(0);
    const [document] = kase.documents;
    expect(document.title).toBe('Biopsy report');
    expect(entries.get(document.file)).toEqual(reportBytes);
    expect(data.accessLog.some((entry: { action: string }) => entry.action === 'data_export.requested')).toBe(
      true,
    );
    expect(entries.get('consilium-export/README.txt')!.toString()).toContain('FHIR');
  });

  it('finds each case as a FHIR R4 Bundle that passes the validator, its documents pointing at their files', async () => {
    const download = await fetchBytes(alice, downloadPath);
    const entries = await unzip(download.bytes);
    const bundle = JSON.parse(
      entries.get(`consilium-export/fhir/${aliceCase.number}.json`)!.toString('utf8'),
    ) as Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
    const resources = bundle.entry!.map((entry) => entry.resource!);
    const patient = resources.find((resource) => resource.resourceType === 'Patient');
    expect(patient).toMatchObject({ birthDate: '1980-02-29' });
    const communications = resources.filter((resource) => resource.resourceType === 'Communication');
    expect(JSON.stringify(communications)).toContain(MARKER);
    // What the member's own page shows: no staff-only entry, and the document is the file beside it.
    const [reference] = resources.filter(
      (resource): resource is DocumentReference => resource.resourceType === 'DocumentReference',
    );
    const file = reference!.content[0]!.attachment.url!;
    expect(file).toMatch(/^\.\.\/documents\//);
    expect(entries.get(path.posix.join('consilium-export/fhir', file))).toEqual(reportBytes);
    // Built by the job for the member's request: the trail says so, with the archive's id.
    const audited = await server.sql.query(
      `SELECT actor_role, subject_member_id IS NOT NULL AS about_member, purpose, details
         FROM audit_event WHERE action = 'case.fhir_exported' AND entity_id = $1`,
      [aliceCase.id],
    );
    expect(audited.rows).toEqual([
      {
        actor_role: 'system',
        about_member: true,
        purpose: 'privacy',
        details: { withContent: false, dataExportId: exportId },
      },
    ]);
  });

  it('the archive is stored encrypted: the marker is nowhere in the document store', async () => {
    const row = await server.sql.query('SELECT storage_key, wrapped_key FROM data_export WHERE id = $1', [
      exportId,
    ]);
    expect(row.rows[0].wrapped_key.length).toBeGreaterThan(0);
    const chunks: Buffer[] = [];
    for await (const chunk of documentBlobs(server.runtime.config).read(row.rows[0].storage_key))
      chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    expect(stored.subarray(0, 8).toString('ascii')).toBe('CNSLDOC1');
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(stored.includes(Buffer.from('alice@privacy.test'))).toBe(false);
    // The sweeper knows the archive is not an orphan.
    await sweepOrphanBlobs(server.runtime, 0);
    expect((await fetchBytes(alice, downloadPath)).status).toBe(200);
  });

  it('another account gets 404 for the link, and so does a stranger', async () => {
    expect((await fetchBytes(fatima, downloadPath)).status).toBe(404);
    expect((await fetchBytes(new Browser(server.url), downloadPath)).status).toBe(401);
    expect((await fatima.get(`/api/v1/me/data-exports/${exportId}`)).status).toBe(404);
    expect((await fetchBytes(officer.browser, downloadPath)).status).toBe(404);
  });

  it('after it expired, the link answers 404 and the sweep removes the archive', async () => {
    server.clock.advance(25 * 3_600_000);
    expect((await fetchBytes(alice, downloadPath)).status).toBe(404);
    expect(await sweepExpiredExports(server.runtime)).toBe(1);
    const row = await server.sql.query('SELECT status, storage_key FROM data_export WHERE id = $1', [
      exportId,
    ]);
    expect(row.rows[0]).toEqual({ status: 'expired', storage_key: null });
    expect((await alice.get(`/api/v1/me/data-exports/${exportId}`)).body.status).toBe('expired');
  });

  it('every step is in their access log', async () => {
    const log = await server.sql.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [
      exportId,
    ]);
    const actions = log.rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'data_export.requested',
        'data_export.built',
        'data_export.downloaded',
        'data_export.expired',
      ]),
    );
  });
});

describe('a member asks the privacy officer for erasure, with records inside retention', () => {
  let requestId: string;
  let version: number;

  it('the member sends the request; its deadline is one month later', async () => {
    const sent = await alice.post('/api/v1/me/privacy-requests', {
      kind: 'erasure',
      message: 'Please erase me',
    });
    expect(sent.status).toBe(201);
    requestId = sent.body.id;
    const received = new Date(sent.body.receivedAt);
    const due = new Date(sent.body.dueAt);
    expect(due.getUTCMonth()).toBe((received.getUTCMonth() + 1) % 12);
    const twice = await alice.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('privacy.request_already_open');
    expect((await alice.post('/api/v1/me/privacy-requests', { kind: 'forget-me' })).status).toBe(400);
    const listBody = await alice.request('POST', '/api/v1/me/data-exports', { raw: '[]' });
    expect(listBody.status).toBe(400);
  });

  it('the privacy officer sees it with what erasure would do, and extends the deadline once', async () => {
    const list = await officer.browser.get('/api/v1/privacy-requests');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((item: { id: string }) => item.id === requestId);
    expect(mine.member.memberNumber).toBe('M-1000-01');
    expect(mine.erasurePlan.openCaseNumbers).toEqual([aliceCase.number]);
    expect((await alice.get('/api/v1/privacy-requests')).status).toBe(404);

    const extended = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/extension`, {
      reason: 'We are gathering records from the archive',
      version: mine.version,
    });
    expect(extended.status).toBe(200);
    expect(new Date(extended.body.dueAt).getUTCMonth()).toBe(
      (new Date(mine.receivedAt).getUTCMonth() + 3) % 12,
    );
    const again = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/extension`, {
      reason: 'Once more',
      version: extended.body.version,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('privacy.request_already_extended');
    version = extended.body.version;
  });

  it('erasure is refused while the case is open, with the reason, and nothing changes', async () => {
    const refused = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/decision`, {
      outcome: 'granted',
      answer: 'Erased as asked',
      version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('privacy.erasure_open_case');
    expect(refused.body.openCaseNumbers).toEqual([aliceCase.number]);
    expect((await alice.get('/api/v1/me')).status).toBe(200);
  });

  it('once the case has ended, full erasure is refused with the retention rule', async () => {
    await withdraw(alice, aliceCase.id);
    const refused = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/decision`, {
      outcome: 'granted',
      answer: 'Erased as asked',
      version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('privacy.erasure_retained');
    expect(refused.body.retained).toEqual([
      expect.objectContaining({ caseNumber: aliceCase.number, country: 'ES', years: 10 }),
    ]);
    expect((await alice.get('/api/v1/me')).status).toBe(200);
  });

  it('partially granted: the account goes, the medical records stay; a second decision is refused', async () => {
    const decided = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/decision`, {
      outcome: 'partially_granted',
      answer: 'Your account is erased; your medical records are kept for ten years as the law requires.',
      version,
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('partially_granted');
    const twice = await officer.browser.post(`/api/v1/privacy-requests/${requestId}/decision`, {
      outcome: 'refused',
      answer: 'Changed my mind',
      version: decided.body.version,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('privacy.request_already_decided');

    expect((await alice.get('/api/v1/me')).status).toBe(401);
    expect((await new Browser(server.url).signIn('alice@privacy.test', PASSWORD)).status).toBe(401);
    const kase = await server.sql.query('SELECT concern FROM opinion_case WHERE id = $1', [aliceCase.id]);
    expect(kase.rows[0].concern).toBe(CONCERN);
    const person = await server.sql.query(`SELECT given_name FROM member WHERE member_number = 'M-1000-01'`);
    expect(person.rows[0].given_name).toBe('Alice');
  });

  it('a request decided twice, or by a member, changes nothing', async () => {
    const stranger = await fatima.post(`/api/v1/privacy-requests/${requestId}/decision`, {
      outcome: 'refused',
      answer: 'No, thank you',
      version: 1,
    });
    expect(stranger.status).toBe(404);
  });
});

describe('a member past retention is erased, and the audit trail still verifies', () => {
  let sven: Browser;
  let svenCaseId: string;
  let documentId: string;
  let storageKey: string;

  it('erases documents by their keys, pseudonymises the rest, and leaves no personal data in the trail', async () => {
    await givenPersonInRegister(server, {
      membershipNumber: 'SE-7000',
      givenName: 'Svenja',
      familyName: 'Lindqvist',
      dateOfBirth: '1971-04-05',
      country: 'SE',
      preferredLanguage: 'en',
    });
    sven = await givenMemberSignedIn(
      server,
      { membershipNumber: 'SE-7000-01', dateOfBirth: '1971-04-05' },
      'svenja@privacy.test',
    );
    const kase = await submitCase(sven, 'SE');
    svenCaseId = kase.id;
    documentId = (await upload(sven, svenCaseId, pdf())).id;
    storageKey = (await server.sql.query('SELECT storage_key FROM case_document WHERE id = $1', [documentId]))
      .rows[0].storage_key;
    await sven.post(`/api/v1/cases/${svenCaseId}/messages`, { body: `About ${MARKER}` });
    await withdraw(sven, svenCaseId);
    const request = await sven.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
    // Her case manager reads her case (a staff access, in her access log).
    await manager.browser.get(`/api/v1/cases/${svenCaseId}`);

    const decided = await officer.browser.post(`/api/v1/privacy-requests/${request.body.id}/decision`, {
      outcome: 'granted',
      answer: 'All your data has been erased.',
      version: request.body.version,
    });
    expect(decided.status).toBe(200);

    const document = await server.sql.query(
      'SELECT title, length(wrapped_key) AS key_bytes FROM case_document WHERE id = $1',
      [documentId],
    );
    expect(document.rows[0]).toEqual({ title: '[erased]', key_bytes: 0 });
    expect(await documentBlobs(server.runtime.config).size(storageKey)).toBeUndefined();
    const messages = await server.sql.query('SELECT body FROM case_message WHERE case_id = $1', [svenCaseId]);
    expect(messages.rows.every((row) => row.body === '[erased]')).toBe(true);
    const caseRow = await server.sql.query('SELECT concern, contact_phone FROM opinion_case WHERE id = $1', [
      svenCaseId,
    ]);
    expect(caseRow.rows[0]).toEqual({ concern: '[erased]', contact_phone: null });
    const person = await server.sql.query(
      `SELECT given_name, family_name, date_of_birth::text AS dob FROM member WHERE country = 'SE'`,
    );
    expect(person.rows[0]).toEqual({ given_name: '[erased]', family_name: '[erased]', dob: '1900-01-01' });

    const verified = await officer.browser.post('/api/v1/audit-trail/verification');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(verified.body.checked).toBeGreaterThan(10);

    const trail = await server.sql.query(`SELECT row_to_json(e)::text AS row FROM audit_event e`);
    const everything = trail.rows.map((row) => row.row).join('\n');
    for (const personal of [
      'Svenja',
      'Lindqvist',
      '1971-04-05',
      'SE-7000',
      'svenja@privacy.test',
      PHONE,
      CONCERN,
      MARKER,
    ])
      expect(everything).not.toContain(personal);
    const ledger = await server.sql.query('SELECT scope FROM erasure_ledger');
    expect(ledger.rows.map((row) => row.scope)).toContainEqual({
      caseIds: [svenCaseId],
      account: true,
      register: true,
    });
  });
});

describe("the privacy officer's desk", () => {
  it('searches the trail by member and by staff, and exports a member access report', async () => {
    const byMember = await officer.browser.get('/api/v1/audit-trail?memberNumber=M-4000-01');
    expect(byMember.status).toBe(200);
    const byStaff = await officer.browser.get(
      `/api/v1/audit-trail?actorEmail=${encodeURIComponent(manager.account.email)}`,
    );
    expect(byStaff.status).toBe(200);
    expect(byStaff.body.items.length).toBeGreaterThan(0);
    expect(
      byStaff.body.items.every(
        (item: { actorUserId: string }) => item.actorUserId === manager.account.userId,
      ),
    ).toBe(true);
    expect((await officer.browser.get('/api/v1/audit-trail')).status).toBe(400);
    expect((await officer.browser.get('/api/v1/audit-trail?memberNumber=NOPE-1')).body.code).toBe(
      'privacy.member_unknown',
    );
    expect((await manager.browser.get('/api/v1/audit-trail?memberNumber=M-4000-01')).status).toBe(404);

    const report = await fetchBytes(officer.browser, '/api/v1/access-reports?memberNumber=M-4000-01');
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const lines = report.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('occurred_at,action,actor_name,actor_role,entity_type,entity_id,purpose,outcome');
    expect(lines.length).toBeGreaterThan(1);
  });

  it('is reminded of requests whose deadline is near, once per deadline', async () => {
    const sent = await fatima.post('/api/v1/me/privacy-requests', { kind: 'access' });
    expect(sent.status).toBe(201);
    expect(sent.body.dueSoon).toBe(false);
    server.clock.advance(25 * 86_400_000);
    expect(await remindDueRequests(server.runtime)).toBeGreaterThanOrEqual(1);
    expect(await remindDueRequests(server.runtime)).toBe(0);
    const listed = await officer.browser.get('/api/v1/privacy-requests');
    expect(listed.body.items.find((item: { id: string }) => item.id === sent.body.id).dueSoon).toBe(true);
  });
});

describe('a guardian sees who accessed their dependant’s file', () => {
  it('reads the access log of their child, and another member cannot', async () => {
    const carmen = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
      'carmen@privacy.test',
    );
    const elena = (await server.sql.query(`SELECT id FROM member WHERE member_number = 'M-3000-03'`)).rows[0]
      .id;
    const childCase = await carmen.post('/api/v1/cases', {
      concern: 'For my daughter',
      diagnosisReceived: 'Asthma',
      questions: ['What next?'],
      preferredLanguage: 'es',
      contactChannel: 'message',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Valencia' },
      memberId: elena,
    });
    expect(childCase.body).toMatchObject({ id: expect.any(String) });
    await manager.browser.get(`/api/v1/cases/${childCase.body.id}`);
    const log = await carmen.get(`/api/v1/me/access-log?memberId=${elena}`);
    expect(log.status).toBe(200);
    expect(
      log.body.items.some((item: { actor: { role: string } }) => item.actor.role === 'case_manager'),
    ).toBe(true);
    expect((await fatima.get(`/api/v1/me/access-log?memberId=${elena}`)).status).toBe(404);
  });
});
