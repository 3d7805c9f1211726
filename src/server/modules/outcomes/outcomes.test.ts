import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../../../../test/support/reviews.js';
import {
  caseNow as caseNowOf,
  givenContactedCase,
  givenDelivered,
  givenOpinion,
  givenReviewAskedOf,
  type CaseActors,
} from '../../../../test/support/outcomes.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/*
 * Outcomes per case, told as what people do: a panel of two that disagrees and the case manager
 * who gives the one answer, a single opinion whose answer is the case's, the member who says at
 * a check-in what they did, the case manager who records it from a call, and operations who read
 * the figures per case beside the published ones.
 */

const DAY = 86_400_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let dataDir: string;
let alice: Browser;
let fatima: Browser;
let manager: Browser;
let ops: Browser;
let oncologist: SpecialistAtDesk;
let surgeon: SpecialistAtDesk;

const actors = (): CaseActors => ({ server, member: alice, manager });
const contactedCase = () => givenContactedCase(actors());
const reviewAskedOf = (caseId: string, panel: SpecialistAtDesk[]) =>
  givenReviewAskedOf(actors(), caseId, panel);
const giveOpinion = givenOpinion;
const deliver = (caseId: string) => givenDelivered(actors(), caseId);
const caseNow = async (caseId: string) => caseNowOf(actors(), caseId);

async function count(table: string, caseId: string): Promise<number> {
  const result = await server.sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [
    caseId,
  ]);
  return result.rows[0].n as number;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-outcomes-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  await givenRegister(server);
  ({ browser: manager } = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  }));
  ({ browser: ops } = await givenStaffSignedIn(server, 'ops'));
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@outcomes.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@outcomes.test',
  );
  oncologist = await givenSpecialistAtDesk(server, { name: 'Dr Ana Oncóloga', specialtyCodes: ['oncology'] });
  surgeon = await givenSpecialistAtDesk(server, { name: 'Dr Bea Cirujana', specialtyCodes: ['surgery'] });
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a panel of two that disagrees', () => {
  let caseId: string;

  it('has no outcome before both opinions are in: the case manager cannot record one yet', async () => {
    caseId = await contactedCase();
    const [first, second] = await reviewAskedOf(caseId, [oncologist, surgeon]);
    const early = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'changed',
      treatment: 'changed',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('outcome.opinion_not_ready');

    await giveOpinion(oncologist, first!, 'refined', 'modified');
    const half = await manager.get(`/api/v1/cases/${caseId}/outcome`);
    expect(half.body).toMatchObject({ state: 'awaiting_opinion', diagnosis: null, treatment: null });
    await giveOpinion(surgeon, second!, 'changed', 'changed');
    expect((await caseNow(caseId)).status).toBe('opinion_ready');
  });

  it('waits for the case manager, who sees both verdicts; the member sees no verdict yet', async () => {
    const staffView = await manager.get(`/api/v1/cases/${caseId}/outcome`);
    expect(staffView.status).toBe(200);
    expect(staffView.body).toMatchObject({
      state: 'awaiting_reconciliation',
      diagnosis: null,
      version: null,
    });
    expect(staffView.body.opinions).toEqual([
      { specialistName: 'Dr Ana Oncóloga', diagnosis: 'refined', treatment: 'modified' },
      { specialistName: 'Dr Bea Cirujana', diagnosis: 'changed', treatment: 'changed' },
    ]);
    const memberView = await alice.get(`/api/v1/cases/${caseId}/outcome`);
    expect(memberView.body).toMatchObject({ state: 'awaiting_reconciliation', opinions: [] });
    expect((await fatima.get(`/api/v1/cases/${caseId}/outcome`)).status).toBe(404);
  });

  it('bad input and the member are refused, and change nothing', async () => {
    const wrongVerdict = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'probably',
      treatment: 'changed',
    });
    expect(wrongVerdict.status).toBe(400);
    expect(wrongVerdict.body.code).toBe('request.validation_failed');
    const extra = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'changed',
      treatment: 'changed',
      decidedBy: 'someone',
    });
    expect(extra.status).toBe(400);
    const byMember = await alice.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'changed',
      treatment: 'changed',
    });
    expect(byMember.status).toBe(403);
    expect(await count('case_outcome', caseId)).toBe(0);
  });

  it('the case manager gives the one answer once, then edits it by version', async () => {
    const reconciled = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'changed',
      treatment: 'changed',
      note: 'Imaging reviewed with both specialists: the surgeon’s reading holds.',
    });
    expect(reconciled.status, JSON.stringify(reconciled.body)).toBe(201);
    expect(reconciled.body).toMatchObject({
      state: 'reconciled',
      diagnosis: 'changed',
      treatment: 'changed',
      version: 1,
    });
    const twice = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'refined',
      treatment: 'modified',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('outcome.already_reconciled');

    const edited = await manager.request('PUT', `/api/v1/cases/${caseId}/outcome`, {
      json: { version: 1, diagnosis: 'changed', treatment: 'modified' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ treatment: 'modified', version: 2 });
    const stale = await manager.request('PUT', `/api/v1/cases/${caseId}/outcome`, {
      json: { version: 1, diagnosis: 'refined', treatment: 'confirmed' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current).toMatchObject({ treatment: 'modified', version: 2 });

    // The member reads the answer, without the staff's note.
    const memberView = await alice.get(`/api/v1/cases/${caseId}/outcome`);
    expect(memberView.body).toMatchObject({ state: 'reconciled', diagnosis: 'changed', note: null });
  });
});

describe('a single opinion, and what the member did afterwards', () => {
  let caseId: string;
  let checkIns: { id: string; dueAt: string; status: string }[];

  it("gives the case's answer at once: there is nothing to reconcile", async () => {
    caseId = await contactedCase();
    const [offer] = await reviewAskedOf(caseId, [oncologist]);
    await giveOpinion(oncologist, offer!, 'confirmed', 'modified');
    const outcome = await manager.get(`/api/v1/cases/${caseId}/outcome`);
    expect(outcome.body).toMatchObject({
      state: 'from_opinion',
      diagnosis: 'confirmed',
      treatment: 'modified',
    });
    const reconcile = await manager.post(`/api/v1/cases/${caseId}/outcome`, {
      diagnosis: 'changed',
      treatment: 'changed',
    });
    expect(reconcile.status).toBe(409);
    expect(reconcile.body.code).toBe('outcome.panel_agrees');
  });

  it('what the member did is not asked before the recommendations are delivered', async () => {
    const early = await manager.post(`/api/v1/cases/${caseId}/outcome-answers`, {
      action: 'followed',
      wellbeing: 'better',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('outcome.not_delivered');
  });

  it('delivery plans the outcome check-ins at three and six months', async () => {
    const deliveredAt = server.clock.now().getTime();
    await deliver(caseId);
    checkIns = (await alice.get(`/api/v1/cases/${caseId}/follow-ups`)).body.items;
    expect(checkIns.map((checkIn) => checkIn.status)).toEqual(['scheduled', 'scheduled']);
    const daysAfter = checkIns.map((checkIn) => Math.round((Date.parse(checkIn.dueAt) - deliveredAt) / DAY));
    expect(daysAfter[0]).toBeGreaterThanOrEqual(89);
    expect(daysAfter[0]).toBeLessThanOrEqual(92);
    expect(daysAfter[1]).toBeGreaterThanOrEqual(181);
    expect(daysAfter[1]).toBeLessThanOrEqual(184);
  });

  it('the member answers at the first check-in, once; nobody else can answer for them', async () => {
    const [first] = checkIns;
    const answer = {
      action: 'partly_followed',
      treatmentReceived: 'Two cycles of chemotherapy, surgery postponed',
      wellbeing: 'better',
    };
    const stranger = await fatima.post(
      `/api/v1/cases/${caseId}/follow-ups/${first!.id}/outcome-answer`,
      answer,
    );
    expect(stranger.status).toBe(404);
    const byStaff = await manager.post(
      `/api/v1/cases/${caseId}/follow-ups/${first!.id}/outcome-answer`,
      answer,
    );
    expect(byStaff.status).toBe(403);
    const otherWithoutWords = await alice.post(
      `/api/v1/cases/${caseId}/follow-ups/${first!.id}/outcome-answer`,
      {
        action: 'other',
        wellbeing: 'unchanged',
      },
    );
    expect(otherWithoutWords.status).toBe(400);
    expect(otherWithoutWords.body.errors).toEqual([expect.objectContaining({ path: 'body.note' })]);
    expect(await count('outcome_answer', caseId)).toBe(0);

    const answered = await alice.post(
      `/api/v1/cases/${caseId}/follow-ups/${first!.id}/outcome-answer`,
      answer,
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body).toMatchObject({ source: 'member_check_in', followUpId: first!.id, ...answer });
    const again = await alice.post(`/api/v1/cases/${caseId}/follow-ups/${first!.id}/outcome-answer`, answer);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('outcome.already_answered');
    const statuses = (await alice.get(`/api/v1/cases/${caseId}/follow-ups`)).body.items.map(
      (item: { status: string }) => item.status,
    );
    expect(statuses).toEqual(['completed', 'scheduled']);
    const unknown = await alice.post(
      `/api/v1/cases/${caseId}/follow-ups/0190f0b8-9a52-7c1e-8a53-5f8a2f0c7a11/outcome-answer`,
      answer,
    );
    expect(unknown.status).toBe(404);
  });

  it('the case manager records the later answer from a call, at the second check-in', async () => {
    const [, second] = checkIns;
    const called = await manager.post(`/api/v1/cases/${caseId}/outcome-answers`, {
      followUpId: second!.id,
      action: 'followed',
      treatmentReceived: 'Surgery after neoadjuvant treatment',
      wellbeing: 'much_better',
      note: 'Called the member; recovering at home.',
    });
    expect(called.status, JSON.stringify(called.body)).toBe(201);
    expect(called.body).toMatchObject({ source: 'case_manager_call', followUpId: second!.id });
    // A call between check-ins, sent twice with the same key (a retry): one answer.
    const between = {
      action: 'followed',
      wellbeing: 'better',
      note: 'The member called to say the scan was clear.',
    };
    const headers = { 'idempotency-key': 'call-answer-0001' };
    const once = await manager.request('POST', `/api/v1/cases/${caseId}/outcome-answers`, {
      json: between,
      headers,
    });
    expect(once.status).toBe(201);
    const retried = await manager.request('POST', `/api/v1/cases/${caseId}/outcome-answers`, {
      json: between,
      headers,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(once.body.id);
    const byMember = await alice.post(`/api/v1/cases/${caseId}/outcome-answers`, {
      action: 'followed',
      wellbeing: 'better',
    });
    expect(byMember.status).toBe(403);
    const outcome = await alice.get(`/api/v1/cases/${caseId}/outcome`);
    expect(outcome.body.answers.map((answer: { action: string }) => answer.action)).toEqual([
      'partly_followed',
      'followed',
      'followed',
    ]);
  });
});

describe('the figures operations read', () => {
  it('count each case once, beside the published figures, with 95 % intervals; and as CSV', async () => {
    // A third case is answered by the case manager alone: counted apart.
    const withoutReview = await contactedCase();
    await deliver(withoutReview);
    expect((await alice.get(`/api/v1/cases/${withoutReview}/follow-ups`)).body.items).toEqual([]);

    const read = await ops.get('/api/v1/outcome-analytics?by=specialty');
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    // The panel of two counts once (reconciled: changed, modified); the single opinion once
    // (confirmed, modified).
    expect(read.body).toMatchObject({
      by: 'specialty',
      cases: 2,
      diagnosis: { confirmed: 1, refined: 0, changed: 1 },
      treatment: { confirmed: 0, modified: 2, changed: 0 },
      diagnosisChanged: { n: 1, of: 2, share: 0.5 },
      treatmentChanged: { n: 2, of: 2, share: 1, high: 1 },
      withoutReview: 1,
      awaitingReconciliation: 0,
      published: { cases: 6791 },
      followUp: { cases: 1 },
    });
    // Counted apart with the reason the case manager recorded at delivery.
    expect(read.body.withoutReviewByReason).toContainEqual({ reason: 'answered_by_case_manager', cases: 1 });
    expect(read.body.diagnosisChanged.low).toBeCloseTo(0.0945, 3);
    expect(read.body.diagnosisChanged.high).toBeCloseTo(0.9055, 3);
    expect(read.body.groups.map((group: { key: string; cases: number }) => [group.key, group.cases])).toEqual(
      [['oncology', 2]],
    );
    const byCountry = await ops.get('/api/v1/outcome-analytics?by=country&from=2020-01-01');
    expect(byCountry.body.groups).toEqual([expect.objectContaining({ key: 'ES', cases: 2 })]);
    const before = await ops.get('/api/v1/outcome-analytics?to=2020-12-31');
    expect(before.body).toMatchObject({ cases: 0, diagnosisChanged: { share: null }, groups: [] });
    const wrong = await ops.get('/api/v1/outcome-analytics?by=hospital');
    expect(wrong.status).toBe(400);

    const csv = await fetch(`${server.url}/api/v1/outcome-analytics/export?by=plan`, {
      headers: { cookie: ops.cookieHeader(), origin: server.url },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('outcomes-by-plan.csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'breakdown,group,cases,diagnosis_changed,diagnosis_changed_share,diagnosis_changed_low95,diagnosis_changed_high95,treatment_changed,treatment_changed_share,treatment_changed_low95,treatment_changed_high95',
    );
    expect(lines[1]).toMatch(/^all,all,2,1,0\.5000,0\.0945,0\.9055,2,1\.0000,/);
    expect(lines[2]).toMatch(/^plan,individual,2,/);
    expect(lines[3]).toMatch(/^published,"?Meyer et al\., Am J Med 2015"?,6791,1005,0\.1480,/);

    for (const browser of [manager, alice]) {
      expect((await browser.get('/api/v1/outcome-analytics')).status).toBe(404);
    }
  });
});
