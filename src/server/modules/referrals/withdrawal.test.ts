import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  aliceCase as stageAliceCase,
  caseVersion as stageCaseVersion,
  count as stageCount,
  openReferralStage,
  pdfOf as stagePdf,
  stageRules,
  surgery as stageSurgery,
  type ReferralStage,
} from '../../../../test/support/referrals.js';
import { startTestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { importCoverageFile } from '../coverage/service.js';

/*
 * After the referral: the member decides not to go, or the case manager finds a better place, and
 * the referral is withdrawn (its request to the assessors cancelled with it); the cover assessor
 * sends the guarantee of payment to the clinic from the desk; and an approval records the
 * deductible the member bears in the usage ledger, so the next check asks for less of it.
 */

let stage: ReferralStage;
let alice: Browser;
let fatima: Browser;
let manager: ReferralStage['manager'];
let assessor: ReferralStage['assessor'];

const referralsOf = (caseId: string) => `/api/v1/cases/${caseId}/referrals`;
const withdrawalOf = (caseId: string, referralId: string) =>
  `${referralsOf(caseId)}/${referralId}/withdrawal`;
const decisionsOf = (id: string) => `/api/v1/preauthorisations/${id}/decisions`;
const surgery = (version: number, overrides: Record<string, unknown> = {}) =>
  stageSurgery(stage, version, overrides);
const count = (table: string) => stageCount(stage, table);
const caseVersion = (caseId: string) => stageCaseVersion(stage, caseId);
const aliceCase = () => stageAliceCase(stage);

/** A referral for day-case surgery at $5,000: below the four-eyes threshold, one assessor approves. */
async function referredCase(): Promise<{ caseId: string; referralId: string; preauthorisationId: string }> {
  const caseId = await aliceCase();
  const sent = await manager.browser.post(
    referralsOf(caseId),
    surgery(await caseVersion(caseId), { estimatedCost: { amount: 500_000, currency: 'USD' } }),
  );
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { caseId, referralId: sent.body.id, preauthorisationId: sent.body.preauthorisation.id };
}

beforeAll(async () => {
  stage = await openReferralStage(await startTestServer());
  ({ alice, fatima, manager, assessor } = stage);
  // Alice's plan, this time with a deductible of $500 on day-case surgery.
  const withDeductible = structuredClone(stageRules);
  Object.assign(withDeductible.plans[0]!.versions[0]!.benefits.day_case_surgery, { deductible: 50_000 });
  const imported = await importCoverageFile(systemContext(stage.server.runtime, 'test-import'), {
    kind: 'benefits',
    content: JSON.stringify(withDeductible),
    dryRun: false,
  });
  expect(imported.problems).toEqual([]);
});
afterAll(async () => stage?.server.close());

describe('withdrawing a referral', () => {
  it('the case manager withdraws it: the waiting request leaves the queue, the member is told, it is audited', async () => {
    const { caseId, referralId, preauthorisationId } = await referredCase();
    const statusBefore = (await manager.browser.get(`/api/v1/cases/${caseId}`)).body.status;
    const withdrawn = await manager.browser.post(withdrawalOf(caseId, referralId), {
      reason: 'A clinic nearer to Alice has a date sooner.',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: expect.any(String),
      preauthorisation: { status: 'cancelled' },
    });

    const queue = (await assessor.browser.get('/api/v1/preauthorisations')).body.items;
    expect(queue.map((item: { id: string }) => item.id)).not.toContain(preauthorisationId);
    const late = await assessor.browser.post(decisionsOf(preauthorisationId), {
      decision: 'decline',
      version: withdrawn.body.preauthorisation.version,
      reason: 'Too late.',
    });
    expect(late.body.code).toBe('preauthorisation.already_decided');

    // The case itself goes on as it was: a withdrawn referral is not a step of the lifecycle.
    expect((await alice.get(`/api/v1/cases/${caseId}`)).body.status).toBe(statusBefore);
    const seen = (await alice.get(referralsOf(caseId))).body.items[0];
    expect(seen.status).toBe('withdrawn');
    const timeline = await stage.server.sql.query(
      `SELECT reason FROM case_event WHERE case_id = $1 AND type = 'referral.withdrawn'`,
      [caseId],
    );
    expect(timeline.rows).toEqual([{ reason: 'A clinic nearer to Alice has a date sooner.' }]);
    const audited = await stage.server.sql.query(
      `SELECT details FROM audit_event WHERE action = 'referral.withdrawn' AND entity_id = $1`,
      [referralId],
    );
    expect(audited.rows).toEqual([{ details: { preauthorisationCancelled: true } }]);
  });

  it('Alice withdraws her own referral once; a second time is refused and changes nothing', async () => {
    const { caseId, referralId } = await referredCase();
    const first = await alice.post(withdrawalOf(caseId, referralId), {});
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const events = await count('case_event');
    const again = await alice.post(withdrawalOf(caseId, referralId), {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('referral.already_withdrawn');
    expect(await count('case_event')).toBe(events);
  });

  it("another member cannot withdraw Alice's referral, nor learn that it exists", async () => {
    const { caseId, referralId } = await referredCase();
    const refused = await fatima.post(withdrawalOf(caseId, referralId), {});
    expect(refused.status).toBe(404);
    const unknown = await alice.post(withdrawalOf(caseId, '01936b2e-0000-7000-8000-000000000000'), {});
    expect(unknown.status).toBe(404);
    expect((await alice.get(referralsOf(caseId))).body.items[0].status).toBe('active');
  });

  it('bad input is refused: a reason of nothing, an unknown field, an id that is not one', async () => {
    const { caseId, referralId } = await referredCase();
    expect((await alice.post(withdrawalOf(caseId, referralId), { reason: ' ' })).status).toBe(400);
    expect((await alice.post(withdrawalOf(caseId, referralId), { why: 'x' })).status).toBe(400);
    expect((await alice.post(withdrawalOf(caseId, 'not-an-id'), {})).status).toBe(400);
    expect((await alice.get(referralsOf(caseId))).body.items[0].status).toBe('active');
  });

  it('a referral on a case that ended cannot be withdrawn', async () => {
    const { caseId, referralId } = await referredCase();
    const closed = await manager.browser.post(`/api/v1/cases/${caseId}/closure`, {
      version: await caseVersion(caseId),
      reason: 'Treatment done.',
    });
    expect(closed.status).toBe(201);
    const refused = await manager.browser.post(withdrawalOf(caseId, referralId), {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('referral.case_ended');
  });
});

describe('an approval, its guarantee and its ledger entry', () => {
  let preauthorisationId: string;
  let caseId: string;

  it('the approval records what the plan pays and the deductible Alice bears', async () => {
    ({ caseId, preauthorisationId } = await referredCase());
    const approved = await assessor.browser.post(decisionsOf(preauthorisationId), {
      decision: 'approve',
      version: 1,
      amount: 405_000,
      validFrom: '2026-09-01',
      validTo: '2026-10-31',
      reference: 'PA-2026-0100',
    });
    expect(approved.body.status).toBe('approved');
    // $5,000: the $500 deductible, then 10 % of $4,500 ($450); the plan pays $4,050.
    expect(approved.body.cover).toMatchObject({ planPays: 405_000, memberPays: 95_000 });
    const ledger = await stage.server.sql.query(
      `SELECT plan_paid, deductible_borne FROM benefit_usage WHERE reference = $1`,
      [preauthorisationId],
    );
    expect(ledger.rows).toEqual([{ plan_paid: 405_000, deductible_borne: 50_000 }]);
    // The deductible is borne for this plan year: the next check of the benefit asks none.
    const next = await alice.post(`/api/v1/cases/${caseId}/cover-checks`, {
      treatmentDate: '2026-09-20',
      benefit: 'day_case_surgery',
      icd10: 'S83.2',
      country: 'AE',
      facilityInNetwork: true,
      estimatedCost: { amount: 100_000, currency: 'USD' },
    });
    expect(next.body).toMatchObject({ planPays: 90_000, memberPays: 10_000 });
  });

  it('the cover assessor downloads the guarantee of payment from the desk; it is audited', async () => {
    const letter = await stagePdf(
      stage,
      assessor.browser,
      `/api/v1/preauthorisations/${preauthorisationId}/guarantee-letter?language=en`,
    );
    expect(letter.status).toBe(200);
    expect(letter.type).toBe('application/pdf');
    for (const words of ['Guarantee of payment', '$4,050.00', 'PA-2026-0100', 'Jumeirah Sports Orthopaedics'])
      expect(letter.text).toContain(words);
    const audited = await stage.server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'guarantee_letter.read' AND entity_id = $1`,
      [preauthorisationId],
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it('no guarantee for a request still waiting; members and case managers are not let in by the desk door', async () => {
    const waiting = await referredCase();
    const none = await assessor.browser.get(
      `/api/v1/preauthorisations/${waiting.preauthorisationId}/guarantee-letter`,
    );
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('preauthorisation.no_guarantee');
    for (const outsider of [alice, fatima, manager.browser])
      expect(
        (await outsider.get(`/api/v1/preauthorisations/${preauthorisationId}/guarantee-letter`)).status,
      ).toBe(404);
  });
});
