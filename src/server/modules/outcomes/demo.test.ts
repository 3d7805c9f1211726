import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { seedDemoCases } from '../../demo/cases.js';
import { DEMO_PASSWORD, seedDemoIfEmpty, type DemoAccounts } from '../../demo/seed.js';
import { systemContext } from '../../platform/context.js';
import { verifyAuditChain } from '../audit/service.js';
import { requestStatus } from '../records/present.js';
import { providerRecordRequest } from '../records/schema.js';

/*
 * What a newcomer sees after `npm start`: cases in every state for the demo's members, in their
 * languages, with opinions, outcomes, check-in answers and service reviews, so that every screen
 * shows something; seeded once (a second start adds nothing), and the audit chain still holds.
 */

let server: TestServer;
let dataDir: string;
let demo: DemoAccounts;

const tables = [
  'opinion_case',
  'case_event',
  'review',
  'review_opinion',
  'case_outcome',
  'follow_up',
  'outcome_answer',
  'service_review',
  'case_provider',
  'provider_record_request',
  'followup_question',
  'followup_addendum',
  'followup_addendum_summary',
  'member',
  '"user"',
];

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    result[table] = (await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  }
  return result;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-demo-cases-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  demo = (await seedDemoIfEmpty(server.runtime))!;
}, 180_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo’s cases', () => {
  it('stand in every state of the lifecycle, in the members’ languages, with what each screen needs', async () => {
    const states = await server.sql.query(
      'SELECT status, count(*)::int AS n FROM opinion_case GROUP BY status ORDER BY status',
    );
    expect(states.rows.map((row) => row.status).sort()).toEqual(
      [
        'assigned',
        'closed',
        'contacted',
        'gathering_information',
        'monitoring',
        'opinion_ready',
        'recommendations_delivered',
        'submitted',
        'under_review',
        'withdrawn',
      ].sort(),
    );
    const total = states.rows.reduce((sum, row) => sum + (row.n as number), 0);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(total).toBeLessThanOrEqual(150);
    const languages = await server.sql.query('SELECT DISTINCT preferred_language FROM opinion_case');
    expect(languages.rows).toHaveLength(8);
    const moderation = await server.sql.query('SELECT DISTINCT status::text FROM service_review ORDER BY 1');
    expect(moderation.rows.map((row) => row.status)).toEqual(['pending', 'published', 'withheld']);
    const sources = await server.sql.query('SELECT DISTINCT source::text FROM outcome_answer ORDER BY 1');
    expect(sources.rows.map((row) => row.source)).toEqual(['case_manager_call', 'member_check_in']);
    // Each case manager's load is the number of their open cases.
    const loads = await server.sql.query(`
      SELECT l.user_id, l.open_cases, count(c.id)::int AS open
        FROM case_manager_load l
        LEFT JOIN opinion_case c ON c.case_manager_user_id = l.user_id AND c.status NOT IN ('closed', 'withdrawn')
       GROUP BY l.user_id, l.open_cases`);
    for (const row of loads.rows) expect(row.open_cases).toBe(row.open);
  });

  it('give the demo members a case in progress and delivered ones', async () => {
    const amira = new Browser(server.url);
    expect((await amira.signIn('amira.haddad@demo.consilium.test', DEMO_PASSWORD)).status).toBe(200);
    const mine = await amira.get('/api/v1/cases');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item: { status: string }) => item.status).sort()).toEqual([
      'gathering_information',
      'monitoring',
      // The referral journey's case (docs/referrals.md).
      'recommendations_delivered',
    ]);
    const delivered = mine.body.items.find((item: { status: string }) => item.status === 'monitoring');
    const outcome = await amira.get(`/api/v1/cases/${delivered.id}/outcome`);
    expect(outcome.status).toBe(200);
    expect(['from_opinion', 'reconciled']).toContain(outcome.body.state);
  });

  it('give operations outcome figures per case, consistent with the seeded records', async () => {
    const account = demo.accounts.find((entry) => entry.role === 'ops')!;
    const ops = new Browser(server.url);
    expect((await ops.signInWithTwoFactor(account.email, DEMO_PASSWORD, account.totpSecret!)).status).toBe(
      200,
    );
    const figures = (await ops.get('/api/v1/outcome-analytics?by=language')).body;
    const reviewed = await server.sql.query(
      "SELECT count(DISTINCT case_id)::int AS n FROM review WHERE status = 'complete'",
    );
    expect(figures.cases + figures.awaitingReconciliation).toBe(reviewed.rows[0].n);
    expect(figures.cases).toBeGreaterThanOrEqual(40);
    expect(figures.withoutReview).toBeGreaterThan(0);
    const { confirmed, refined, changed } = figures.diagnosis;
    expect(confirmed + refined + changed).toBe(figures.cases);
    expect(figures.diagnosisChanged.n).toBe(changed);
    expect(figures.treatmentChanged.n).toBe(figures.treatment.modified + figures.treatment.changed);
    for (const share of [figures.diagnosisChanged, figures.treatmentChanged]) {
      expect(share.low).toBeLessThan(share.share);
      expect(share.high).toBeGreaterThan(share.share);
    }
    expect(figures.groups.reduce((sum: number, group: { cases: number }) => sum + group.cases, 0)).toBe(
      figures.cases,
    );
    expect(figures.followUp.cases).toBeGreaterThan(0);
  });

  it('show records asked of the treating doctors in each state, and a follow-up question answered', async () => {
    const requests = await server.runtime.db.select().from(providerRecordRequest);
    const now = server.clock.now();
    expect(requests.map((row) => requestStatus(row, now)).sort()).toEqual(
      ['authorised', 'not_held', 'opened', 'overdue', 'received', 'requested', 'sent'].sort(),
    );
    const answered = await server.sql.query(
      `SELECT a.language, a.version, s.language AS summary_language, c.preferred_language, c.status
         FROM followup_question q
         JOIN followup_recipient r ON r.question_id = q.id AND r.status = 'answered'
         JOIN followup_addendum a ON a.recipient_id = r.id
         LEFT JOIN followup_addendum_summary s ON s.addendum_id = a.id
         JOIN opinion_case c ON c.id = q.case_id`,
    );
    expect(answered.rows).toHaveLength(1);
    // Summarised by the case manager, so that the member reads it.
    expect(answered.rows[0]).toMatchObject({
      version: 1,
      language: answered.rows[0].preferred_language,
      summary_language: answered.rows[0].preferred_language,
    });
    expect(['recommendations_delivered', 'monitoring']).toContain(answered.rows[0].status);
  });

  it('give the demo company a quarter its hub shows in numbers, with fewer than 5 said where it is so', async () => {
    const account = demo.accounts.find((entry) => entry.role === 'employer_admin')!;
    const hr = new Browser(server.url);
    expect((await hr.signInWithTwoFactor(account.email, DEMO_PASSWORD, account.totpSecret!)).status).toBe(
      200,
    );
    const hub = (await hr.get('/api/v1/me/employer-hub')).body;
    const quarter = hub.quarters[0];
    const figures = (
      await hr.get(`/api/v1/employer-hub/${hub.employer.id}/figures?quarter=${quarter}&breakdown=country`)
    ).body;
    // Three dozen people in six countries, thirty of whom asked in the quarter.
    expect(figures.eligibleMembers.total).toEqual({ kind: 'count', value: 37 });
    expect(figures.uptake.total.total).toEqual({ kind: 'count', value: 30 });
    expect(figures.groups.map((group: { key: string }) => group.key)).toEqual([
      'DE',
      'ES',
      'FR',
      'IT',
      'MA',
      'PT',
    ]);
    const cells = JSON.stringify(figures);
    expect(cells).toContain('"fewer_than_5"');
    expect(figures.eligibleMembers.byGroup[1]).toEqual({ kind: 'count', value: 19 });
    expect(figures.outcomes.cases.total.kind).toBe('count');
    expect(figures.reviews.count.kind).toBe('count');
  });

  it('are seeded once: a second start adds nothing, and the audit chain verifies', async () => {
    const before = await counts();
    expect(await seedDemoCases(systemContext(server.runtime, 'demo-again'))).toBe(0);
    await seedDemoIfEmpty(server.runtime);
    expect(await counts()).toEqual(before);
    expect(await verifyAuditChain(server.runtime)).toMatchObject({ ok: true });
  });
});
