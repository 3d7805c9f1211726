import type { Communication, Reference } from 'fhir/r4.js';
import type { CaseFacts } from '../facts.js';
import { ref, taskId } from '../ids.js';

/** The case's thread: one Communication per message, between the member's side and the case manager. */
export function buildCommunications(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'guardian' | 'caseManager' | 'messages'>,
): Communication[] {
  const patient = ref(facts.patient.member.id);
  const memberSide = (role: string): Reference =>
    role === 'guardian' && facts.guardian ? ref(facts.guardian.id) : patient;
  return facts.messages.map((message) => {
    const fromStaff = message.authorRole === 'case_manager';
    const sender = fromStaff ? ref(message.authorUserId, message.authorName) : memberSide(message.authorRole);
    const recipient = fromStaff
      ? memberSide(facts.guardian ? 'guardian' : 'member')
      : facts.caseManager && ref(facts.caseManager.id, facts.caseManager.name);
    return {
      resourceType: 'Communication',
      id: message.id,
      basedOn: [ref(facts.kase.id)],
      partOf: [ref(taskId(facts.kase.id))],
      status: 'completed',
      subject: patient,
      sent: message.createdAt.toISOString(),
      sender,
      ...(recipient && { recipient: [recipient] }),
      payload: [{ contentString: message.body }],
    };
  });
}
