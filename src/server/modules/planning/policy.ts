import type { Actor } from '../../platform/context.js';

/** Who may plan the roster: operations, who staff the service. Nobody else sees that plans exist. */
export const planningPolicy = {
  plan: (actor: Actor) => actor.role === 'ops',
};
