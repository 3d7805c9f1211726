import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { facilityCsvHeader, facilityCsvRow } from '../../../../test/support/facilities.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { extractPdfText } from '../../../../test/support/pdf.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { openSse } from '../../../../test/support/sse.js';
import { BENEFIT_RULES_FORMAT } from '../../../shared/coverage.js';
import { systemContext } from '../../platform/context.js';
import { importCoverageFile } from '../coverage/service.js';

/*
 * Stories of a referral: after the recommendations, the case manager refers Alice to a Dubai
 * orthopaedic clinic that bills the insurer directly, for day-case knee surgery her plan covers
 * once pre-authorised. Two cover assessors approve (the amount is above the four-eyes threshold),
 * the approval counts against her plan year's limit, and Alice sees where to go, what the plan
 * pays and what she pays, live. Then every bad input, each refused without a trace.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let alice: Browser;
let fatima: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: Browser;
let ops: Browser;
let assessor: { browser: Browser; account: StaffAccount };
let secondAssessor: { browser: Browser; account: StaffAccount };
let clinicId: string;
let imagingCentreId: string;

const benefit = (clause: string, extra: Record<string, unknown> = {}) => ({
  clause,
  covered: true,
  ...extra,
});

/** Alice's plan (IND) in US dollars: day-case surgery always pre-authorised, in the direct-billing network. */
const rules = {
  format: BENEFIT_RULES_FORMAT,
  plans: [
    {
      planCode: 'IND',
      versions: [
        {
          label: '2026',
          effectiveFrom: '2019-01-01',
          effectiveTo: null,
          currency: 'USD',
          clauses: { membership: '1.1', preExistingConditions: '5.1' },
          areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
          exclusions: [],
          benefits: {
            outpatient_consultation: benefit('3.1'),
            diagnostics_imaging: benefit('3.2', { preauthorisation: { when: 'above', amount: 100_000 } }),
            day_case_surgery: benefit('3.3', {
              annualLimit: { kind: 'money', amount: 7_500_000 },
              coInsurancePercent: 10,
              preauthorisation: { when: 'always' },
              network: 'direct_billing_network',
            }),
            inpatient_surgery: benefit('3.4', { preauthorisation: { when: 'always' } }),
            cancer_treatment: benefit('3.5', { preauthorisation: { when: 'always' } }),
            physiotherapy: benefit('3.6'),
            mental_health: { clause: '3.7', covered: false },
            second_opinion: benefit('3.8'),
          },
        },
      ],
    },
  ],
};

const referralsOf = (caseId: string) => `/api/v1/cases/${caseId}/referrals`;
const decisionsOf = (id: string) => `/api/v1/preauthorisations/${id}/decisions`;

const surgery = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  facilityId: clinicId,
  service: 'OS-SPORTS',
  benefit: 'day_case_surgery',
  icd10: 'S83.2',
  reason: 'Arthroscopic partial meniscectomy of the right knee, as the second opinion confirmed.',
  urgency: 'soon',
  treatmentDate: '2026-09-10',
  estimatedCost: { amount: 1_850_000, currency: 'USD' },
  ...overrides,
});

/** A PDF download as the browser gets it: its status, type and text read back. */
async function pdfOf(browser: Browser, path: string) {
  const response = await fetch(`${server.url}${path}`, {
    headers: { cookie: browser.cookieHeader(), origin: server.url },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: response.ok ? await extractPdfText(bytes) : '',
  };
}

async function count(table: string): Promise<number> {
  return (await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

const caseVersion = async (caseId: string) =>
  (await manager.browser.get(`/api/v1/cases/${caseId}`)).body.version;

/** A case of Alice's whose recommendations are, or are not yet, delivered. */
async function aliceCase(options: { delivered?: boolean } = {}): Promise<string> {
  const submitted = await alice.post('/api/v1/cases', {
    concern: 'My knee locks when I climb stairs and the surgeon wants to operate.',
    diagnosisReceived: 'Torn meniscus',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'en',
    contactChannel: 'message',
    timeZone: 'Asia/Dubai',
    location: { country: 'AE', city: 'Dubai' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const contacted = await manager.browser.post(`/api/v1/cases/${id}/contacts`, {
    version: submitted.body.version,
    channel: 'message',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  await manager.browser.request('PUT', `/api/v1/cases/${id}/recommendations`, {
    json: { version: contacted.body.version, body: 'A day-case arthroscopy in a clinic near you.' },
  });
  if (options.delivered !== false) {
    const delivered = await manager.browser.post(`/api/v1/cases/${id}/recommendations/delivery`, {
      version: await caseVersion(id),
    });
    expect(delivered.body.status).toBe('recommendations_delivered');
  }
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Dr Layla Mansour',
    languages: ['en', 'ar'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  otherManager = (await givenStaffSignedIn(server, 'case_manager', { languages: ['fr'], weeklyShifts: [] }))
    .browser;
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  assessor = await givenStaffSignedIn(server, 'cover_assessor', { name: 'Karim Haddad' });
  secondAssessor = await givenStaffSignedIn(server, 'cover_assessor', { name: 'Sara Lindqvist' });
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@referrals.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@referrals.test',
  );
  const imported = await importCoverageFile(systemContext(server.runtime, 'test-import'), {
    kind: 'benefits',
    content: JSON.stringify(rules),
    dryRun: false,
  });
  expect(imported.problems).toEqual([]);
  const facilities = await ops.request('POST', '/api/v1/facility-imports', {
    body: Buffer.from(
      [
        facilityCsvHeader,
        facilityCsvRow({ id: 'F-CLINIC', name: 'Jumeirah Sports Orthopaedics' }),
        facilityCsvRow({
          id: 'F-IMAGING',
          name: 'Marina Imaging Centre',
          kind: 'diagnostic_centre',
          services: 'DR',
          languages: 'en;ar',
          direct_billing: 'false',
          direct_billing_since: '',
        }),
      ].join('\n'),
    ),
    headers: { 'content-type': 'text/csv' },
  });
  expect(facilities.status, JSON.stringify(facilities.body)).toBe(201);
  const ids = await server.sql.query('SELECT id, external_id FROM facility');
  clinicId = ids.rows.find((row) => row.external_id === 'F-CLINIC').id;
  imagingCentreId = ids.rows.find((row) => row.external_id === 'F-IMAGING').id;
});
afterAll(async () => server?.close());

describe('the case manager refers, two cover assessors approve, and the member sees it', () => {
  let caseId: string;
  let referralId: string;
  let preauthorisationId: string;

  it('a referral waits for the recommendations to be delivered', async () => {
    caseId = await aliceCase({ delivered: false });
    const early = await manager.browser.post(referralsOf(caseId), surgery(await caseVersion(caseId)));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('referral.recommendations_not_delivered');
    expect(await count('referral')).toBe(0);
    const delivered = await manager.browser.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
      version: await caseVersion(caseId),
    });
    expect(delivered.status).toBe(201);
  });

  it('refers Alice to the clinic with the cover check attached; pre-authorisation is requested from the assessors', async () => {
    const stream = await openSse(alice, `/api/v1/cases/${caseId}/stream`);
    expect(stream.status).toBe(200);
    const body = surgery(await caseVersion(caseId));
    const sent = await manager.browser.post(referralsOf(caseId), body, {
      'idempotency-key': 'refer-alice-knee',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    referralId = sent.body.id;
    expect(sent.body).toMatchObject({
      facility: {
        name: 'Jumeirah Sports Orthopaedics',
        directBilling: true,
        phone: { e164: '+97143123456' },
      },
      // The facility's first language.
      letterLanguage: 'ar',
      cover: { outcome: 'covered_after_preauthorisation', planPays: 1_665_000, memberPays: 185_000 },
      preauthorisation: { status: 'pending', secondApprovalRequired: true, firstApproval: null },
      createdBy: { name: 'Dr Layla Mansour' },
    });
    preauthorisationId = sent.body.preauthorisation.id;
    // The case now follows the treatment.
    expect((await manager.browser.get(`/api/v1/cases/${caseId}`)).body.status).toBe('monitoring');
    // A retry with the same key gives the same referral, not a second one.
    const retry = await manager.browser.post(referralsOf(caseId), body, {
      'idempotency-key': 'refer-alice-knee',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(referralId);
    expect(await count('referral')).toBe(1);

    expect((await stream.next('referral.created')).data.referralId).toBe(referralId);
    expect((await stream.next('preauthorisation.requested')).data.referralId).toBe(referralId);
    stream.close();

    // The member's e-mail says only that something changed.
    const mails = await server.sql.query(
      `SELECT params FROM notification_outbox WHERE template = 'referral.updated' AND params->>'caseId' = $1`,
      [caseId],
    );
    expect(mails.rows.length).toBeGreaterThan(0);
    expect(Object.keys(mails.rows[0].params).sort()).toEqual(['caseId', 'caseNumber']);
  });

  it('the assessors see the request in their queue; operations may read it but not decide', async () => {
    const queue = await assessor.browser.get('/api/v1/preauthorisations');
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        id: preauthorisationId,
        member: { name: 'Alice Tester', membershipNumber: 'M-1000' },
        facility: expect.objectContaining({ name: 'Jumeirah Sports Orthopaedics', directBilling: true }),
        estimatedCost: { amount: 1_850_000, currency: 'USD' },
        status: 'pending',
      }),
    ]);
    expect((await ops.get('/api/v1/preauthorisations')).status).toBe(200);
    const byOps = await ops.post(decisionsOf(preauthorisationId), {
      decision: 'decline',
      version: 1,
      reason: 'No.',
    });
    expect(byOps.status).toBe(403);
    // Neither the case manager nor the member have an assessor's desk.
    expect((await manager.browser.get('/api/v1/preauthorisations')).status).toBe(404);
    expect((await alice.get(`/api/v1/preauthorisations/${preauthorisationId}`)).status).toBe(404);
  });

  it('the requester cannot decide their own request', async () => {
    const own = await manager.browser.post(decisionsOf(preauthorisationId), {
      decision: 'approve',
      version: 1,
      amount: 1_665_000,
      validFrom: '2026-09-01',
      validTo: '2026-10-31',
      reference: 'PA-2026-0001',
    });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('preauthorisation.own_request');
  });

  it('above the threshold the first approval waits for a second assessor, who must confirm the same terms', async () => {
    const approval = {
      decision: 'approve',
      amount: 1_665_000,
      validFrom: '2026-09-01',
      validTo: '2026-10-31',
      reference: 'PA-2026-0001',
    };
    const first = await assessor.browser.post(decisionsOf(preauthorisationId), { ...approval, version: 1 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      status: 'awaiting_second_approval',
      firstApproval: { by: { name: 'Karim Haddad' }, amount: 1_665_000 },
      approval: null,
    });
    // Nothing counts against the limit before the second approval.
    expect(await count('benefit_usage')).toBe(0);

    const again = await assessor.browser.post(decisionsOf(preauthorisationId), { ...approval, version: 2 });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('preauthorisation.second_approver_required');

    const other = await secondAssessor.browser.post(decisionsOf(preauthorisationId), {
      ...approval,
      amount: 1_700_000,
      version: 2,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('preauthorisation.terms_differ');

    const stale = await secondAssessor.browser.post(decisionsOf(preauthorisationId), {
      ...approval,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');

    const second = await secondAssessor.browser.post(decisionsOf(preauthorisationId), {
      ...approval,
      version: 2,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      status: 'approved',
      approval: {
        amount: 1_665_000,
        reference: 'PA-2026-0001',
        validFrom: '2026-09-01',
        validTo: '2026-10-31',
      },
      firstApproval: { by: { name: 'Karim Haddad' } },
    });

    const twice = await secondAssessor.browser.post(decisionsOf(preauthorisationId), {
      decision: 'decline',
      version: 3,
      reason: 'Changed my mind.',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('preauthorisation.already_decided');
  });

  it('the approval counts against the plan year limit in the ledger, once', async () => {
    const ledger = await server.sql.query(`SELECT source, plan_paid, reference FROM benefit_usage`);
    expect(ledger.rows).toEqual([
      { source: 'preauthorisation', plan_paid: 1_665_000, reference: preauthorisationId },
    ]);
    const check = await alice.post(`/api/v1/cases/${caseId}/cover-checks`, {
      treatmentDate: '2026-09-20',
      benefit: 'day_case_surgery',
      icd10: 'S83.2',
      country: 'AE',
      facilityInNetwork: true,
      estimatedCost: { amount: 100_000, currency: 'USD' },
    });
    expect(check.body.limitLeftAfter).toEqual({ kind: 'money', amount: 7_500_000 - 1_665_000 - 90_000 });
  });

  it('Alice reads her referral: where to go, what the plan pays and what she pays; the decision is on the case', async () => {
    const read = await alice.get(referralsOf(caseId));
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      expect.objectContaining({
        id: referralId,
        facility: expect.objectContaining({
          address: 'Al Wasl Road 12',
          city: 'Dubai',
          languages: ['ar', 'en'],
          latitude: 25.1972,
          longitude: 55.2388,
        }),
        cover: expect.objectContaining({ planPays: 1_665_000, memberPays: 185_000, currency: 'USD' }),
        preauthorisation: expect.objectContaining({ status: 'approved' }),
      }),
    ]);
    const audited = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'referral.read' AND entity_id = $1`,
      [caseId],
    );
    expect(audited.rows[0].n).toBeGreaterThan(0);
  });

  it('the referral letter and the guarantee of payment read back as written, in English and Arabic', async () => {
    const english = await pdfOf(alice, `${referralsOf(caseId)}/${referralId}/letter?language=en`);
    expect(english.status).toBe(200);
    expect(english.type).toBe('application/pdf');
    const text = english.text;
    for (const words of [
      'Referral: Orthopaedic sports medicine',
      'Jumeirah Sports Orthopaedics',
      'What we ask of you',
      'Arthroscopic partial meniscectomy',
      'Alice Tester',
      'No specialist opinion was needed for this case.',
      'No records are shared with this letter.',
      '$16,650.00',
      'PA-2026-0001',
    ])
      expect(text).toContain(words);

    const arabic = (await pdfOf(alice, `${referralsOf(caseId)}/${referralId}/letter`)).text;
    expect(arabic).toContain('خطاب');
    expect(arabic).toContain('إحالة');

    const guarantee = await pdfOf(
      manager.browser,
      `${referralsOf(caseId)}/${referralId}/guarantee-letter?language=en`,
    );
    expect(guarantee.status).toBe(200);
    const guaranteeText = guarantee.text;
    for (const words of [
      'Guarantee of payment',
      '$16,650.00',
      'PA-2026-0001',
      'Jumeirah Sports Orthopaedics',
    ])
      expect(guaranteeText).toContain(words);
  });
});

describe('asking for more information, then deciding without four eyes', () => {
  it('the assessor asks, the case manager answers, the assessor approves a request below the threshold alone', async () => {
    const caseId = await aliceCase();
    const sent = await manager.browser.post(referralsOf(caseId), {
      version: await caseVersion(caseId),
      facilityId: imagingCentreId,
      receivingDoctor: 'Dr Omar Farouk',
      service: 'DR',
      benefit: 'diagnostics_imaging',
      icd10: 'S83.2',
      reason: 'MRI of the right knee before surgery.',
      urgency: 'routine',
      treatmentDate: '2026-09-01',
      estimatedCost: { amount: 150_000, currency: 'USD' },
      letterLanguage: 'fr',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      letterLanguage: 'fr',
      receivingDoctor: 'Dr Omar Farouk',
      preauthorisation: { status: 'pending', secondApprovalRequired: false },
    });
    const id = sent.body.preauthorisation.id;

    const asked = await assessor.browser.post(decisionsOf(id), {
      decision: 'request_information',
      version: 1,
      question: 'Was an X-ray done first?',
    });
    expect(asked.body.status).toBe('information_requested');
    const tooEarly = await assessor.browser.post(decisionsOf(id), {
      decision: 'decline',
      version: 2,
      reason: 'No answer.',
    });
    expect(tooEarly.body.code).toBe('preauthorisation.not_awaiting_decision');

    const answered = await manager.browser.post(
      `/api/v1/cases/${caseId}/preauthorisations/${id}/information`,
      {
        version: 2,
        answer: 'Yes, in July; it showed no fracture.',
      },
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.preauthorisation).toMatchObject({
      status: 'pending',
      informationRequest: 'Was an X-ray done first?',
      informationAnswer: 'Yes, in July; it showed no fracture.',
    });

    const approved = await assessor.browser.post(decisionsOf(id), {
      decision: 'approve',
      version: 3,
      amount: 150_000,
      validFrom: '2026-08-25',
      validTo: '2026-09-30',
      reference: 'PA-2026-0002',
    });
    expect(approved.body.status).toBe('approved');

    // The imaging centre does not bill directly: there is no guarantee of payment to send it.
    const noGuarantee = await manager.browser.get(`${referralsOf(caseId)}/${sent.body.id}/guarantee-letter`);
    expect(noGuarantee.status).toBe(404);
    expect(noGuarantee.body.code).toBe('preauthorisation.no_guarantee');

    const french = (await pdfOf(manager.browser, `${referralsOf(caseId)}/${sent.body.id}/letter`)).text;
    expect(french).toContain('Orientation : Radiologie diagnostique');
    expect(french).toContain('Dr Omar Farouk');
  });

  it('a declined request says why to the member', async () => {
    const caseId = await aliceCase();
    const sent = await manager.browser.post(referralsOf(caseId), surgery(await caseVersion(caseId)));
    const id = sent.body.preauthorisation.id;
    const declined = await assessor.browser.post(decisionsOf(id), {
      decision: 'decline',
      version: 1,
      reason: 'The policy asks for six weeks of physiotherapy first.',
    });
    expect(declined.body.status).toBe('declined');
    const seen = (await alice.get(referralsOf(caseId))).body.items[0].preauthorisation;
    expect(seen).toMatchObject({
      status: 'declined',
      declineReason: 'The policy asks for six weeks of physiotherapy first.',
    });
  });
});

describe('bad input changes nothing', () => {
  let caseId: string;
  let before: { referrals: number; preauthorisations: number; events: number };

  beforeAll(async () => {
    caseId = await aliceCase();
  });

  const snapshot = async () => ({
    referrals: await count('referral'),
    preauthorisations: await count('preauthorisation'),
    events: await count('case_event'),
  });

  it.each([
    [
      'an unknown facility',
      { facilityId: '01936b2e-0000-7000-8000-000000000000' },
      422,
      'referral.unknown_facility',
    ],
    ['a service the facility does not offer', { service: 'IM-CARD' }, 422, 'referral.service_not_offered'],
    ['a service outside the taxonomy', { service: 'XYZ' }, 400, 'request.validation_failed'],
    ['neither facility nor doctor', { facilityId: null }, 422, 'referral.recipient_required'],
    [
      'a doctor without a country',
      { facilityId: null, receivingDoctor: 'Dr Who' },
      422,
      'referral.country_required',
    ],
    [
      'a negative cost',
      { estimatedCost: { amount: -5, currency: 'USD' } },
      422,
      'coverage.cost_not_positive',
    ],
    ['a zero cost', { estimatedCost: { amount: 0, currency: 'USD' } }, 422, 'coverage.cost_not_positive'],
    [
      'an absurd cost',
      { estimatedCost: { amount: 10_000_000_000, currency: 'USD' } },
      422,
      'coverage.cost_absurd',
    ],
    [
      'a currency the plan does not use',
      { estimatedCost: { amount: 100_000, currency: 'EUR' } },
      422,
      'coverage.currency_not_of_plan',
    ],
    [
      'a record of another case',
      { sharedDocumentIds: ['01936b2e-0000-7000-8000-000000000001'] },
      422,
      'referral.documents_not_of_case',
    ],
  ])('%s is refused', async (_story, overrides, status, code) => {
    before = await snapshot();
    const refused = await manager.browser.post(
      referralsOf(caseId),
      surgery(await caseVersion(caseId), overrides),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(status);
    expect(refused.body.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('a record the sharing consent does not cover is refused; once consented, it travels with the referral', async () => {
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'MRI report, right knee');
    form.append(
      'file',
      new Blob([Buffer.from('MRI: complex tear of the medial meniscus.\n'.repeat(20))]),
      'mri.txt',
    );
    const uploaded = await alice.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const documentId = uploaded.body.id;

    before = await snapshot();
    const refused = await manager.browser.post(
      referralsOf(caseId),
      surgery(await caseVersion(caseId), { sharedDocumentIds: [documentId] }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('referral.documents_not_consented');
    expect(await snapshot()).toEqual(before);

    const consent = await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, {
      scope: 'selected',
      documentIds: [documentId],
    });
    expect(consent.status).toBe(201);
    const sent = await manager.browser.post(
      referralsOf(caseId),
      surgery(await caseVersion(caseId), { sharedDocumentIds: [documentId] }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.sharedDocuments).toEqual([
      { id: documentId, title: 'MRI report, right knee', kind: 'report' },
    ]);
    const letter = (await pdfOf(manager.browser, `${referralsOf(caseId)}/${sent.body.id}/letter?language=en`))
      .text;
    expect(letter).toContain('MRI report, right knee');
  });

  it('a stale case version is refused with the case as it is', async () => {
    before = await snapshot();
    const stale = await manager.browser.post(referralsOf(caseId), surgery(1));
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(await snapshot()).toEqual(before);
  });

  it('nobody but the assigned case manager refers; strangers and other members are told there is no such case', async () => {
    before = await snapshot();
    const version = await caseVersion(caseId);
    expect((await alice.post(referralsOf(caseId), surgery(version))).status).toBe(403);
    expect((await ops.post(referralsOf(caseId), surgery(version))).status).toBe(403);
    for (const stranger of [fatima, otherManager, assessor.browser]) {
      expect((await stranger.post(referralsOf(caseId), surgery(version))).status).toBe(404);
      expect((await stranger.get(referralsOf(caseId))).status).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("another member's referral letter is not found", async () => {
    const referrals = (await manager.browser.get(referralsOf(caseId))).body.items;
    expect(referrals.length).toBeGreaterThan(0);
    const letter = await fatima.get(`${referralsOf(caseId)}/${referrals[0].id}/letter`);
    expect(letter.status).toBe(404);
  });

  it('a withdrawn or closed case takes no referral', async () => {
    const withdrawnCase = await aliceCase();
    const withdrawn = await alice.post(`/api/v1/cases/${withdrawnCase}/withdrawal`, {
      version: await caseVersion(withdrawnCase),
      reason: 'I am being treated at home.',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    const closedCase = await aliceCase();
    const closed = await manager.browser.post(`/api/v1/cases/${closedCase}/closure`, {
      version: await caseVersion(closedCase),
      reason: 'Member chose not to go ahead.',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    before = await snapshot();
    for (const ended of [withdrawnCase, closedCase]) {
      const refused = await manager.browser.post(referralsOf(ended), surgery(await caseVersion(ended)));
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('referral.case_ended');
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a case that ends takes its open request off the assessors' queue", async () => {
    const endingCase = await aliceCase();
    const sent = await manager.browser.post(referralsOf(endingCase), surgery(await caseVersion(endingCase)));
    const id = sent.body.preauthorisation.id;
    const closed = await manager.browser.post(`/api/v1/cases/${endingCase}/closure`, {
      version: await caseVersion(endingCase),
      reason: 'Member chose treatment at home.',
    });
    expect(closed.status).toBe(201);
    const seen = (await alice.get(referralsOf(endingCase))).body.items[0].preauthorisation;
    expect(seen.status).toBe('cancelled');
    const open = (await assessor.browser.get('/api/v1/preauthorisations')).body.items;
    expect(open.map((item: { id: string }) => item.id)).not.toContain(id);
    const late = await assessor.browser.post(decisionsOf(id), {
      decision: 'decline',
      version: seen.version,
      reason: 'Too late.',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('preauthorisation.already_decided');
  });

  it('an approval of nothing, of more than the cost, or ending before it starts is refused', async () => {
    const sent = await manager.browser.post(referralsOf(caseId), surgery(await caseVersion(caseId)));
    const id = sent.body.preauthorisation.id;
    const approve = (overrides: Record<string, unknown>) =>
      assessor.browser.post(decisionsOf(id), {
        decision: 'approve',
        version: 1,
        amount: 1_000_000,
        validFrom: '2026-09-01',
        validTo: '2026-10-31',
        reference: 'PA-X',
        ...overrides,
      });
    expect((await approve({ amount: 0 })).body.code).toBe('preauthorisation.amount_not_positive');
    expect((await approve({ amount: -1 })).body.code).toBe('preauthorisation.amount_not_positive');
    expect((await approve({ amount: 1_850_001 })).body.code).toBe('preauthorisation.amount_above_cost');
    expect((await approve({ validTo: '2026-08-31' })).body.code).toBe('preauthorisation.validity_reversed');
    const unchanged = await assessor.browser.get(`/api/v1/preauthorisations/${id}`);
    expect(unchanged.body).toMatchObject({ status: 'pending', version: 1 });
  });
});
