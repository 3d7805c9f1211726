import type { Actor } from '../../platform/context.js';

/**
 * Who may see and change the network. The network holds no member's data: case managers look
 * specialists up to choose a reviewer, operations run it. Everyone else is told it does not exist.
 */
export const specialistsPolicy = {
  /** Network files are imported by operations (and from the operator CLI, with no actor). */
  importNetwork: (actor: Actor) => actor.role === 'ops',
  readNetwork: (actor: Actor) => actor.role === 'ops' || actor.role === 'case_manager',
};
