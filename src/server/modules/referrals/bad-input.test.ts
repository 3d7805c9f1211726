import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  aliceCase as stageAliceCase,
  caseVersion as stageCaseVersion,
  count as stageCount,
  openReferralStage,
  pdfOf as stagePdf,
  surgery as stageSurgery,
  type ReferralStage,
} from '../../../../test/support/referrals.js';
import { startTestServer } from '../../../../test/support/server.js';

/*
 * Bad input to a referral or a pre-authorisation, each refused with its code and without a trace:
 * no referral, no request, no timeline entry, no e-mail.
 */

let stage: ReferralStage;
let alice: Browser;
let fatima: Browser;
let manager: ReferralStage['manager'];
let otherManager: Browser;
let ops: Browser;
let assessor: ReferralStage['assessor'];

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
  ({ alice, fatima, manager, otherManager, ops, assessor } = stage);
});
afterAll(async () => stage?.server.close());

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
