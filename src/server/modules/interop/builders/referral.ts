import type { Organization, ServiceRequest } from 'fhir/r4.js';
import type { Referral, ReferralUrgency } from '../../../../shared/referrals.js';
import { specialtyName } from '../../../../shared/specialty-taxonomy.js';
import { concept, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { carePlanId, eligibilityResponseId, ref } from '../ids.js';

/** Our urgency in FHIR's request priorities: "soon" is urgent, "urgent" as soon as possible. */
const priority: Record<ReferralUrgency, ServiceRequest['priority']> = {
  routine: 'routine',
  soon: 'urgent',
  urgent: 'asap',
};

/** The service asked for, a code of the specialty taxonomy, with its English name. */
export const serviceConcept = (referral: Referral) =>
  concept(own.specialty, referral.service, specialtyName(referral.service, 'en') ?? undefined);

export const benefitConcept = (referral: Referral) => concept(own.benefitCategory, referral.benefit);

export const icd10Concept = (referral: Referral) => concept(standard.icd10, referral.icd10);

/** The facilities the member is referred to: each once, as a healthcare provider. */
export function buildReferralFacilities(facts: Pick<CaseFacts, 'referrals'>): Organization[] {
  const seen = new Map<string, Organization>();
  for (const { facility } of facts.referrals) {
    if (!facility || seen.has(facility.id)) continue;
    seen.set(facility.id, {
      resourceType: 'Organization',
      id: facility.id,
      active: true,
      type: [concept(standard.organizationType, 'prov', 'Healthcare Provider')],
      name: facility.name,
      ...(facility.phone && { telecom: [{ system: 'phone', value: facility.phone.e164 }] }),
      address: [{ line: [facility.address], city: facility.city, country: facility.country }],
    });
  }
  return [...seen.values()];
}

/**
 * Each referral as the order it is: for a service, at a facility and/or to a doctor, on a date,
 * for a condition (ICD-10), based on the recommendations, with the cover check that answered it.
 */
export function buildReferrals(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'referrals' | 'recommendations'>,
): ServiceRequest[] {
  const { kase, patient } = facts;
  return facts.referrals.map((referral) => ({
    resourceType: 'ServiceRequest',
    id: referral.id,
    status: referral.status === 'withdrawn' ? 'revoked' : kase.status === 'closed' ? 'completed' : 'active',
    intent: 'order',
    priority: priority[referral.urgency],
    category: [concept(standard.snomed, '3457005', 'Patient referral')],
    code: serviceConcept(referral),
    subject: ref(patient.member.id),
    // The referral follows the recommendations the member was given (else the case's request).
    basedOn: [ref(facts.recommendations ? carePlanId(kase.id) : kase.id)],
    occurrenceDateTime: referral.treatmentDate,
    authoredOn: referral.createdAt,
    ...(referral.createdBy.name && { requester: { display: referral.createdBy.name } }),
    performer: [
      ...(referral.facility ? [ref(referral.facility.id, referral.facility.name)] : []),
      ...(referral.receivingDoctor ? [{ display: referral.receivingDoctor }] : []),
    ],
    locationCode: [concept(standard.iso3166, referral.country)],
    reasonCode: [icd10Concept(referral)],
    insurance: [ref(patient.membership.id)],
    supportingInfo: [ref(eligibilityResponseId(referral.id))],
    note: [{ text: referral.reason }],
  }));
}
