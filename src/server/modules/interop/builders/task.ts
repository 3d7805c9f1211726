import type { Task, TaskInput } from 'fhir/r4.js';
import type { CaseStatus } from '../../../../shared/cases.js';
import { concept, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { carePlanId, ours, provenanceIdOf, ref, taskId } from '../ids.js';

const caseInput = ours('CodeSystem/case-input');

const taskStatus: Record<CaseStatus, Task['status']> = {
  submitted: 'requested',
  assigned: 'accepted',
  contacted: 'in-progress',
  gathering_information: 'in-progress',
  under_review: 'in-progress',
  opinion_ready: 'in-progress',
  recommendations_delivered: 'in-progress',
  monitoring: 'in-progress',
  closed: 'completed',
  withdrawn: 'cancelled',
};

/**
 * The work on the case: its status (FHIR's and ours), its case manager, what the member brought
 * (inputs), what came of it (outputs), and its status history (one Provenance per timeline entry).
 */
export function buildTask(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'caseManager' | 'timeline' | 'opinions' | 'recommendations'>,
): Task[] {
  const { kase } = facts;
  const input = (code: string, value: string | null): TaskInput[] =>
    value ? [{ type: concept(caseInput, code), valueString: value }] : [];
  const end = kase.closedAt ?? kase.withdrawnAt;
  return [
    {
      resourceType: 'Task',
      id: taskId(kase.id),
      identifier: [{ system: own.caseNumber, value: kase.number }],
      basedOn: [ref(kase.id)],
      status: taskStatus[kase.status],
      businessStatus: concept(own.caseStatus, kase.status),
      intent: 'order',
      code: concept(own.service, 'second-medical-opinion', 'Second medical opinion'),
      focus: ref(kase.id),
      for: ref(facts.patient.member.id),
      executionPeriod: { start: kase.submittedAt.toISOString(), ...(end && { end: end.toISOString() }) },
      authoredOn: kase.submittedAt.toISOString(),
      lastModified: kase.updatedAt.toISOString(),
      ...(facts.caseManager && { owner: ref(facts.caseManager.id, facts.caseManager.name) }),
      relevantHistory: facts.timeline.map((event) => ref(provenanceIdOf(event.id))),
      input: [
        ...input('concern', kase.concern),
        ...input('diagnosis-received', kase.diagnosisReceived),
        ...input('treatment-plan-received', kase.treatmentPlanReceived),
        ...input('first-opinion-doctor', kase.firstOpinionDoctor),
        ...input('first-opinion-institution', kase.firstOpinionInstitution),
        ...(kase.firstOpinionCountry
          ? [
              {
                type: concept(caseInput, 'first-opinion-country'),
                valueCodeableConcept: concept(standard.iso3166, kase.firstOpinionCountry),
              },
            ]
          : []),
        ...kase.questions.flatMap((question) => input('question', question)),
        {
          type: concept(caseInput, 'preferred-language'),
          valueCodeableConcept: concept(standard.bcp47, kase.preferredLanguage),
        },
        { type: concept(caseInput, 'contact-channel'), valueCode: kase.contactChannel },
        { type: concept(caseInput, 'time-zone'), valueString: kase.timeZone },
      ],
      output: [
        ...facts.opinions.map(({ opinion }) => ({
          type: concept(caseInput, 'specialist-opinion'),
          valueReference: ref(opinion.id),
        })),
        ...(facts.recommendations
          ? [{ type: concept(caseInput, 'recommendations'), valueReference: ref(carePlanId(kase.id)) }]
          : []),
      ],
    },
  ];
}
