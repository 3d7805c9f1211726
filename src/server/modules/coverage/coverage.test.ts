import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { BENEFIT_RULES_FORMAT } from '../../../shared/coverage.js';
import { systemContext } from '../../platform/context.js';
import { importCoverageFile } from './service.js';

/*
 * Stories of cover: operations import a plan's benefit rules (and a file that contradicts itself
 * is refused whole, line by line), the insurer's paid claims and a member's declared condition;
 * then the case manager, operations and the member ask what the plan pays for a treatment.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let alice: Browser;
let fatima: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let specialist: { browser: Browser; account: StaffAccount };
let caseId: string;
let members: Awaited<ReturnType<typeof givenRegister>>['members'];

const benefit = (clause: string, extra: Record<string, unknown> = {}) => ({
  clause,
  covered: true,
  ...extra,
});

/** The test register's plans: IND in US dollars, CORP in dirhams, FAM in yen. */
function rulesFile(overrides: { ind?: Record<string, unknown> } = {}) {
  const version = (currency: string, from: string, to: string | null, label: string) => ({
    label,
    effectiveFrom: from,
    effectiveTo: to,
    currency,
    clauses: { membership: '1.1', preExistingConditions: '5.1' },
    areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
    exclusions: [{ from: 'O00', to: 'O99', clause: '5.2' }],
    benefits: {
      outpatient_consultation: benefit('3.1', {
        annualLimit: { kind: 'money', amount: currency === 'JPY' ? 300_000 : 500_000 },
        deductible: currency === 'JPY' ? 5_000 : 10_000,
        coInsurancePercent: 10,
      }),
      diagnostics_imaging: benefit('3.2', { preauthorisation: { when: 'above', amount: 100_000 } }),
      day_case_surgery: benefit('3.3', {
        annualLimit: { kind: 'money', amount: 7_500_000 },
        coInsurancePercent: 10,
        preauthorisation: { when: 'always' },
        network: 'direct_billing_network',
      }),
      inpatient_surgery: benefit('3.4', { preauthorisation: { when: 'always' } }),
      cancer_treatment: benefit('3.5', { preauthorisation: { when: 'always' } }),
      physiotherapy: benefit('3.6', { annualLimit: { kind: 'sessions', sessions: 12 } }),
      mental_health: { clause: '3.7', covered: false },
      second_opinion: benefit('3.8'),
      ...overrides.ind,
    },
  });
  return {
    format: BENEFIT_RULES_FORMAT,
    plans: [
      {
        planCode: 'IND',
        versions: [
          version('USD', '2019-01-01', '2025-12-31', '2025'),
          version('USD', '2026-01-01', null, '2026'),
        ],
      },
      { planCode: 'CORP', versions: [version('AED', '2020-01-01', null, '2026')] },
      { planCode: 'FAM', versions: [version('JPY', '2020-01-01', null, '2026')] },
    ],
  };
}

const importFile = (kind: 'benefits' | 'paid' | 'conditions', content: string) =>
  importCoverageFile(systemContext(server.runtime, 'test-import'), { kind, content, dryRun: false });

const checkOf = (id: string) => `/api/v1/cases/${id}/cover-checks`;
const question = (overrides: Record<string, unknown> = {}) => ({
  treatmentDate: '2026-09-10',
  benefit: 'outpatient_consultation',
  icd10: 'M23.5',
  country: 'ES',
  estimatedCost: { amount: 50_000, currency: 'USD' },
  ...overrides,
});

async function countRows(table: string): Promise<number> {
  const result = await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0].n;
}

beforeAll(async () => {
  server = await startTestServer();
  const register = await givenRegister(server);
  members = register.members;
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  otherManager = await givenStaffSignedIn(server, 'case_manager', { languages: ['fr'], weeklyShifts: [] });
  ops = await givenStaffSignedIn(server, 'ops');
  specialist = await givenStaffSignedIn(server, 'specialist');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@cover.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@cover.test',
  );
  const submitted = await alice.post('/api/v1/cases', {
    concern: 'My knee gave way playing football and the surgeon wants to operate.',
    diagnosisReceived: 'Torn meniscus',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'es',
    contactChannel: 'message',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Valencia' },
  });
  expect(submitted.status).toBe(201);
  expect(submitted.body.caseManager.id).toBe(manager.account.userId);
  caseId = submitted.body.id;
});
afterAll(async () => server?.close());

describe('operations import benefit rules', () => {
  it('a file that contradicts itself is refused whole, each problem with its line and field', async () => {
    const file = rulesFile({
      ind: {
        mental_health: { clause: '3.7', covered: false, annualLimit: { kind: 'sessions', sessions: 10 } },
        second_opinion: benefit('3.8', { exclusions: [{ from: 'M20', to: 'M17', clause: '3.8.1' }] }),
      },
    });
    file.plans[2]!.versions[0]!.currency = 'XYZ';
    file.plans[0]!.versions[1]!.effectiveFrom = '2025-06-01';
    const text = JSON.stringify(file, null, 2);
    const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

    const report = await importFile('benefits', text);

    expect(report.written).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        {
          line: lineOf('"currency": "XYZ"'),
          field: 'plans[2].versions[0].currency',
          reason: 'is not an ISO 4217 currency code',
        },
        {
          line: expect.any(Number),
          field: 'plans[0].versions[0].benefits.second_opinion.exclusions[0].to',
          reason: 'the range is the wrong way round: its start comes after its end',
        },
      ]),
    );
    expect(await countRows('benefit_rules_version')).toBe(0);

    // With the schema's problems put right, the contradictions a schema cannot see remain.
    file.plans[2]!.versions[0]!.currency = 'JPY';
    for (const version of file.plans.flatMap((plan) => plan.versions))
      version.benefits.second_opinion = benefit('3.8');
    const second = JSON.stringify(file, null, 2);
    const contradictions = await importFile('benefits', second);
    expect(contradictions.problems).toEqual([
      {
        // The line of the field itself: `"annualLimit": {`, two lines above its `"sessions": 10`.
        line: second.slice(0, second.indexOf('"sessions": 10')).split('\n').length - 2,
        field: 'plans[0].versions[0].benefits.mental_health.annualLimit',
        reason: 'the benefit is not covered, so it cannot have annualLimit',
      },
      expect.objectContaining({ field: 'plans[0].versions[1].benefits.mental_health.annualLimit' }),
      {
        line: expect.any(Number),
        field: 'plans[0].versions[1].effectiveFrom',
        reason: 'overlaps versions[0] (2025, from 2019-01-01 to 2025-12-31)',
      },
      expect.objectContaining({ field: 'plans[1].versions[0].benefits.mental_health.annualLimit' }),
      expect.objectContaining({ field: 'plans[2].versions[0].benefits.mental_health.annualLimit' }),
    ]);
    expect(await countRows('benefit_rules_version')).toBe(0);
  });

  it('a file with thousands of problems is refused with the first 200 listed and the count of all', async () => {
    const file = rulesFile();
    file.plans = Array.from({ length: 400 }, (_, index) => ({ ...file.plans[0]!, planCode: `P-${index}` }));
    for (const plan of file.plans)
      plan.versions = plan.versions.map((version) => ({ ...version, currency: 'XYZ' }));
    const report = await importFile('benefits', JSON.stringify(file));
    expect(report).toMatchObject({ written: false, problemCount: 800 });
    expect(report.problems).toHaveLength(200);
  });

  it('refuses a plan the register does not know and a file that is not JSON', async () => {
    const file = rulesFile();
    file.plans[0]!.planCode = 'NOPE';
    expect((await importFile('benefits', JSON.stringify(file))).problems).toEqual([
      { line: null, field: 'plans[0].planCode', reason: 'no plan of the register has the code NOPE' },
    ]);
    const broken = await importFile(
      'benefits',
      '{\n  "format": "consilium.benefit-rules/1",\n  "plans": [\n}',
    );
    expect(broken.problems[0]).toMatchObject({ line: 4, field: '(file)' });
    const deep = await importFile('benefits', `{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep.problems).toEqual([{ line: 1, field: '(file)', reason: 'nested more than 64 levels deep' }]);
    expect(await countRows('benefit_rules_version')).toBe(0);
  });

  it('the operator imports a valid file from the command line; importing it again changes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'consilium-cover-'));
    try {
      const file = path.join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify(rulesFile(), null, 2));
      const settings = { DATABASE_URL: server.runtime.config.databaseUrl!, DATA_DIR: dir };
      const dryRun = await runCli(['coverage', 'import', file, '--kind', 'benefits', '--dry-run'], settings);
      expect(dryRun).toMatchObject({
        code: 0,
        stdout: 'dry run, nothing written; would import 3 plans, 4 versions\n',
      });
      expect(await countRows('benefit_rules_version')).toBe(0);
      const first = await runCli(['coverage', 'import', file, '--kind', 'benefits'], settings);
      expect(first).toMatchObject({ code: 0, stdout: 'imported 3 plans, 4 versions\n' });
      const again = await runCli(['coverage', 'import', file, '--kind', 'benefits'], settings);
      expect(again.code).toBe(0);
      expect(await countRows('benefit_rules_version')).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the case manager checks cover for the case’s member', () => {
  it('a consultation: the deductible, then the co-insurance, with the rule behind each amount', async () => {
    const reply = await manager.browser.post(checkOf(caseId), question());
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      outcome: 'covered',
      currency: 'USD',
      planPays: 36_000,
      memberPays: 14_000,
      limitLeftAfter: { kind: 'money', amount: 464_000 },
      planYear: { start: '2026-01-01', end: '2026-12-31' },
      rulesVersion: { label: '2026', effectiveFrom: '2026-01-01' },
    });
    expect(reply.body.rules.map((rule: { code: string }) => rule.code)).toEqual([
      'membership_in_force',
      'benefit_covered',
      'area_inside',
      'network_any_provider',
      'limit_money',
      'deductible',
      'co_insurance',
    ]);
    expect(reply.body.rules[5]).toEqual({
      clause: '3.1',
      code: 'deductible',
      key: 'coverage.rule.deductible',
      effect: 'limits',
      values: {
        deductible: { amount: 10_000, currency: 'USD' },
        applied: { amount: 10_000, currency: 'USD' },
      },
    });
  });

  it('the check is in the member’s access log as a read, with nothing of the question in it', async () => {
    const result = await server.sql.query(
      `SELECT details, subject_member_id, purpose FROM audit_event WHERE action = 'cover_check.read' ORDER BY seq DESC LIMIT 1`,
    );
    expect(result.rows[0]).toEqual({ details: {}, subject_member_id: members.alice, purpose: 'care' });
  });

  it('day surgery at a direct-billing facility needs pre-authorisation; outside the network it is not covered', async () => {
    const surgery = question({
      benefit: 'day_case_surgery',
      icd10: 'S83.2',
      estimatedCost: { amount: 1_200_000, currency: 'USD' },
    });
    const inNetwork = await manager.browser.post(checkOf(caseId), { ...surgery, facilityInNetwork: true });
    expect(inNetwork.body).toMatchObject({
      outcome: 'covered_after_preauthorisation',
      planPays: 1_080_000,
      memberPays: 120_000,
      preauthorisationRequired: true,
    });
    const outside = await manager.browser.post(checkOf(caseId), { ...surgery, facilityInNetwork: false });
    expect(outside.body).toMatchObject({ outcome: 'not_covered', planPays: 0 });
    expect(outside.body.rules).toEqual([expect.objectContaining({ code: 'network_outside', clause: '3.3' })]);
  });

  it('a country outside the area of cover is an answer, not an error: not covered, and why', async () => {
    const reply = await manager.browser.post(checkOf(caseId), question({ country: 'US' }));
    expect(reply.status).toBe(200);
    expect(reply.body.outcome).toBe('not_covered');
    expect(reply.body.rules).toEqual([
      {
        clause: '1.2',
        code: 'area_outside',
        key: 'coverage.rule.area_outside',
        effect: 'excludes',
        values: { country: 'US' },
      },
    ]);
  });

  it('the 2025 rules decide a treatment in 2025', async () => {
    const reply = await manager.browser.post(checkOf(caseId), question({ treatmentDate: '2025-12-31' }));
    expect(reply.body.rulesVersion).toEqual({ label: '2025', effectiveFrom: '2019-01-01' });
  });

  it('operations may run it too; the member for their own case', async () => {
    expect((await ops.browser.post(checkOf(caseId), question())).status).toBe(200);
    const own = await alice.post(checkOf(caseId), question());
    expect(own.status).toBe(200);
    expect(own.body.outcome).toBe('covered');
  });

  it('nobody else learns the case exists: another member, a case manager it is not assigned to, a specialist', async () => {
    for (const stranger of [fatima, otherManager.browser, specialist.browser]) {
      const reply = await stranger.post(checkOf(caseId), question());
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('resource.not_found');
    }
  });
});

describe('a question that cannot be real gets a clear error and changes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    [
      'a treatment date before the membership starts',
      { treatmentDate: '2019-12-31' },
      422,
      'coverage.treatment_date_outside_membership',
    ],
    [
      'a cost of nothing',
      { estimatedCost: { amount: 0, currency: 'USD' } },
      422,
      'coverage.cost_not_positive',
    ],
    [
      'a negative cost',
      { estimatedCost: { amount: -5_000, currency: 'USD' } },
      422,
      'coverage.cost_not_positive',
    ],
    [
      'an absurd cost',
      { estimatedCost: { amount: 10_000_000_000, currency: 'USD' } },
      422,
      'coverage.cost_absurd',
    ],
    [
      'a currency the plan does not use',
      { estimatedCost: { amount: 50_000, currency: 'EUR' } },
      422,
      'coverage.currency_not_of_plan',
    ],
    [
      'a cost in fractions of a cent',
      { estimatedCost: { amount: 10.5, currency: 'USD' } },
      400,
      'request.validation_failed',
    ],
    ['an unknown benefit', { benefit: 'dental' }, 400, 'request.validation_failed'],
    ['a code that is not ICD-10', { icd10: 'knee' }, 400, 'request.validation_failed'],
    ['a country that is not a country', { country: 'UK' }, 400, 'request.validation_failed'],
  ];

  it.each(cases)('%s', async (_story, overrides, status, code) => {
    const before = await countRows('audit_event');
    const reply = await manager.browser.post(checkOf(caseId), question(overrides));
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.code).toBe(code);
    // Nothing of the question comes back: not the condition, whatever was sent.
    expect(JSON.stringify(reply.body)).not.toContain(String(question(overrides).icd10));
    expect(await countRows('audit_event')).toBe(before);
  });
});

describe('what has been used of a limit, and what the member declared', () => {
  it('paid claims count against the limit; the same claims file twice counts once', async () => {
    const claims = [
      'reference,membership_number,benefit,service_date,currency,plan_paid,deductible_borne,sessions',
      'CLM-1,M-1000,outpatient_consultation,2026-02-01,USD,440000,10000,0',
      'CLM-2,M-1000,physiotherapy,2026-03-01,USD,30000,0,11',
    ].join('\n');
    expect(await importFile('paid', claims)).toMatchObject({ written: true, counts: { rows: 2, added: 2 } });
    expect(await importFile('paid', claims)).toMatchObject({
      written: true,
      counts: { rows: 2, added: 0, alreadyThere: 2 },
    });

    const consultation = await manager.browser.post(checkOf(caseId), question());
    // 60,000 left of the limit; the deductible already borne this plan year: 45,000 after co-insurance.
    expect(consultation.body).toMatchObject({
      outcome: 'covered',
      planPays: 45_000,
      memberPays: 5_000,
      limitLeftAfter: { kind: 'money', amount: 15_000 },
    });
    const physiotherapy = await manager.browser.post(
      checkOf(caseId),
      question({ benefit: 'physiotherapy', sessions: 2, estimatedCost: { amount: 20_000, currency: 'USD' } }),
    );
    expect(physiotherapy.body).toMatchObject({
      outcome: 'partly_covered',
      planPays: 10_000,
      memberPays: 10_000,
    });
  });

  it('a claims file with bad rows is refused whole, line by line', async () => {
    const report = await importFile(
      'paid',
      [
        'reference,membership_number,benefit,service_date,currency,plan_paid',
        'CLM-9,M-1000,outpatient_consultation,2026-02-01,EUR,1000',
        'CLM-9,M-9999,dental,2026-02-30,USD,-4',
        'CLM-10,M-1000,outpatient_consultation,2019-06-01,USD,1000',
      ].join('\n'),
    );
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      { line: 2, field: 'currency', reason: "the plan's rules on this date are in USD" },
      { line: 3, field: 'reference', reason: 'already on line 2' },
      { line: 3, field: 'membership_number', reason: 'no membership of the register has this number' },
      { line: 3, field: 'benefit', reason: expect.stringContaining('must be one of') },
      { line: 3, field: 'service_date', reason: 'must be a date such as 2026-03-14' },
      { line: 3, field: 'plan_paid', reason: 'must be a whole number of minor units, 0 or more' },
      { line: 4, field: 'service_date', reason: 'outside the membership (2020-01-01 to no end)' },
    ]);
  });

  it('a declared pre-existing condition is not covered, with the clause that says so', async () => {
    const conditions = [
      'member_number,icd10_from,icd10_to,declared_on',
      'M-1000-01,M23,M23.9,2019-11-02',
    ].join('\n');
    expect(await importFile('conditions', conditions)).toMatchObject({ written: true, counts: { added: 1 } });
    const reply = await manager.browser.post(checkOf(caseId), question({ benefit: 'second_opinion' }));
    expect(reply.body.outcome).toBe('not_covered');
    expect(reply.body.rules).toEqual([
      expect.objectContaining({
        clause: '5.1',
        code: 'pre_existing_condition',
        values: { from: 'M23', to: 'M23.9' },
      }),
    ]);
    const reversed = await importFile(
      'conditions',
      ['member_number,icd10_from,icd10_to,declared_on', 'M-1000-01,M25,M20,2019-11-02'].join('\n'),
    );
    expect(reversed.problems).toEqual([
      {
        line: 2,
        field: 'icd10_to',
        reason: 'the range is the wrong way round: its start comes after its end',
      },
    ]);
  });
});

describe('the rules file’s JSON Schema is published', () => {
  it('is served without sign-in, and is the one committed in docs/', async () => {
    const reply = await new Browser(server.url).get('/api/v1/benefit-rules-schema');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/schema+json');
    const committed = JSON.parse(
      readFileSync(new URL('../../../../docs/benefit-rules.schema.json', import.meta.url), 'utf8'),
    );
    expect(reply.body).toEqual(committed);
    expect(committed.properties.plans.items.properties.versions.items.required).toEqual(
      expect.arrayContaining(['label', 'effectiveFrom', 'currency', 'areaOfCover', 'benefits']),
    );
  });
});
