import type { CarePlan, CarePlanActivity } from 'fhir/r4.js';
import { concept, own } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { carePlanId, ref } from '../ids.js';

type FollowUpStatus = CaseFacts['followUps'][number]['status'];
const checkInStatus: Record<FollowUpStatus, NonNullable<CarePlanActivity['detail']>['status']> = {
  scheduled: 'scheduled',
  completed: 'completed',
  missed: 'stopped',
  cancelled: 'cancelled',
};

/**
 * The case manager's recommendations (the plan's description, in the member's language) with the
 * next steps and the monitoring check-ins as its activities; the member's progress reports are
 * the check-ins' progress notes.
 */
export function buildCarePlan(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'recommendations' | 'followUps' | 'opinions' | 'staff'>,
): CarePlan[] {
  const { recommendations, kase } = facts;
  if (!recommendations) return [];
  const author = facts.staff.find((person) => person.id === recommendations.writtenByUserId);
  const ended = kase.status === 'closed' || kase.status === 'withdrawn';
  const nextSteps: CarePlanActivity[] = recommendations.nextSteps.map((step) => ({
    detail: { status: ended ? 'stopped' : 'not-started', description: step },
  }));
  const checkIns: CarePlanActivity[] = facts.followUps.map((checkIn) => ({
    ...(checkIn.progress && {
      progress: [
        { text: checkIn.progress, ...(checkIn.reportedAt && { time: checkIn.reportedAt.toISOString() }) },
      ],
    }),
    detail: {
      code: concept(own.service, 'check-in', 'Check-in'),
      status: checkInStatus[checkIn.status],
      statusReason: concept(own.followUpStatus, checkIn.status),
      scheduledPeriod: { start: checkIn.dueAt.toISOString() },
    },
  }));
  const activity = [...nextSteps, ...checkIns];
  return [
    {
      resourceType: 'CarePlan',
      id: carePlanId(kase.id),
      status: !recommendations.deliveredAt ? 'draft' : ended ? 'completed' : 'active',
      intent: 'plan',
      subject: ref(facts.patient.member.id),
      created: recommendations.updatedAt.toISOString(),
      ...(author && { author: ref(author.id, author.name) }),
      description: recommendations.body,
      supportingInfo: [ref(kase.id), ...facts.opinions.map(({ opinion }) => ref(opinion.id))],
      ...(activity.length > 0 && { activity }),
      language: recommendations.language,
    },
  ];
}
