import type { Actor } from '../../platform/context.js';

/** Who may see the service-level figures: operations, who act on them. */
export const slaPolicy = {
  readDashboard: (actor: Actor) => actor.role === 'ops',
};
