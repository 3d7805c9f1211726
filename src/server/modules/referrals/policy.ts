import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * Who does what with referrals and pre-authorisations. The case manager the case is assigned to
 * refers and answers an assessor's question, and withdraws a referral (as may the member); the member (or their guardian), the case's case
 * managers and operations read the referrals of a case; everyone else is told the case does not
 * exist. Cover assessors decide pre-authorisations and see the request, never the rest of the
 * case; operations may read their queue but not decide.
 */
export const referralsPolicy = {
  read: (relation: Relation): boolean =>
    relation === 'assigned_case_manager' ||
    relation === 'former_case_manager' ||
    relation === 'operations' ||
    relation === 'member' ||
    relation === 'guardian',
  refer: (relation: Relation): boolean => relation === 'assigned_case_manager',
  /** The case manager who referred, or the member (their guardian) who will not go. */
  withdraw: (relation: Relation): boolean =>
    relation === 'assigned_case_manager' || relation === 'member' || relation === 'guardian',
  answerAssessor: (relation: Relation): boolean => relation === 'assigned_case_manager',
  decide: (actor: Actor): boolean => actor.role === 'cover_assessor',
  readQueue: (actor: Actor): boolean => actor.role === 'cover_assessor' || actor.role === 'ops',
};
