import type { Actor } from '../../platform/context.js';
import type { Relation } from './lifecycle.js';

/**
 * Who sees a case: the member it is for and their guardian; the case manager it is assigned to
 * (and, read-only, those who handed it over); operations. Anyone else is told the case does not
 * exist (the relation comes from the case core, access.ts).
 */
export const casesPolicy = {
  submit: (actor: Actor) => actor.role === 'member' && actor.memberId !== null,
  list: (actor: Actor) => actor.role === 'member' || actor.role === 'case_manager' || actor.role === 'ops',
  see: (relation: Relation): boolean =>
    relation === 'member' ||
    relation === 'guardian' ||
    relation === 'assigned_case_manager' ||
    relation === 'former_case_manager' ||
    relation === 'operations',
  /** Internal entries of the timeline and the private contact notes are for staff only. */
  seesStaffOnly: (actor: Actor) => actor.role === 'case_manager' || actor.role === 'ops',
  reassign: (actor: Actor) => actor.role === 'ops',
};
