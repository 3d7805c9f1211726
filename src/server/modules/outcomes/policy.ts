import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * Who does what with a case's outcome. The member (or their guardian) and the case's staff read
 * it; the case manager reconciles a panel that disagrees and records what the member said on a
 * call; the member answers at their check-ins; operations read the figures, never a case's words.
 */
export const outcomesPolicy = {
  read: (relation: Relation): boolean =>
    relation === 'member' ||
    relation === 'guardian' ||
    relation === 'assigned_case_manager' ||
    relation === 'former_case_manager' ||
    relation === 'operations',
  /** Staff see the panel's verdicts and the reconciliation's note. */
  readStaffPart: (relation: Relation): boolean =>
    relation === 'assigned_case_manager' || relation === 'former_case_manager' || relation === 'operations',
  reconcile: (relation: Relation): boolean => relation === 'assigned_case_manager',
  answerCheckIn: (relation: Relation): boolean => relation === 'member' || relation === 'guardian',
  recordFromCall: (relation: Relation): boolean => relation === 'assigned_case_manager',
  analytics: (actor: Actor): boolean => actor.role === 'ops',
};
