import type { Consent } from 'fhir/r4.js';
import { concept, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ref } from '../ids.js';

/**
 * The member's consents to share the case's records with the specialists who review it: in force
 * or withdrawn, for every record or the listed ones.
 */
export function buildConsents(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'guardian' | 'consents'>,
): Consent[] {
  return facts.consents.map((consent) => ({
    resourceType: 'Consent',
    id: consent.id,
    status: consent.withdrawnAt ? 'inactive' : 'active',
    scope: concept(standard.consentScope, 'patient-privacy', 'Privacy Consent'),
    category: [concept(standard.loinc, '59284-0', 'Patient Consent')],
    patient: ref(facts.patient.member.id),
    dateTime: consent.givenAt.toISOString(),
    // A dependant's consent is given by their guardian.
    performer: [ref(facts.guardian ? facts.guardian.id : facts.patient.member.id)],
    policyRule: concept(standard.actCode, 'OPTIN', 'opt-in'),
    provision: {
      type: 'permit',
      period: {
        start: consent.givenAt.toISOString(),
        ...(consent.withdrawnAt && { end: consent.withdrawnAt.toISOString() }),
      },
      purpose: [{ system: standard.actCode, code: 'TREAT', display: 'treatment' }],
      ...(consent.scope !== 'all' && {
        data: (consent.documentIds ?? []).map((id) => ({ meaning: 'instance' as const, reference: ref(id) })),
      }),
    },
  }));
}
