import type { ServiceRequest } from 'fhir/r4.js';
import type { CaseStatus } from '../../../../shared/cases.js';
import { concept, own } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ref } from '../ids.js';

const requestStatus = (status: CaseStatus): ServiceRequest['status'] =>
  status === 'withdrawn' ? 'revoked' : status === 'closed' ? 'completed' : 'active';

/** The member's request for a second opinion: who asked, when, about what they were told. */
export function buildServiceRequest(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'guardian' | 'caseManager'>,
): ServiceRequest[] {
  const { kase } = facts;
  return [
    {
      resourceType: 'ServiceRequest',
      id: kase.id,
      identifier: [{ system: own.caseNumber, value: kase.number }],
      status: requestStatus(kase.status),
      intent: 'order',
      code: concept(own.service, 'second-medical-opinion', 'Second medical opinion'),
      subject: ref(facts.patient.member.id),
      authoredOn: kase.submittedAt.toISOString(),
      // A dependant's case is asked for by their guardian.
      requester: ref(facts.guardian ? facts.guardian.id : facts.patient.member.id),
      ...(facts.caseManager && { performer: [ref(facts.caseManager.id, facts.caseManager.name)] }),
      ...(kase.diagnosisReceived && { reasonCode: [{ text: kase.diagnosisReceived }] }),
      note: [{ text: kase.concern }],
    },
  ];
}
