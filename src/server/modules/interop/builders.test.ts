import type {
  Bundle,
  CarePlan,
  Claim,
  ClaimResponse,
  CoverageEligibilityResponse,
  ServiceRequest,
  ClinicalImpression,
  Consent,
  Coverage,
  Patient,
  RelatedPerson,
  DocumentReference,
  FhirResource,
  Task,
} from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { bundleIssues, danglingReferences, fhirIssues } from '../../../../test/support/fhir.js';
import { resourceBuilders } from './builders/index.js';
import { caseBundleOf } from './bundle.js';
import type { Referral } from '../../../shared/referrals.js';
import type { CaseFacts } from './facts.js';
import { derivedId } from './ids.js';

/*
 * Each builder on its own, from the facts of one case: a dependant (a child) whose mother acts for
 * her, who asked for an opinion, wrote to her case manager, sent records, consented to share them,
 * had a specialist opinion, read the recommendations and reported progress at a check-in.
 */
const at = (iso: string) => new Date(iso);
const ids = {
  case: '01970000-0000-7000-8000-000000000001',
  child: '01970000-0000-7000-8000-000000000002',
  mother: '01970000-0000-7000-8000-000000000003',
  membership: '01970000-0000-7000-8000-000000000004',
  insurer: '01970000-0000-7000-8000-000000000005',
  manager: '01970000-0000-7000-8000-000000000006',
  specialist: '01970000-0000-7000-8000-000000000007',
  report: '01970000-0000-7000-8000-000000000008',
  scan: '01970000-0000-7000-8000-000000000009',
  consent: '01970000-0000-7000-8000-00000000000a',
  opinion: '01970000-0000-7000-8000-00000000000b',
  message: '01970000-0000-7000-8000-00000000000c',
  reply: '01970000-0000-7000-8000-00000000000d',
  event: '01970000-0000-7000-8000-00000000000e',
  checkIn: '01970000-0000-7000-8000-00000000000f',
  referral: '01970000-0000-7000-8000-000000000010',
  facility: '01970000-0000-7000-8000-000000000011',
  preauthorisation: '01970000-0000-7000-8000-000000000012',
};

/** Lucía's referral to a Bilbao hospital for surgery, pre-authorised at €16,650 of €18,500. */
function referral(): Referral {
  return {
    id: ids.referral,
    caseId: ids.case,
    facility: {
      id: ids.facility,
      name: 'Hospital Universitario de Cruces',
      kind: 'hospital',
      address: 'Plaza de Cruces 12',
      city: 'Barakaldo',
      country: 'ES',
      latitude: 43.2833,
      longitude: -2.9833,
      phone: { e164: '+34946006000', international: '+34 946 00 60 00' },
      languages: ['es', 'eu'],
      directBilling: true,
      timeZone: 'Europe/Madrid',
      openingHours: [],
    },
    receivingDoctor: 'Dra. Itziar Goikoetxea',
    service: 'PS',
    benefit: 'inpatient_surgery',
    icd10: 'C74.9',
    country: 'ES',
    sessions: 1,
    reason: 'Resección tras la inducción, como recomienda la segunda opinión.',
    urgency: 'soon',
    treatmentDate: '2027-01-15',
    letterLanguage: 'es',
    status: 'active',
    withdrawnAt: null,
    sharedDocuments: [{ id: ids.report, title: 'Informe de anatomía patológica', kind: 'report' }],
    cover: {
      outcome: 'covered_after_preauthorisation',
      benefit: 'inpatient_surgery',
      currency: 'EUR',
      estimatedCost: 1_850_000,
      planPays: 1_665_000,
      memberPays: 185_000,
      limitLeftAfter: { kind: 'money', amount: 5_835_000 },
      referralRequired: false,
      preauthorisationRequired: true,
      planYear: { start: '2026-01-01', end: '2026-12-31' },
      rulesVersion: { label: '2026', effectiveFrom: '2026-01-01' },
      rules: [
        {
          clause: 'B4',
          code: 'co_insurance',
          key: 'coverage.rule.co_insurance',
          effect: 'limits',
          values: { percent: 10, amount: { amount: 185_000, currency: 'EUR' } },
        },
        {
          clause: 'B4',
          code: 'preauthorisation_always',
          key: 'coverage.rule.preauthorisation_always',
          effect: 'requires',
          values: {},
        },
      ],
    },
    preauthorisation: {
      id: ids.preauthorisation,
      referralId: ids.referral,
      caseId: ids.case,
      status: 'approved',
      estimatedCost: { amount: 1_850_000, currency: 'EUR' },
      planPays: 1_665_000,
      memberPays: 185_000,
      requestedAt: '2026-11-20T09:00:00.000Z',
      requestedBy: { name: 'Dr Marta Vidal' },
      approval: {
        amount: 1_665_000,
        validFrom: '2027-01-01',
        validTo: '2027-02-28',
        reference: 'PA-2026-0042',
      },
      firstApproval: null,
      secondApprovalRequired: false,
      declineReason: null,
      informationRequest: null,
      informationAnswer: null,
      decidedAt: '2026-11-21T09:00:00.000Z',
      version: 2,
    },
    createdAt: '2026-11-20T09:00:00.000Z',
    createdBy: { name: 'Dr Marta Vidal' },
  };
}

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  const member = {
    id: ids.child,
    memberNumber: 'M-1000-03',
    relationship: 'child' as const,
    givenName: 'Lucía',
    familyName: 'García',
    dateOfBirth: '2015-06-01',
    country: 'ES',
    preferredLanguage: 'es',
    guardianMemberId: ids.mother,
  };
  return {
    kase: {
      id: ids.case,
      number: 'SMO-2026-000042',
      status: 'monitoring',
      version: 9,
      memberId: ids.child,
      requestedByUserId: ids.mother,
      concern: 'Me dijeron que el tumor no se puede operar.',
      diagnosisReceived: 'Neuroblastoma',
      treatmentPlanReceived: 'Quimioterapia',
      firstOpinionDoctor: 'Dr Ruiz',
      firstOpinionInstitution: 'Hospital de Cruces',
      firstOpinionCountry: 'ES',
      questions: ['¿Es posible la cirugía?', '¿Quimioterapia primero?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34612345678',
      timeZone: 'Europe/Madrid',
      preferredContactWindows: [],
      locationCountry: 'ES',
      locationCity: 'Bilbao',
      caseManagerUserId: ids.manager,
      interpreterNeeded: false,
      submittedAt: at('2026-11-02T09:00:00Z'),
      firstContactDueAt: at('2026-11-03T09:00:00Z'),
      firstContactedAt: at('2026-11-02T12:00:00Z'),
      queueRank: 1,
      closedAt: null,
      withdrawnAt: null,
      createdAt: at('2026-11-02T09:00:00Z'),
      updatedAt: at('2026-11-20T09:00:00Z'),
    },
    patient: {
      member,
      membership: { id: ids.membership, membershipNumber: 'M-1000', startDate: '2026-01-01', endDate: null },
      plan: { id: ids.insurer, code: 'GLOBAL-GOLD', name: 'Global Gold', kind: 'individual', services: [] },
      employer: null,
      insurer: { id: ids.insurer, code: 'ACME', name: 'Acme Health' },
    },
    guardian: {
      ...member,
      id: ids.mother,
      memberNumber: 'M-1000-01',
      relationship: 'holder',
      givenName: 'Ana',
      dateOfBirth: '1985-03-04',
      guardianMemberId: null,
    },
    caseManager: { id: ids.manager, name: 'Dr Marta Vidal' },
    staff: [{ id: ids.manager, name: 'Dr Marta Vidal' }],
    timeline: [
      {
        id: ids.event,
        seq: 1,
        type: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        actorRole: 'member',
        actorName: 'Ana García',
        reason: null,
        staffOnly: false,
        occurredAt: at('2026-11-02T09:00:00Z'),
      },
    ],
    messages: [
      {
        id: ids.message,
        authorUserId: ids.mother,
        authorRole: 'guardian',
        authorName: 'Ana García',
        body: '¿Necesitan la resonancia?',
        createdAt: at('2026-11-03T10:00:00Z'),
      },
      {
        id: ids.reply,
        authorUserId: ids.manager,
        authorRole: 'case_manager',
        authorName: 'Dr Marta Vidal',
        body: 'Sí, por favor súbala.',
        createdAt: at('2026-11-03T11:00:00Z'),
      },
    ],
    documents: [
      document(ids.report, 'report', 'Informe de anatomía patológica', 'application/pdf'),
      document(ids.scan, 'imaging', 'Resonancia abdominal', 'image/png'),
    ],
    consents: [
      {
        id: ids.consent,
        caseId: ids.case,
        memberId: ids.child,
        scope: 'selected',
        documentIds: [ids.report],
        givenByUserId: ids.mother,
        givenAt: at('2026-11-04T09:00:00Z'),
        withdrawnAt: null,
      },
    ],
    opinions: [
      {
        opinion: {
          id: ids.opinion,
          offerId: ids.opinion,
          reviewId: ids.opinion,
          caseId: ids.case,
          specialistId: ids.specialist,
          version: 1,
          diagnosisVerdict: 'refined',
          proposedDiagnosisCode: 'C74.9',
          treatmentVerdict: 'modified',
          furtherTests: ['MIBG scintigraphy'],
          answers: ['Surgery may be possible after induction.', 'Yes.'],
          narrative: 'Borderline resectable.',
          references: ['COG ANBL1232'],
          correctionReason: null,
          language: 'en',
          contentHash: 'x',
          submittedByUserId: ids.specialist,
          submittedAt: at('2026-11-10T09:00:00Z'),
        },
        specialist: { id: ids.specialist, name: 'Dr Carla Third', title: 'Dr' },
      },
    ],
    recommendations: {
      caseId: ids.case,
      language: 'es',
      body: '## Lo que recomendamos\n\nPedir una **segunda biopsia**.',
      nextSteps: ['Pedir cita en oncología'],
      writtenByUserId: ids.manager,
      version: 2,
      updatedAt: at('2026-11-12T09:00:00Z'),
      deliveredAt: at('2026-11-12T10:00:00Z'),
      acknowledgedAt: null,
      acknowledgedByUserId: null,
      withoutReviewReason: null,
    },
    followUps: [
      {
        id: ids.checkIn,
        caseId: ids.case,
        dueAt: at('2026-11-26T09:00:00Z'),
        status: 'completed',
        progress: 'Me encuentro mejor.',
        reportedAt: at('2026-11-26T10:00:00Z'),
        remindedAt: null,
        createdByUserId: ids.manager,
        createdAt: at('2026-11-12T11:00:00Z'),
      },
    ],
    referrals: [referral()],
    binaries: new Map(),
    contentUrl: (documentId) =>
      `https://consilium.test/api/v1/cases/${ids.case}/documents/${documentId}/content`,
    exportedAt: at('2026-12-01T09:00:00Z'),
    ...overrides,
  };
}

function document(id: string, kind: 'report' | 'imaging', title: string, mediaType: string) {
  return {
    id,
    caseId: ids.case,
    kind,
    source: 'member' as const,
    title,
    documentDate: '2026-10-20',
    mediaType,
    sizeBytes: 1234,
    sha256: 'ab'.repeat(32),
    storageKey: `k-${id}`,
    wrappedKey: Buffer.alloc(0),
    recordRequestId: null,
    uploadedByUserId: ids.mother,
    sourceName: null,
    createdAt: at('2026-11-04T08:00:00Z'),
  };
}

describe('each builder makes valid R4 resources from the facts of a case', () => {
  it.each(resourceBuilders.map((build) => [build.name, build] as const))('%s', (_name, build) => {
    const resources = build(facts({ binaries: new Map([[ids.report, Buffer.from('%PDF-1.7')]]) }));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(fhirIssues(resource), resource.resourceType).toEqual([]);
  });
});

describe('the validator in the suite', () => {
  it('refuses what R4 refuses: a Task without its status, a code where a date goes', () => {
    const [task] = resourceBuilders.find((build) => build.name === 'buildTask')!(facts()) as Task[];
    expect(fhirIssues({ ...task, status: undefined } as unknown as Task).join('\n')).toMatch(/Task\.status/);
    expect(fhirIssues({ ...(task as Task), authoredOn: 'yesterday' }).join('\n')).toMatch(/Task\.authoredOn/);
  });
});

describe('the mapping', () => {
  const bundle = caseBundleOf(facts());
  const find = <T extends FhirResource>(type: string): T[] =>
    (bundle.entry ?? [])
      .map((entry) => entry.resource as T)
      .filter((resource) => resource.resourceType === type);

  it('the patient, their guardian, cover and insurer use standard codes', () => {
    const [patient] = find<Patient>('Patient');
    expect(patient?.id).toBe(ids.child);
    expect(patient?.communication?.[0]?.language.coding?.[0]).toEqual({
      system: 'urn:ietf:bcp:47',
      code: 'es',
    });
    const [guardian] = find<RelatedPerson>('RelatedPerson');
    expect(guardian?.relationship?.[0]?.coding?.[0]?.code).toBe('GUARD');
    const [coverage] = find<Coverage>('Coverage');
    expect(coverage?.relationship?.coding?.[0]?.code).toBe('child');
  });

  it('the Task carries the case status, the questions and its status history', () => {
    const [task] = find<Task>('Task');
    expect(task?.status).toBe('in-progress');
    expect(task?.businessStatus?.coding?.[0]).toMatchObject({ code: 'monitoring' });
    expect(task?.input?.filter((input) => input.type.coding?.[0]?.code === 'question')).toHaveLength(2);
    expect(task?.relevantHistory).toEqual([{ reference: `urn:uuid:${derivedId('Provenance', ids.event)}` }]);
  });

  it('the opinion proposes an ICD-10 diagnosis; the plan holds next steps and the check-in with its progress', () => {
    const [impression] = find<ClinicalImpression>('ClinicalImpression');
    expect(impression?.finding?.map((finding) => finding.itemCodeableConcept?.coding?.[0]?.system)).toContain(
      'http://hl7.org/fhir/sid/icd-10',
    );
    const [plan] = find<CarePlan>('CarePlan');
    expect(plan?.status).toBe('active');
    expect(plan?.activity?.map((activity) => activity.detail?.status)).toEqual(['not-started', 'completed']);
    expect(plan?.activity?.[1]?.progress?.[0]?.text).toBe('Me encuentro mejor.');
  });

  it('a consent for chosen records names them; the guardian gave it', () => {
    const [consent] = find<Consent>('Consent');
    expect(consent?.provision?.data?.map((data) => data.reference.reference)).toEqual([
      `urn:uuid:${ids.report}`,
    ]);
    expect(consent?.performer?.[0]?.reference).toBe(`urn:uuid:${ids.mother}`);
  });

  it('documents link to the download endpoint unless their content is inside the Bundle', () => {
    const linked = find<DocumentReference>('DocumentReference');
    expect(linked[0]?.content[0]?.attachment.url).toMatch(
      /^https:\/\/consilium\.test\/api\/v1\/cases\/[0-9a-f-]+\/documents\/[0-9a-f-]+\/content$/,
    );
    const withContent = caseBundleOf(facts({ binaries: new Map([[ids.report, Buffer.from('%PDF-1.7')]]) }));
    const binary = withContent.entry?.find((entry) => entry.resource?.resourceType === 'Binary');
    const report = withContent.entry?.find((entry) => entry.resource?.id === ids.report)
      ?.resource as DocumentReference;
    expect(report.content[0]?.attachment.url).toBe(binary?.fullUrl);
    expect(bundleIssues(withContent)).toEqual({});
    expect(danglingReferences(withContent)).toEqual([]);
  });

  it('the referral is an order for the service at the facility, its check and pre-authorisation the insurer’s answers', () => {
    const order = find<ServiceRequest>('ServiceRequest').find((request) => request.id === ids.referral);
    expect(order).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      occurrenceDateTime: '2027-01-15',
      performer: [{ reference: `urn:uuid:${ids.facility}` }, { display: 'Dra. Itziar Goikoetxea' }],
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C74.9' }] }],
    });
    const [answer] = find<CoverageEligibilityResponse>('CoverageEligibilityResponse');
    const item = answer?.insurance?.[0]?.item?.[0];
    expect(answer?.disposition).toBe('covered_after_preauthorisation');
    expect(item?.authorizationRequired).toBe(true);
    expect(item?.benefit?.map((benefit) => benefit.allowedMoney)).toEqual([
      { value: 16650, currency: 'EUR' },
      { value: 1850, currency: 'EUR' },
    ]);
    expect(item?.extension?.map((rule) => rule.extension?.[1]?.valueCoding?.code)).toEqual([
      'co_insurance',
      'preauthorisation_always',
    ]);
    const [claim] = find<Claim>('Claim');
    expect(claim).toMatchObject({
      use: 'preauthorization',
      referral: { reference: `urn:uuid:${ids.referral}` },
      total: { value: 18500, currency: 'EUR' },
    });
    const [response] = find<ClaimResponse>('ClaimResponse');
    expect(response).toMatchObject({
      outcome: 'complete',
      preAuthRef: 'PA-2026-0042',
      preAuthPeriod: { start: '2027-01-01', end: '2027-02-28' },
      total: [{ amount: { value: 16650, currency: 'EUR' } }],
    });
  });

  it('a withdrawn referral is revoked; a request cancelled with it has no answer; yen have no decimals', () => {
    const withdrawn: Referral = {
      ...referral(),
      status: 'withdrawn',
      withdrawnAt: '2026-11-22T09:00:00.000Z',
      cover: {
        ...referral().cover,
        currency: 'JPY',
        estimatedCost: 734_500,
        planPays: 661_050,
        memberPays: 73_450,
      },
      preauthorisation: { ...referral().preauthorisation!, status: 'cancelled', approval: null },
    };
    const bundle = caseBundleOf(facts({ referrals: [withdrawn] }));
    const types = bundle.entry?.map((entry) => entry.resource?.resourceType);
    expect(types).not.toContain('ClaimResponse');
    const order = bundle.entry?.find((entry) => entry.resource?.id === ids.referral)
      ?.resource as ServiceRequest;
    expect(order.status).toBe('revoked');
    const claim = bundle.entry?.find((entry) => entry.resource?.resourceType === 'Claim')?.resource as Claim;
    expect(claim.status).toBe('cancelled');
    expect(claim.total).toEqual({ value: 734_500, currency: 'JPY' });
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
  });

  it('the whole Bundle is valid, every reference resolves inside it, and ids are stable', () => {
    expect(bundle.type).toBe('collection');
    expect(bundleIssues(bundle)).toEqual({});
    expect(danglingReferences(bundle)).toEqual([]);
    const again = caseBundleOf(facts());
    expect(again.entry?.map((entry) => entry.fullUrl)).toEqual(bundle.entry?.map((entry) => entry.fullUrl));
    expect(new Set(bundle.entry?.map((entry) => entry.fullUrl)).size).toBe(bundle.entry?.length);
  });

  it('a case with no guardian, no opinion yet and no recommendations makes a smaller valid Bundle', () => {
    const early: Bundle = caseBundleOf(
      facts({
        guardian: undefined,
        opinions: [],
        recommendations: undefined,
        followUps: [],
        consents: [],
        referrals: [],
      }),
    );
    const types = early.entry?.map((entry) => entry.resource?.resourceType);
    expect(types).not.toContain('RelatedPerson');
    expect(types).not.toContain('CarePlan');
    expect(bundleIssues(early)).toEqual({});
    expect(danglingReferences(early)).toEqual([]);
  });
});
