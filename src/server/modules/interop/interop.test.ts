import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Binary,
  Bundle,
  CarePlan,
  ClinicalImpression,
  DocumentReference,
  FhirResource,
  Task,
} from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { bundleIssues, danglingReferences } from '../../../../test/support/fhir.js';
import { givenSummaryWritten } from '../../../../test/support/outcomes.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/*
 * Carmen asks for a second opinion for her daughter Elena, and the case runs its whole course:
 * contact, records, messages, consent to share, a specialist's opinion through the review desk,
 * recommendations, check-ins and a progress report. Then the case is exported as FHIR R4 by those
 * who may (Carmen, the case manager, operations) and refused to those who may not.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let dataDir: string;
let carmen: Browser;
let alice: Browser;
let manager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let specialist: SpecialistAtDesk;
let elenaId: string;
let carmenId: string;
let caseId: string;
let report: { id: string };
let reportBytes: Buffer;
let opinionId: string;

async function upload(browser: Browser, kind: string, title: string, content: Buffer) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', title);
  form.append('file', new Blob([content], { type: 'application/octet-stream' }), 'file.bin');
  const sent = await browser.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body as { id: string };
}

const version = async () => (await manager.browser.get(`/api/v1/cases/${caseId}`)).body.version as number;

const resources = <T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] =>
  (bundle.entry ?? [])
    .map((entry) => entry.resource as T)
    .filter((resource) => resource.resourceType === type);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-interop-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  const register = await givenRegister(server);
  elenaId = register.members.elena;
  carmenId = register.members.carmen;
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  carmen = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
    'carmen@interop.test',
  );
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@interop.test',
  );
  specialist = await givenSpecialistAtDesk(server, { name: 'Dr Carla Ruiz' });

  const submitted = await carmen.post('/api/v1/cases', {
    memberId: elenaId,
    concern: 'Le dijeron a mi hija que el tumor no se puede operar.',
    diagnosisReceived: 'Neuroblastoma',
    questions: ['¿Es posible la cirugía?', '¿Quimioterapia primero?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Bilbao' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  caseId = submitted.body.id;
  const contacted = await manager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');

  reportBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4_000), Buffer.from('\n%%EOF\n')]);
  report = await upload(carmen, 'report', 'Informe de anatomía patológica', reportBytes);
  await upload(
    carmen,
    'imaging',
    'Resonancia abdominal',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(6_000)]),
  );
  expect(
    (await carmen.post(`/api/v1/cases/${caseId}/messages`, { body: '¿Necesitan la resonancia?' })).status,
  ).toBe(201);
  expect(
    (await manager.browser.post(`/api/v1/cases/${caseId}/messages`, { body: 'Sí, ya la tenemos.' })).status,
  ).toBe(201);
  expect((await carmen.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' })).status).toBe(201);

  const asked = await manager.browser.post(`/api/v1/cases/${caseId}/reviews`, {
    version: await version(),
    summary: 'Neuroblastoma; second look at resectability.',
    specialistIds: [specialist.id],
    documentIds: [report.id],
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const offerId = asked.body.offers[0].id;
  expect(
    (await specialist.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status,
  ).toBe(200);
  const opinion = await specialist.browser.post(`/api/v1/desk/offers/${offerId}/opinions`, {
    version: 1,
    diagnosis: { verdict: 'refined', proposedCode: 'C74.9' },
    treatment: { verdict: 'modified' },
    furtherTests: ['MIBG scintigraphy'],
    answers: ['Surgery may be possible after induction chemotherapy.', 'Yes, induction first.'],
    narrative: 'Intermediate-risk disease; resection after induction is realistic.',
    references: ['COG ANBL1232'],
  });
  expect(opinion.status, JSON.stringify(opinion.body)).toBe(201);
  opinionId = opinion.body.id;
  expect((await manager.browser.get(`/api/v1/cases/${caseId}`)).body.status).toBe('opinion_ready');

  await manager.browser.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
    json: {
      version: await version(),
      body: 'Recomendamos **quimioterapia de inducción** y después valorar la cirugía.',
      nextSteps: ['Pedir cita en oncología pediátrica'],
    },
  });
  await givenSummaryWritten(
    { manager: manager.browser },
    caseId,
    'es',
    'El tumor puede operarse después de la quimioterapia.',
  );
  const delivered = await manager.browser.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
    version: await version(),
  });
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);
  const planned = await manager.browser.post(`/api/v1/cases/${caseId}/follow-ups`, {
    version: await version(),
    dates: [
      new Date(server.clock.now().getTime() + 14 * DAY).toISOString(),
      new Date(server.clock.now().getTime() + 28 * DAY).toISOString(),
    ],
  });
  expect(planned.status, JSON.stringify(planned.body)).toBe(201);
  const [checkIn] = (await carmen.get(`/api/v1/cases/${caseId}/follow-ups`)).body.items;
  expect(
    (
      await carmen.post(`/api/v1/cases/${caseId}/follow-ups/${checkIn.id}/progress`, {
        progress: 'Elena tolera bien el tratamiento.',
      })
    ).status,
  ).toBe(201);
});

afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the FHIR R4 export of a case', () => {
  it('Carmen exports her daughter’s case: a valid R4 Bundle whose references all resolve, audited', async () => {
    const exported = await carmen.get(`/api/v1/cases/${caseId}/fhir`);
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = exported.body as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
    for (const entry of bundle.entry ?? []) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);

    const kinds = new Set(bundle.entry?.map((entry) => entry.resource?.resourceType));
    for (const kind of [
      'Patient',
      'RelatedPerson',
      'Organization',
      'Coverage',
      'Practitioner',
      'ServiceRequest',
      'Task',
      'Provenance',
      'Communication',
      'DocumentReference',
      'Consent',
      'ClinicalImpression',
      'CarePlan',
    ])
      expect(kinds, kind).toContain(kind);
    expect(kinds).not.toContain('Binary');

    expect(resources(bundle, 'Patient')[0]?.id).toBe(elenaId);
    expect(resources(bundle, 'RelatedPerson')[0]?.id).toBe(carmenId);
    const [task] = resources<Task>(bundle, 'Task');
    expect(task?.businessStatus?.coding?.[0]?.code).toBe('monitoring');
    expect(task?.relevantHistory?.length).toBe(resources(bundle, 'Provenance').length);
    // Her copy of the timeline is the one her case page shows: no staff-only entry.
    const visible = await server.sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE staff_only)::int AS staff FROM case_event
        WHERE case_id = $1 AND type <> 'message_created' GROUP BY staff_only = false ORDER BY 2`,
      [caseId],
    );
    const staffOnly = visible.rows.find((row) => row.staff > 0)?.n ?? 0;
    const forHer = visible.rows.find((row) => row.staff === 0)?.n ?? 0;
    expect(resources(bundle, 'Provenance')).toHaveLength(forHer);
    const managersCopy = (await manager.browser.get(`/api/v1/cases/${caseId}/fhir`)).body as Bundle;
    expect(resources(managersCopy, 'Provenance')).toHaveLength(forHer + staffOnly);
    const [impression] = resources<ClinicalImpression>(bundle, 'ClinicalImpression');
    expect(impression?.id).toBe(opinionId);
    expect(impression?.finding?.map((finding) => finding.itemCodeableConcept?.coding?.[0]?.code)).toContain(
      'C74.9',
    );
    const [plan] = resources<CarePlan>(bundle, 'CarePlan');
    expect(
      plan?.activity?.some(
        (activity) => activity.progress?.[0]?.text === 'Elena tolera bien el tratamiento.',
      ),
    ).toBe(true);
    // Ids only in the links: no title, no words of the case in a URL.
    for (const document of resources<DocumentReference>(bundle, 'DocumentReference'))
      expect(document.content[0]?.attachment.url).toMatch(
        /^https?:\/\/[^/]+\/api\/v1\/cases\/[0-9a-f-]{36}\/documents\/[0-9a-f-]{36}\/content$/,
      );

    const audit = await server.sql.query(
      `SELECT actor_role, subject_member_id, details FROM audit_event WHERE action = 'case.fhir_exported' AND entity_id = $1 AND actor_role = 'member'`,
      [caseId],
    );
    expect(audit.rows).toEqual([
      { actor_role: 'member', subject_member_id: elenaId, details: { withContent: false } },
    ]);
  });

  it('the same case exported again keeps its ids', async () => {
    const first = (await carmen.get(`/api/v1/cases/${caseId}/fhir`)).body as Bundle;
    const again = (await carmen.get(`/api/v1/cases/${caseId}/fhir`)).body as Bundle;
    expect(again.entry?.map((entry) => entry.fullUrl)).toEqual(first.entry?.map((entry) => entry.fullUrl));
  });

  it('with ?include=binary the documents travel inside the Bundle, byte for byte', async () => {
    const exported = await carmen.get(`/api/v1/cases/${caseId}/fhir?include=binary`);
    expect(exported.status).toBe(200);
    const bundle = exported.body as Bundle;
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
    const document = resources<DocumentReference>(bundle, 'DocumentReference').find(
      (found) => found.id === report.id,
    );
    const binary = bundle.entry?.find(
      (entry) => entry.fullUrl === document?.content[0]?.attachment.url,
    )?.resource;
    expect(binary?.resourceType).toBe('Binary');
    expect(Buffer.from((binary as Binary | undefined)?.data ?? '', 'base64').equals(reportBytes)).toBe(true);
  });

  it('the case manager and operations export it too, each audited as themselves; records stay out of operations’ copy', async () => {
    for (const [who, role, readsRecords] of [
      [manager.browser, 'case_manager', true],
      [ops.browser, 'ops', false],
    ] as const) {
      const exportsBy = async () =>
        (
          await server.sql.query(
            `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.fhir_exported' AND entity_id = $1 AND actor_role = $2`,
            [caseId, role],
          )
        ).rows[0].n as number;
      const before = await exportsBy();
      const exported = await who.get(`/api/v1/cases/${caseId}/fhir?include=binary`);
      expect(exported.status).toBe(200);
      const bundle = exported.body as Bundle;
      expect(bundleIssues(bundle)).toEqual({});
      expect(danglingReferences(bundle)).toEqual([]);
      const kinds = new Set(bundle.entry?.map((entry) => entry.resource?.resourceType));
      // Operations are told the records do not exist (the documents room's rule), here too.
      for (const kind of ['DocumentReference', 'Consent', 'Binary'])
        expect([role, kind, kinds.has(kind)]).toEqual([role, kind, readsRecords]);
      expect(kinds).toContain('ClinicalImpression');
      expect(await exportsBy()).toBe(before + 1);
    }
  });

  it('another member, and the specialist who reviewed it, are told the case does not exist (404)', async () => {
    const before = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.fhir_exported'`,
    );
    for (const stranger of [alice, specialist.browser]) {
      const refused = await stranger.get(`/api/v1/cases/${caseId}/fhir`);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const after = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.fhir_exported'`,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('an unknown include is refused (400), and so is a case id that is not one', async () => {
    expect((await carmen.get(`/api/v1/cases/${caseId}/fhir?include=everything`)).status).toBe(400);
    expect((await carmen.get('/api/v1/cases/not-a-case/fhir')).status).toBe(400);
  });
});
