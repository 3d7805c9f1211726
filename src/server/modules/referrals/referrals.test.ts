import type {
  Bundle,
  Claim,
  ClaimResponse,
  CoverageEligibilityResponse,
  FhirResource,
  ServiceRequest,
} from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { bundleIssues, danglingReferences } from '../../../../test/support/fhir.js';
import {
  aliceCase as stageAliceCase,
  caseVersion as stageCaseVersion,
  count as stageCount,
  openReferralStage,
  pdfOf as stagePdf,
  surgery as stageSurgery,
  type ReferralStage,
} from '../../../../test/support/referrals.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { openSse } from '../../../../test/support/sse.js';

/*
 * Stories of a referral: after the recommendations, the case manager refers Alice to a Dubai
 * orthopaedic clinic that bills the insurer directly, for day-case knee surgery her plan covers
 * once pre-authorised. Two cover assessors approve (the amount is above the four-eyes threshold),
 * the approval counts against her plan year's limit, and Alice sees where to go, what the plan
 * pays and what she pays, live. Then every bad input, each refused without a trace.
 */

let stage: ReferralStage;
let server: TestServer;
let alice: Browser;
let manager: ReferralStage['manager'];
let ops: Browser;
let assessor: ReferralStage['assessor'];
let secondAssessor: ReferralStage['secondAssessor'];
let imagingCentreId: string;

const referralsOf = (caseId: string) => `/api/v1/cases/${caseId}/referrals`;
const decisionsOf = (id: string) => `/api/v1/preauthorisations/${id}/decisions`;
const surgery = (version: number, overrides: Record<string, unknown> = {}) =>
  stageSurgery(stage, version, overrides);
const pdfOf = (browser: Browser, path: string) => stagePdf(stage, browser, path);
const count = (table: string) => stageCount(stage, table);
const caseVersion = (caseId: string) => stageCaseVersion(stage, caseId);
const aliceCase = (options: { delivered?: boolean } = {}) => stageAliceCase(stage, options);

beforeAll(async () => {
  stage = await openReferralStage(await startTestServer());
  ({ server, alice, manager, ops, assessor, secondAssessor, imagingCentreId } = stage);
});
afterAll(async () => stage?.server.close());

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
      withoutReviewReason: 'answered_by_case_manager',
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

  it('Alice’s FHIR export carries the referral, its cover check and the approved pre-authorisation: valid R4', async () => {
    const exported = await alice.get(`/api/v1/cases/${caseId}/fhir`);
    expect(exported.status).toBe(200);
    const bundle = exported.body as Bundle;
    const of = <T extends FhirResource>(type: T['resourceType']) =>
      (bundle.entry ?? []).map((entry) => entry.resource as T).filter((r) => r.resourceType === type);
    expect(of<ServiceRequest>('ServiceRequest').map((request) => request.id)).toContain(referralId);
    const [answer] = of<CoverageEligibilityResponse>('CoverageEligibilityResponse');
    expect(answer?.insurance?.[0]?.item?.[0]?.benefit?.[0]?.allowedMoney).toEqual({
      value: 16650,
      currency: 'USD',
    });
    expect(of<Claim>('Claim')).toEqual([
      expect.objectContaining({ id: preauthorisationId, use: 'preauthorization' }),
    ]);
    expect(of<ClaimResponse>('ClaimResponse')).toEqual([
      expect.objectContaining({ outcome: 'complete', preAuthRef: 'PA-2026-0001' }),
    ]);
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
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
