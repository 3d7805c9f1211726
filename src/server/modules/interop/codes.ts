import type { CodeableConcept, Money } from 'fhir/r4.js';
import { minorDigitsOf } from '../../../shared/coverage.js';
import { ours } from './ids.js';

/** Standard code and identifier systems the export uses (docs/fhir.md lists each). */
export const standard = {
  bcp47: 'urn:ietf:bcp:47',
  iso3166: 'urn:iso:std:iso:3166',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  provenanceParticipant: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  snomed: 'http://snomed.info/sct',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  benefitType: 'http://terminology.hl7.org/CodeSystem/benefit-type',
} as const;

/** Where no standard code system fits, our own, under the canonical base (docs/fhir.md). */
export const own = {
  service: ours('CodeSystem/service'),
  caseStatus: ours('CodeSystem/case-status'),
  caseEvent: ours('CodeSystem/case-event'),
  actorRole: ours('CodeSystem/actor-role'),
  documentKind: ours('CodeSystem/document-kind'),
  documentSource: ours('CodeSystem/document-source'),
  diagnosisVerdict: ours('CodeSystem/diagnosis-verdict'),
  treatmentVerdict: ours('CodeSystem/treatment-verdict'),
  followUpStatus: ours('CodeSystem/follow-up-status'),
  specialty: ours('CodeSystem/specialty'),
  benefitCategory: ours('CodeSystem/benefit-category'),
  coverRule: ours('CodeSystem/cover-rule'),
  coverRuleExtension: ours('StructureDefinition/cover-rule'),
  caseNumber: ours('NamingSystem/case-number'),
  memberNumber: ours('NamingSystem/member-number'),
  membershipNumber: ours('NamingSystem/membership-number'),
  insurerCode: ours('NamingSystem/insurer-code'),
  specialistId: ours('NamingSystem/specialist'),
  staffId: ours('NamingSystem/staff'),
} as const;

export const concept = (system: string, code: string, display?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display !== undefined && { display }) }],
});

/** A BCP 47 language tag as FHIR carries it. */
export const language = (tag: string): CodeableConcept => concept(standard.bcp47, tag);

/** An amount in minor units as FHIR Money: a decimal value in its ISO 4217 currency (yen: no decimals). */
export const money = (amount: number, currency: string): Money => ({
  value: amount / 10 ** minorDigitsOf(currency),
  currency,
});
