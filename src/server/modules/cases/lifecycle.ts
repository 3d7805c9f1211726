import type { CaseStatus } from '../../../shared/cases.js';
import type { Role } from '../../../shared/identity.js';

/**
 * The case lifecycle as data: for each event, the states it may start from, the state it leads to,
 * who may cause it, and the guard that must hold. Services call `decide`; nothing else changes a
 * case's status.
 */
export type CaseEventName =
  | 'assign'
  | 'record_first_contact'
  | 'start_gathering'
  | 'request_review'
  | 'complete_review'
  | 'cancel_review'
  | 'deliver_recommendations'
  | 'start_monitoring'
  | 'refer'
  | 'close'
  | 'withdraw';

/**
 * How the actor stands to this case, worked out once by the case core (access.ts) for every room.
 * A former case manager may still read the case they handed over; no event is theirs.
 */
export type Relation =
  'system' | 'assigned_case_manager' | 'former_case_manager' | 'member' | 'guardian' | 'operations' | 'other';

export interface GuardFacts {
  /** Recommendations are written and ready to deliver. */
  hasRecommendations?: boolean;
  /** A free-text reason was given. */
  reasonGiven?: boolean;
  /** Every specialist opinion requested for the case is in. */
  allOpinionsIn?: boolean;
  /** A reason from the fixed list was given for recommendations without a specialist review. */
  withoutReviewReasonGiven?: boolean;
}

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly Relation[];
  guard?: (facts: GuardFacts, from: CaseStatus) => GuardFailure | undefined;
}

export type GuardFailure =
  | 'case.recommendations_missing'
  | 'case.reason_required'
  | 'case.opinions_outstanding'
  | 'case.without_review_reason_required';

const open: readonly CaseStatus[] = [
  'submitted',
  'assigned',
  'contacted',
  'gathering_information',
  'under_review',
  'opinion_ready',
  'recommendations_delivered',
  'monitoring',
];

export const lifecycle: Record<CaseEventName, Rule> = {
  assign: { from: ['submitted'], to: 'assigned', by: ['system', 'operations'] },
  record_first_contact: { from: ['assigned'], to: 'contacted', by: ['assigned_case_manager'] },
  start_gathering: { from: ['contacted'], to: 'gathering_information', by: ['assigned_case_manager'] },
  // The specialist review (its own room) moves the case in and out of review through these two;
  // a review may be asked for once the member has been contacted, records gathered or not.
  request_review: {
    from: ['contacted', 'gathering_information'],
    to: 'under_review',
    by: ['assigned_case_manager', 'operations'],
  },
  complete_review: {
    from: ['under_review'],
    to: 'opinion_ready',
    by: ['system'],
    guard: (facts) => (facts.allOpinionsIn ? undefined : 'case.opinions_outstanding'),
  },
  // The member withdrew their consent to share during the review: the review ends, records are
  // gathered again (and a new consent asked for) before another review.
  cancel_review: { from: ['under_review'], to: 'gathering_information', by: ['system'] },
  deliver_recommendations: {
    from: ['contacted', 'gathering_information', 'opinion_ready'],
    to: 'recommendations_delivered',
    by: ['assigned_case_manager'],
    // From `opinion_ready` the recommendations rest on a specialist review; from before it, only
    // with a recorded reason from the fixed list (counted apart in the outcomes).
    guard: (facts, from) => {
      if (!facts.hasRecommendations) return 'case.recommendations_missing';
      if (from !== 'opinion_ready' && !facts.withoutReviewReasonGiven)
        return 'case.without_review_reason_required';
      return undefined;
    },
  },
  start_monitoring: { from: ['recommendations_delivered'], to: 'monitoring', by: ['assigned_case_manager'] },
  // A referral for the treatment the recommendations advise (the referrals room): from then on the
  // case manager follows the member's treatment, so the case is in monitoring; later referrals
  // (another facility, a further service) keep it there.
  refer: {
    from: ['recommendations_delivered', 'monitoring'],
    to: 'monitoring',
    by: ['assigned_case_manager'],
  },
  close: {
    from: ['contacted', 'gathering_information', 'opinion_ready', 'recommendations_delivered', 'monitoring'],
    to: 'closed',
    by: ['assigned_case_manager'],
    guard: (facts) => (facts.reasonGiven ? undefined : 'case.reason_required'),
  },
  withdraw: {
    from: open,
    to: 'withdrawn',
    by: ['member', 'guardian'],
    guard: (facts) => (facts.reasonGiven ? undefined : 'case.reason_required'),
  },
};

export type Decision =
  | { allowed: true; from: CaseStatus; to: CaseStatus }
  | { allowed: false; reason: 'case.transition_not_allowed' | 'case.not_permitted' | GuardFailure };

export function decide(
  event: CaseEventName,
  current: CaseStatus,
  relation: Relation,
  facts: GuardFacts = {},
): Decision {
  const rule = lifecycle[event];
  if (!rule.by.includes(relation)) return { allowed: false, reason: 'case.not_permitted' };
  if (!rule.from.includes(current)) return { allowed: false, reason: 'case.transition_not_allowed' };
  const failure = rule.guard?.(facts, current);
  if (failure) return { allowed: false, reason: failure };
  return { allowed: true, from: current, to: rule.to };
}

export const isOpen = (status: CaseStatus): boolean => open.includes(status);

/** What the database says of the actor beyond the case row: guardianship, a case handed over. */
export interface RelationFacts {
  /** The actor (a member) is the guardian of the case's member. */
  isGuardian?: boolean;
  /** The actor (a case manager) held the case before it was reassigned. */
  wasCaseManager?: boolean;
}

/** Which relation an actor has to a case: the input of `decide` and of every room's policy. */
export function relationOf(
  actor: { userId: string; role: Role; memberId: string | null } | null,
  kase: { caseManagerUserId: string | null; requestedByUserId: string; memberId: string },
  facts: RelationFacts = {},
): Relation {
  if (!actor) return 'system';
  if (actor.role === 'ops') return 'operations';
  if (actor.role === 'case_manager') {
    if (kase.caseManagerUserId === actor.userId) return 'assigned_case_manager';
    if (facts.wasCaseManager) return 'former_case_manager';
  }
  if (actor.role === 'member') {
    if (actor.memberId === kase.memberId) return 'member';
    if (facts.isGuardian) return 'guardian';
  }
  return 'other';
}
