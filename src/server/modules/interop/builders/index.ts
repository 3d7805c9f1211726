import type { FhirResource } from 'fhir/r4.js';
import type { CaseFacts } from '../facts.js';
import { buildCarePlan } from './care-plan.js';
import { buildPreauthorisations } from './claim.js';
import { buildClinicalImpressions } from './clinical-impression.js';
import { buildCommunications } from './communication.js';
import { buildConsents } from './consent.js';
import { buildCoverage, buildInsurer } from './coverage.js';
import { buildBinaries, buildDocumentReferences } from './document-reference.js';
import { buildCoverChecks } from './eligibility.js';
import { buildPatient, buildRelatedPerson } from './patient.js';
import { buildPractitioners } from './practitioner.js';
import { buildProvenances } from './provenance.js';
import { buildReferralFacilities, buildReferrals } from './referral.js';
import { buildServiceRequest } from './service-request.js';
import { buildTask } from './task.js';

/** A builder: the resources of one kind, from the facts of the case. Pure. */
export type ResourceBuilder = (facts: CaseFacts) => FhirResource[];

/**
 * Every builder, in the order their resources appear in the Bundle. A room adding resources to
 * the export adds its facts (facts.ts) and one line here (docs/fhir.md).
 */
export const resourceBuilders: readonly ResourceBuilder[] = [
  buildPatient,
  buildRelatedPerson,
  buildInsurer,
  buildCoverage,
  buildPractitioners,
  buildServiceRequest,
  buildTask,
  buildProvenances,
  buildCommunications,
  buildDocumentReferences,
  buildBinaries,
  buildConsents,
  buildClinicalImpressions,
  buildCarePlan,
  buildReferralFacilities,
  buildReferrals,
  buildCoverChecks,
  buildPreauthorisations,
];
