import { createLogger } from '../../platform/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffingForecastView, StaffingPlanView } from '../../../shared/planning.js';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/*
 * Operations plan the roster in the console: they read what there is to plan on, ask for a plan
 * (a job runs it), and read it back. Two seeds and one worker thread keep each plan to seconds.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let ops: Browser;
let caseManager: Browser;
let member: Browser;

beforeAll(async () => {
  server = await startTestServer(
    { PLANNER_SEEDS: '2', PLANNER_THREADS: '1' },
    { workers: true, log: createLogger('error') },
  );
  await givenRegister(server);
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  caseManager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es'],
      weeklyShifts: allWeek,
      maxOpenCases: 100,
    })
  ).browser;
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'p@plan.test',
  );
});
afterAll(async () => server?.close());

const plansWritten = async () =>
  (await server.sql.query<{ count: number }>('SELECT count(*)::int AS count FROM staffing_plan')).rows[0]!
    .count;

/** Asks for a plan and reads it until the job has made it. */
async function planned(body: Record<string, unknown>): Promise<StaffingPlanView> {
  const asked = await ops.post('/api/v1/staffing-plans', body);
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  expect(asked.headers.get('location')).toBe(`/api/v1/staffing-plans/${asked.body.id}`);
  expect(['queued', 'running', 'done']).toContain(asked.body.status);
  let plan: StaffingPlanView | undefined;
  await expect
    .poll(
      async () => {
        plan = (await ops.get<StaffingPlanView>(`/api/v1/staffing-plans/${asked.body.id}`)).body;
        return plan.status;
      },
      { timeout: 100_000, interval: 250 },
    )
    .toBe('done');
  return plan!;
}

describe('the staffing planner in the console', () => {
  it('with too little history, says so and offers the example markets', async () => {
    const answer = await ops.get<StaffingForecastView>('/api/v1/staffing-forecast?weeks=4');
    expect(answer.status).toBe(200);
    expect(answer.body.submissions).toBe(0);
    expect(answer.body.minimumSubmissions).toBe(20);
    expect(answer.body.history).toBeNull();
    const gulf = answer.body.examples.find((example) => example.name === 'gulf-market')!;
    expect(gulf.summary.requestsPerWeek).toBeCloseTo(180, 6);
    expect(gulf.summary.loadByLanguage.map((entry) => entry.language)).toEqual(['ar', 'en']);
    expect(gulf.summary.loadByHourOfWeek).toHaveLength(168);
    expect(gulf.summary.caseManagers).toBe(7);
  });

  it('plans the Gulf market for 99.5 %, then again with a surge of Arabic requests, asking for more Arabic speakers', async () => {
    const calm = await planned({ source: 'example', example: 'gulf-market', targetPercent: 99.5 });
    expect(calm.seeds).toBe(2);
    const result = calm.result!;
    expect(result.target).toBe(0.995);
    expect(result.cells.map((cell) => cell.language)).toEqual(['ar', 'en']);
    expect(result.proposed.seeds).toBe(2);
    expect(result.proposed.pooled.share).toBeGreaterThan(result.proposed.roundRobin.share!);

    const surge = await planned({
      source: 'example',
      example: 'gulf-market',
      targetPercent: 99.5,
      whatIf: { surges: [{ language: 'ar', factor: 2 }] },
    });
    const arabic = (plan: StaffingPlanView) =>
      plan.result!.cells.find((cell) => cell.language === 'ar')!.proposed;
    expect(surge.whatIf.surges).toEqual([{ language: 'ar', factor: 2 }]);
    expect(arabic(surge)).toBeGreaterThan(arabic(calm));

    const audit = await server.sql.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_event WHERE action = 'planning.staffing_plan_requested' ORDER BY occurred_at`,
    );
    expect(audit.rows.map((row) => row.entity_id)).toEqual([calm.id, surge.id]);
  }, 120_000);

  it('with a month of requests in the database, forecasts next week from them', async () => {
    for (let request = 0; request < 20; request += 1) {
      const submitted = await member.post('/api/v1/cases', {
        concern: 'Worried about a biopsy result',
        diagnosisReceived: 'Suspicious nodule',
        questions: ['Do I need surgery?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Sevilla' },
      });
      expect(submitted.status).toBe(201);
      server.clock.advance(26 * 60 * 60 * 1000);
    }
    const answer = await ops.get<StaffingForecastView>('/api/v1/staffing-forecast');
    expect(answer.body.submissions).toBe(20);
    expect(answer.body.history!.loadByLanguage.map((entry) => entry.language)).toEqual(['es']);
    expect(answer.body.history!.caseManagers).toBe(1);
    const plan = await planned({ source: 'history', targetPercent: 99 });
    expect(plan.source).toBe('history');
    expect(plan.result!.cells.map((cell) => [cell.language, cell.band])).toEqual([['es', 'europe_africa']]);
  }, 120_000);

  it('is for operations only: a case manager or a member is told it does not exist', async () => {
    for (const someone of [caseManager, member]) {
      expect((await someone.get('/api/v1/staffing-forecast')).status).toBe(404);
      const asked = await someone.post('/api/v1/staffing-plans', {
        source: 'example',
        example: 'gulf-market',
      });
      expect(asked.status).toBe(404);
    }
    const before = await plansWritten();
    const mine = await planned({ source: 'example', example: 'gulf-market' });
    expect((await caseManager.get(`/api/v1/staffing-plans/${mine.id}`)).status).toBe(404);
    expect(await plansWritten()).toBe(before + 1);
  }, 120_000);

  it.each([
    ['a target above 100 %', { source: 'example', example: 'gulf-market', targetPercent: 120 }],
    ['a target that is not a number', { source: 'example', example: 'gulf-market', targetPercent: '99.5' }],
    ['an example that does not exist', { source: 'example', example: 'atlantis' }],
    ['a source that does not exist', { source: 'dreams' }],
    [
      'a negative surge',
      { source: 'example', example: 'gulf-market', whatIf: { surges: [{ language: 'ar', factor: -1 }] } },
    ],
    [
      'a surge of something not a language',
      { source: 'example', example: 'gulf-market', whatIf: { surges: [{ language: '<b>', factor: 2 }] } },
    ],
    ['people off sick below none', { source: 'example', example: 'gulf-market', whatIf: { offSick: -2 } }],
    ['everyone on holiday', { source: 'example', example: 'gulf-market', whatIf: { holidayLeaveShare: 1 } }],
    ['a field the planner does not know', { source: 'example', example: 'gulf-market', seeds: 5000 }],
  ])('%s is refused with the field named, and nothing is planned', async (_, body) => {
    const before = await plansWritten();
    const answer = await ops.post('/api/v1/staffing-plans', body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors.length).toBeGreaterThan(0);
    expect(await plansWritten()).toBe(before);
  });

  it('a plan that does not exist is not found', async () => {
    expect((await ops.get('/api/v1/staffing-plans/0190d4a0-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await ops.get('/api/v1/staffing-plans/not-an-id')).status).toBe(400);
  });
});
