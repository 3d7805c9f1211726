import type { Actor } from '../../platform/context.js';

/**
 * Who may see and change the facilities register. It holds no member's data: case managers look
 * facilities up to propose them, members search near them, operations run it. Everyone else (a
 * specialist, an employer's administrator) is told it does not exist.
 */
export const facilitiesPolicy = {
  /** Register files are imported by operations (and from the operator CLI, with no actor). */
  importRegister: (actor: Actor) => actor.role === 'ops',
  readRegister: (actor: Actor) =>
    actor.role === 'ops' || actor.role === 'case_manager' || actor.role === 'member',
  correctEntry: (actor: Actor) => actor.role === 'ops',
};
