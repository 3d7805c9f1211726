import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * Who may do what with cover. The check for a case's member: the case manager the case is
 * assigned to, operations, and the member (or their guardian) for their own case. Imports run
 * from the operator CLI (no actor) or, through the API, by operations only.
 */
export const coveragePolicy = {
  runCheck: (relation: Relation): boolean =>
    relation === 'assigned_case_manager' ||
    relation === 'operations' ||
    relation === 'member' ||
    relation === 'guardian',
  importRules: (actor: Actor) => actor.role === 'ops',
};
