import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * Who may see and change the network. The network holds no member's data: case managers look
 * specialists up to choose a reviewer, operations run it. Everyone else is told it does not exist.
 */
export const specialistsPolicy = {
  /** Network files are imported by operations (and from the operator CLI, with no actor). */
  importNetwork: (actor: Actor) => actor.role === 'ops',
  readNetwork: (actor: Actor) => actor.role === 'ops' || actor.role === 'case_manager',
  /**
   * Choosing a case's reviewers is its assigned case manager's work (and operations'): the member
   * and a former case manager, who may read the case, are told there is nothing here.
   */
  chooseReviewer: (relation: Relation) => relation === 'assigned_case_manager' || relation === 'operations',
};
