import type { Practitioner } from 'fhir/r4.js';
import { own } from '../codes.js';
import type { CaseFacts } from '../facts.js';

/** The staff who took part (the case manager, writers in the thread) and the specialists who gave an opinion. */
export function buildPractitioners(facts: Pick<CaseFacts, 'staff' | 'opinions'>): Practitioner[] {
  const staff: Practitioner[] = facts.staff.map((person) => ({
    resourceType: 'Practitioner',
    id: person.id,
    identifier: [{ system: own.staffId, value: person.id }],
    name: [{ text: person.name }],
  }));
  const specialists = new Map<string, Practitioner>();
  for (const { specialist } of facts.opinions)
    specialists.set(specialist.id, {
      resourceType: 'Practitioner',
      id: specialist.id,
      identifier: [{ system: own.specialistId, value: specialist.id }],
      name: [{ text: specialist.name, ...(specialist.title && { prefix: [specialist.title] }) }],
    });
  return [...staff, ...specialists.values()];
}
