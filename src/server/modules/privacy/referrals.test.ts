import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBytes, unzip } from '../../../../test/support/archive.js';
import {
  aliceCase,
  caseVersion,
  openReferralStage,
  surgery,
  type ReferralStage,
} from '../../../../test/support/referrals.js';
import { startTestServer } from '../../../../test/support/server.js';
import { eraseReferralsOfCases } from '../referrals/index.js';
import { buildExport } from './service.js';

/*
 * Alice was referred to a clinic for her knee; the cover assessor asked the case manager a question
 * before deciding. Her archive carries the referral as her case page shows it, with its cover check
 * and the pre-authorisation; erasing her ended case takes the words (the reason, the question and
 * its answer) and leaves the amounts and decisions the insurer's ledger rests on.
 */

const QUESTION = 'PRIVACY-QUESTION-7f2: is the MRI from March available?';
const ANSWER = 'PRIVACY-ANSWER-7f2: yes, shared with the referral.';

let stage: ReferralStage;
let caseId: string;
let referralId: string;

beforeAll(async () => {
  stage = await openReferralStage(await startTestServer());
  caseId = await aliceCase(stage);
  const sent = await stage.manager.browser.post(
    `/api/v1/cases/${caseId}/referrals`,
    surgery(stage, await caseVersion(stage, caseId), { estimatedCost: { amount: 500_000, currency: 'USD' } }),
  );
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  referralId = sent.body.id;
  const preauthorisationId = sent.body.preauthorisation.id as string;
  const asked = await stage.assessor.browser.post(
    `/api/v1/preauthorisations/${preauthorisationId}/decisions`,
    {
      decision: 'request_information',
      version: sent.body.preauthorisation.version,
      question: QUESTION,
    },
  );
  expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
  const current = (await stage.manager.browser.get(`/api/v1/cases/${caseId}/referrals`)).body.items[0];
  const answered = await stage.manager.browser.post(
    `/api/v1/cases/${caseId}/preauthorisations/${preauthorisationId}/information`,
    { version: current.preauthorisation.version, answer: ANSWER },
  );
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
});
afterAll(async () => stage?.server.close());

describe("a member's referrals in her archive and in an erasure", () => {
  it('her archive holds the referral with its cover check and the pre-authorisation, as her case page shows them', async () => {
    const asked = await stage.alice.post('/api/v1/me/data-exports', {});
    expect(asked.status).toBe(202);
    await buildExport(stage.server.runtime, asked.body.id);
    const ready = (await stage.alice.get(`/api/v1/me/data-exports/${asked.body.id}`)).body;
    const download = await fetchBytes(stage.server.url, stage.alice, ready.downloadPath);
    expect(download.status).toBe(200);
    const data = JSON.parse(
      (await unzip(download.bytes)).get('consilium-export/data.json')!.toString('utf8'),
    );
    const kase = data.cases.find((entry: { referrals: { id: string }[] }) =>
      entry.referrals.some((item) => item.id === referralId),
    );
    const onHerPage = (await stage.alice.get(`/api/v1/cases/${caseId}/referrals`)).body.items;
    expect(kase.referrals).toEqual(onHerPage);
    expect(kase.referrals[0]).toMatchObject({
      reason: expect.stringContaining('meniscectomy'),
      cover: expect.objectContaining({ outcome: expect.any(String) }),
      preauthorisation: expect.objectContaining({ informationRequest: QUESTION, informationAnswer: ANSWER }),
    });
  });

  it('erasure takes the reason, the question and the answer, and keeps the amounts and the decision', async () => {
    const before = (
      await stage.server.sql.query(
        'SELECT r.estimated_cost, r.currency, p.status FROM referral r JOIN preauthorisation p ON p.referral_id = r.id WHERE r.id = $1',
        [referralId],
      )
    ).rows[0];
    await stage.server.runtime.db.transaction((tx) => eraseReferralsOfCases(tx, [caseId]));
    // Twice: a replay of the erasure ledger runs it again.
    await stage.server.runtime.db.transaction((tx) => eraseReferralsOfCases(tx, [caseId]));
    const rows = await stage.server.sql.query(
      `SELECT row_to_json(r)::text AS referral, row_to_json(p)::text AS preauthorisation,
              r.estimated_cost, r.currency, p.status
         FROM referral r JOIN preauthorisation p ON p.referral_id = r.id WHERE r.id = $1`,
      [referralId],
    );
    const [row] = rows.rows;
    const text = `${row.referral}\n${row.preauthorisation}`;
    for (const words of ['meniscectomy', QUESTION, ANSWER]) expect(text).not.toContain(words);
    expect({ estimated_cost: row.estimated_cost, currency: row.currency, status: row.status }).toEqual(
      before,
    );
    // Her case page still shows the referral (its words erased), without an error.
    const onHerPage = await stage.alice.get(`/api/v1/cases/${caseId}/referrals`);
    expect(onHerPage.status).toBe(200);
    expect(onHerPage.body.items[0].reason).toBe('[erased]');
  });
});
