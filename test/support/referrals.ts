import { expect } from 'vitest';
import { importCoverageFile } from '../../src/server/modules/coverage/service.js';
import { systemContext } from '../../src/server/platform/context.js';
import { BENEFIT_RULES_FORMAT } from '../../src/shared/coverage.js';
import { Browser } from './client.js';
import { facilityCsvHeader, facilityCsvRow } from './facilities.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn, type StaffAccount } from './factories.js';
import { extractPdfText } from './pdf.js';
import type { TestServer } from './server.js';

/*
 * The stage of the referral stories: a server with Alice's plan (IND, in US dollars: day-case
 * surgery always pre-authorised and in the direct-billing network, imaging above $1,000), a Dubai
 * orthopaedic clinic that bills directly and an imaging centre that does not, Alice and Fatima, a
 * case manager, another one, operations and two cover assessors.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

export interface ReferralStage {
  server: TestServer;
  alice: Browser;
  fatima: Browser;
  manager: { browser: Browser; account: StaffAccount };
  otherManager: Browser;
  ops: Browser;
  assessor: { browser: Browser; account: StaffAccount };
  secondAssessor: { browser: Browser; account: StaffAccount };
  clinicId: string;
  imagingCentreId: string;
}

const benefit = (clause: string, extra: Record<string, unknown> = {}) => ({
  clause,
  covered: true,
  ...extra,
});

/** Alice's plan (IND) in US dollars: day-case surgery always pre-authorised, in the direct-billing network. */
export const stageRules = {
  format: BENEFIT_RULES_FORMAT,
  plans: [
    {
      planCode: 'IND',
      versions: [
        {
          label: '2026',
          effectiveFrom: '2019-01-01',
          effectiveTo: null,
          currency: 'USD',
          clauses: { membership: '1.1', preExistingConditions: '5.1' },
          areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
          exclusions: [],
          benefits: {
            outpatient_consultation: benefit('3.1'),
            diagnostics_imaging: benefit('3.2', { preauthorisation: { when: 'above', amount: 100_000 } }),
            day_case_surgery: benefit('3.3', {
              annualLimit: { kind: 'money', amount: 7_500_000 },
              coInsurancePercent: 10,
              preauthorisation: { when: 'always' },
              network: 'direct_billing_network',
            }),
            inpatient_surgery: benefit('3.4', { preauthorisation: { when: 'always' } }),
            cancer_treatment: benefit('3.5', { preauthorisation: { when: 'always' } }),
            physiotherapy: benefit('3.6'),
            mental_health: { clause: '3.7', covered: false },
            second_opinion: benefit('3.8'),
          },
        },
      ],
    },
  ],
};

/** Sets the stage on a story file's own test server. */
export async function openReferralStage(server: TestServer): Promise<ReferralStage> {
  await givenRegister(server);
  const manager = await givenStaffSignedIn(server, 'case_manager', {
    name: 'Dr Layla Mansour',
    languages: ['en', 'ar'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  const otherManager = (
    await givenStaffSignedIn(server, 'case_manager', { languages: ['fr'], weeklyShifts: [] })
  ).browser;
  const ops = (await givenStaffSignedIn(server, 'ops')).browser;
  const assessor = await givenStaffSignedIn(server, 'cover_assessor', { name: 'Karim Haddad' });
  const secondAssessor = await givenStaffSignedIn(server, 'cover_assessor', { name: 'Sara Lindqvist' });
  const alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@referrals.test',
  );
  const fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@referrals.test',
  );
  const imported = await importCoverageFile(systemContext(server.runtime, 'test-import'), {
    kind: 'benefits',
    content: JSON.stringify(stageRules),
    dryRun: false,
  });
  expect(imported.problems).toEqual([]);
  const facilities = await ops.request('POST', '/api/v1/facility-imports', {
    body: Buffer.from(
      [
        facilityCsvHeader,
        facilityCsvRow({ id: 'F-CLINIC', name: 'Jumeirah Sports Orthopaedics' }),
        facilityCsvRow({
          id: 'F-IMAGING',
          name: 'Marina Imaging Centre',
          kind: 'diagnostic_centre',
          services: 'DR',
          languages: 'en;ar',
          direct_billing: 'false',
          direct_billing_since: '',
        }),
      ].join('\n'),
    ),
    headers: { 'content-type': 'text/csv' },
  });
  expect(facilities.status, JSON.stringify(facilities.body)).toBe(201);
  const ids = await server.sql.query('SELECT id, external_id FROM facility');
  const clinicId = ids.rows.find((row) => row.external_id === 'F-CLINIC').id;
  const imagingCentreId = ids.rows.find((row) => row.external_id === 'F-IMAGING').id;
  return {
    server,
    alice,
    fatima,
    manager,
    otherManager,
    ops,
    assessor,
    secondAssessor,
    clinicId,
    imagingCentreId,
  };
}

export const surgery = (stage: ReferralStage, version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  facilityId: stage.clinicId,
  service: 'OS-SPORTS',
  benefit: 'day_case_surgery',
  icd10: 'S83.2',
  reason: 'Arthroscopic partial meniscectomy of the right knee, as the second opinion confirmed.',
  urgency: 'soon',
  treatmentDate: '2026-09-10',
  estimatedCost: { amount: 1_850_000, currency: 'USD' },
  ...overrides,
});

/** A PDF download as the browser gets it: its status, type and text read back. */
export async function pdfOf(stage: ReferralStage, browser: Browser, path: string) {
  const response = await fetch(`${stage.server.url}${path}`, {
    headers: { cookie: browser.cookieHeader(), origin: stage.server.url },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: response.ok ? await extractPdfText(bytes) : '',
  };
}

export async function count(stage: ReferralStage, table: string): Promise<number> {
  return (await stage.server.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

export const caseVersion = async (stage: ReferralStage, caseId: string) =>
  (await stage.manager.browser.get(`/api/v1/cases/${caseId}`)).body.version;

/** A case of Alice's whose recommendations are, or are not yet, delivered. */
export async function aliceCase(
  stage: ReferralStage,
  options: { delivered?: boolean } = {},
): Promise<string> {
  const { alice, manager, server } = stage;
  const submitted = await alice.post('/api/v1/cases', {
    concern: 'My knee locks when I climb stairs and the surgeon wants to operate.',
    diagnosisReceived: 'Torn meniscus',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'en',
    contactChannel: 'message',
    timeZone: 'Asia/Dubai',
    location: { country: 'AE', city: 'Dubai' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const contacted = await manager.browser.post(`/api/v1/cases/${id}/contacts`, {
    version: submitted.body.version,
    channel: 'message',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  await manager.browser.request('PUT', `/api/v1/cases/${id}/recommendations`, {
    json: { version: contacted.body.version, body: 'A day-case arthroscopy in a clinic near you.' },
  });
  if (options.delivered !== false) {
    const delivered = await manager.browser.post(`/api/v1/cases/${id}/recommendations/delivery`, {
      version: await caseVersion(stage, id),
      withoutReviewReason: 'answered_by_case_manager',
    });
    expect(delivered.body.status).toBe('recommendations_delivered');
  }
  return id;
}
