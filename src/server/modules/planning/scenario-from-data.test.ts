import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  runCli,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { Scenario } from '../../../shared/planning.js';

/*
 * Operations plan next week from what happened: `plan scenario` reads the last weeks of
 * submissions (counts by hour, language and country) and the roster of case managers from the
 * database and writes a scenario file, which `plan simulate` runs.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '08:00', end: '20:00' }));

let server: TestServer;
let member: Browser;
let spanish: StaffAccount;
let folder: string;

const settings = () => ({ DATABASE_URL: server.runtime.config.databaseUrl! });

beforeAll(async () => {
  server = await startTestServer();
  folder = mkdtempSync(path.join(tmpdir(), 'plan-scenario-'));
  await givenRegister(server);
  spanish = await givenStaff(server, 'case_manager', {
    languages: ['es', 'en'],
    timeZone: 'Europe/Madrid',
    weeklyShifts: allWeek,
    maxOpenCases: 30,
  });
  await givenStaff(server, 'case_manager', { languages: ['en'], weeklyShifts: allWeek, maxOpenCases: 0 });
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'member@plan.test',
  );
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await server?.close();
});

describe('a scenario from the database', () => {
  it('with no requests in the weeks looked at there is nothing to forecast, and the command says so', async () => {
    const run = await runCli(['plan', 'scenario', '--weeks', '2'], settings());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No requests were submitted in the weeks looked at.');
  });

  it("forecasts next week from the members' requests, with the roster, and nothing about any member", async () => {
    for (let index = 0; index < 3; index += 1) {
      const submitted = await member.post('/api/v1/cases', {
        concern: 'Worried about a biopsy result',
        diagnosisReceived: 'Suspicious nodule',
        questions: ['Do I need surgery?'],
        preferredLanguage: 'es',
        contactChannel: 'video',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Sevilla' },
      });
      expect(submitted.status).toBe(201);
    }
    const run = await runCli(['plan', 'scenario', '--weeks', '2'], settings());
    expect(run.stderr).toContain('es ES: 0, 3 a week (trend +3 a week): 6 next week');
    expect(run.code).toBe(0);
    const scenario = Scenario.parse(JSON.parse(run.stdout));
    expect(scenario.arrivals).toHaveLength(1);
    const [stream] = scenario.arrivals;
    expect(stream).toMatchObject({ country: 'ES', language: 'es' });
    expect(stream!.perHourOfWeek!.reduce((sum, value) => sum + value, 0)).toBeCloseTo(6, 1);
    expect(new Date(scenario.startsAt).getUTCDay()).toBe(1);
    // The case manager without places is left out; the other is there as the ranking sees them.
    expect(scenario.roster).toEqual([
      expect.objectContaining({
        id: spanish.userId,
        languages: ['es', 'en'],
        timeZone: 'Europe/Madrid',
        maxOpenCases: 30,
        openCases: 3,
      }),
    ]);
    for (const word of ['biopsy', 'surgery', 'Sevilla', 'member@plan.test', 'M-1000-01'])
      expect(run.stdout).not.toContain(word);

    const file = path.join(folder, 'next-week.json');
    writeFileSync(file, run.stdout);
    const simulated = await runCli(['plan', 'simulate', file, '--json'], settings());
    expect(simulated.code).toBe(0);
    expect(JSON.parse(simulated.stdout).ours.byCountry[0].country).toBe('ES');
  });

  it('refuses a number of weeks it cannot use', async () => {
    for (const weeks of ['0', '27', 'many', '1.5']) {
      const run = await runCli(['plan', 'scenario', '--weeks', weeks], settings());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--weeks must be a whole number from 1 to 26');
    }
  });
});
