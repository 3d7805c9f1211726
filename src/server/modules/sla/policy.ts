import type { Actor } from '../../platform/context.js';

/** Who may see the service-level figures: operations, who act on them. */
export const slaPolicy = {
  readDashboard: (actor: Actor) => actor.role === 'ops',
  /** The thresholds themselves are no secret to the staff who work to them. */
  readSettings: (actor: Actor) => actor.role === 'case_manager' || actor.role === 'ops',
};
