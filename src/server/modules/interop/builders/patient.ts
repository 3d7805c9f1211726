import type { Patient, RelatedPerson } from 'fhir/r4.js';
import { language, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ref } from '../ids.js';

/** The member the opinion is for: their register entry, where they are now, their language. */
export function buildPatient(facts: Pick<CaseFacts, 'patient' | 'kase'>): Patient[] {
  const { member } = facts.patient;
  return [
    {
      resourceType: 'Patient',
      id: member.id,
      identifier: [{ system: own.memberNumber, value: member.memberNumber }],
      name: [{ given: [member.givenName], family: member.familyName }],
      ...(facts.kase.contactPhone && { telecom: [{ system: 'phone', value: facts.kase.contactPhone }] }),
      birthDate: member.dateOfBirth,
      address: [
        { use: 'home', country: member.country },
        { use: 'temp', city: facts.kase.locationCity, country: facts.kase.locationCountry },
      ],
      communication: [{ language: language(facts.kase.preferredLanguage), preferred: true }],
    },
  ];
}

/** The member who acts for a dependant patient (a parent for a child): their guardian. */
export function buildRelatedPerson(facts: Pick<CaseFacts, 'patient' | 'guardian'>): RelatedPerson[] {
  const { guardian } = facts;
  if (!guardian) return [];
  return [
    {
      resourceType: 'RelatedPerson',
      id: guardian.id,
      identifier: [{ system: own.memberNumber, value: guardian.memberNumber }],
      active: true,
      patient: ref(facts.patient.member.id),
      relationship: [{ coding: [{ system: standard.roleCode, code: 'GUARD', display: 'guardian' }] }],
      name: [{ given: [guardian.givenName], family: guardian.familyName }],
      birthDate: guardian.dateOfBirth,
      communication: [{ language: language(guardian.preferredLanguage), preferred: true }],
    },
  ];
}
