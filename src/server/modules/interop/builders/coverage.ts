import type { Coverage, Organization } from 'fhir/r4.js';
import type { Relationship } from '../../../../shared/plans.js';
import { concept, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ref } from '../ids.js';

/** Our relationship to the policy holder, in HL7's subscriber-relationship codes. */
const subscriberRelationship: Record<Relationship, string> = {
  holder: 'self',
  spouse: 'spouse',
  partner: 'common',
  child: 'child',
  other_dependant: 'other',
};

/** The insurer who pays: the Coverage's payor. */
export function buildInsurer(facts: Pick<CaseFacts, 'patient'>): Organization[] {
  const { insurer } = facts.patient;
  return [
    {
      resourceType: 'Organization',
      id: insurer.id,
      identifier: [{ system: own.insurerCode, value: insurer.code }],
      active: true,
      type: [concept('http://terminology.hl7.org/CodeSystem/organization-type', 'ins', 'Insurance Company')],
      name: insurer.name,
    },
  ];
}

/** The membership the case is covered by: its plan, dates, and the member's place on it. */
export function buildCoverage(facts: Pick<CaseFacts, 'patient' | 'exportedAt'>): Coverage[] {
  const { member, membership, plan, insurer } = facts.patient;
  const today = facts.exportedAt.toISOString().slice(0, 10);
  const ended = membership.endDate !== null && membership.endDate < today;
  return [
    {
      resourceType: 'Coverage',
      id: membership.id,
      identifier: [{ system: own.membershipNumber, value: membership.membershipNumber }],
      status: ended ? 'cancelled' : 'active',
      subscriberId: membership.membershipNumber,
      beneficiary: ref(member.id),
      dependent: member.memberNumber,
      relationship: concept(standard.subscriberRelationship, subscriberRelationship[member.relationship]),
      period: { start: membership.startDate, ...(membership.endDate && { end: membership.endDate }) },
      payor: [ref(insurer.id, insurer.name)],
      class: [{ type: concept(standard.coverageClass, 'plan'), value: plan.code, name: plan.name }],
    },
  ];
}
