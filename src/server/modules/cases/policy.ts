import type { Actor } from '../../platform/context.js';
import type { CaseRow } from './repo.js';

export interface CaseAccessFacts {
  /** The actor (a member) is the guardian of the case's member. */
  isGuardian: boolean;
  /** The actor (a case manager) held the case before it was reassigned. */
  wasCaseManager: boolean;
}

/**
 * Who sees a case: the member it is for and their guardian; the case manager it is assigned to
 * (and, read-only, those who handed it over); operations. Specialists and employer admins see no
 * case through this room. Anyone else is told the case does not exist.
 */
export const casesPolicy = {
  submit: (actor: Actor) => actor.role === 'member' && actor.memberId !== null,
  list: (actor: Actor) => actor.role === 'member' || actor.role === 'case_manager' || actor.role === 'ops',
  see: (actor: Actor, kase: CaseRow, facts: CaseAccessFacts): boolean => {
    switch (actor.role) {
      case 'member':
        return kase.memberId === actor.memberId || facts.isGuardian;
      case 'case_manager':
        return kase.caseManagerUserId === actor.userId || facts.wasCaseManager;
      case 'ops':
        return true;
      default:
        return false;
    }
  },
  /** Internal entries of the timeline and the private contact notes are for staff only. */
  seesStaffOnly: (actor: Actor) => actor.role === 'case_manager' || actor.role === 'ops',
  reassign: (actor: Actor) => actor.role === 'ops',
};

export const auditPurposeFor = (actor: Actor) =>
  actor.role === 'member'
    ? ('self_service' as const)
    : actor.role === 'ops'
      ? ('operations' as const)
      : ('care' as const);
