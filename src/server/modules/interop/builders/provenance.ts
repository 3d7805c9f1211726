import type { Provenance } from 'fhir/r4.js';
import { concept, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ours, provenanceIdOf, ref, taskId } from '../ids.js';

/** Our extensions: the case status a transition left and the one it reached (codes of own.caseStatus). */
const statusLeft = ours('StructureDefinition/case-status-left');
const statusReached = ours('StructureDefinition/case-status-reached');

/**
 * The case's status history: each timeline entry the reader may see is a Provenance of the case's
 * Task (the Task lists them in `relevantHistory`): what happened, when, by whom, why, and the
 * status it left and reached.
 */
export function buildProvenances(facts: Pick<CaseFacts, 'kase' | 'timeline'>): Provenance[] {
  return facts.timeline.map((event) => ({
    resourceType: 'Provenance',
    id: provenanceIdOf(event.id),
    target: [ref(taskId(facts.kase.id))],
    occurredDateTime: event.occurredAt.toISOString(),
    recorded: event.occurredAt.toISOString(),
    activity: concept(own.caseEvent, event.type),
    ...(event.reason && { reason: [{ text: event.reason }] }),
    agent: [
      {
        type: concept(standard.provenanceParticipant, 'author'),
        role: [concept(own.actorRole, event.actorRole)],
        who: { display: event.actorName ?? event.actorRole },
      },
    ],
    ...(event.toStatus && {
      extension: [
        ...(event.fromStatus ? [{ url: statusLeft, valueCode: event.fromStatus }] : []),
        { url: statusReached, valueCode: event.toStatus },
      ],
    }),
  }));
}
