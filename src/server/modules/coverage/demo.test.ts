import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../demo/seed.js';

/*
 * What a newcomer finds after `npm start`: the demo plans have their benefit rules, and Amira in
 * Dubai (individual plan, in dirhams) can ask on her case what the plan pays for knee surgery at a
 * direct-billing hospital, and why a treatment in the USA would not be covered.
 */

let server: TestServer;
let dataDir: string;
let amira: Browser;
let caseId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-demo-cover-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  await seedDemoIfEmpty(server.runtime);
  amira = new Browser(server.url);
  expect((await amira.signIn('amira.haddad@demo.consilium.test', DEMO_PASSWORD)).status).toBe(200);
  const submitted = await amira.post('/api/v1/cases', {
    concern: 'أصبت بتمزق في الرباط أثناء لعب كرة القدم.',
    diagnosisReceived: 'Tear of the anterior cruciate ligament',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'ar',
    contactChannel: 'message',
    timeZone: 'Asia/Dubai',
    location: { country: 'AE', city: 'Dubai' },
  });
  expect(submitted.status).toBe(201);
  caseId = submitted.body.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo’s plans have their rules', () => {
  it('the demo holds rules for every plan, in three currencies, a claims file and a declared condition', async () => {
    const versions = await server.sql.query(
      'SELECT DISTINCT currency FROM benefit_rules_version ORDER BY currency',
    );
    expect(versions.rows.map((row) => row.currency)).toEqual(['AED', 'EUR', 'USD']);
    expect((await server.sql.query('SELECT count(*)::int AS n FROM benefit_usage')).rows[0].n).toBe(2);
    expect((await server.sql.query('SELECT count(*)::int AS n FROM declared_condition')).rows[0].n).toBe(1);
  });

  it('Amira’s knee surgery in Dubai: covered once pre-authorised, all but her co-insurance, in dirhams', async () => {
    const reply = await amira.post(`/api/v1/cases/${caseId}/cover-checks`, {
      treatmentDate: '2027-01-20',
      benefit: 'day_case_surgery',
      icd10: 'S83.5',
      country: 'AE',
      facilityInNetwork: true,
      estimatedCost: { amount: 1_850_000, currency: 'AED' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      outcome: 'covered_after_preauthorisation',
      currency: 'AED',
      planPays: 1_665_000,
      memberPays: 185_000,
      referralRequired: true,
      preauthorisationRequired: true,
    });
  });

  it('the same treatment in the USA is not covered, and the rule says why', async () => {
    const reply = await amira.post(`/api/v1/cases/${caseId}/cover-checks`, {
      treatmentDate: '2027-01-20',
      benefit: 'day_case_surgery',
      icd10: 'S83.5',
      country: 'US',
      facilityInNetwork: true,
      estimatedCost: { amount: 1_850_000, currency: 'AED' },
    });
    expect(reply.body.outcome).toBe('not_covered');
    expect(reply.body.rules).toEqual([
      expect.objectContaining({ clause: '1.2', code: 'area_outside', values: { country: 'US' } }),
    ]);
  });

  it('what she has used this plan year counts: her claims file is in the outpatient limit', async () => {
    const reply = await amira.post(`/api/v1/cases/${caseId}/cover-checks`, {
      treatmentDate: '2026-12-20',
      benefit: 'outpatient_consultation',
      icd10: 'S83.5',
      country: 'AE',
      estimatedCost: { amount: 60_000, currency: 'AED' },
    });
    const limit = reply.body.rules.find((rule: { code: string }) => rule.code === 'limit_money');
    expect(limit.values.used).toEqual({ amount: 90_000, currency: 'AED' });
    // The deductible was borne with the first claim: 10 % co-insurance only.
    expect(reply.body).toMatchObject({ outcome: 'covered', planPays: 54_000, memberPays: 6_000 });
  });
});
