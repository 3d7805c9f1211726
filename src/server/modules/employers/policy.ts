import type { Actor } from '../../platform/context.js';

/**
 * Who may see what of an employer: its own employer admins and operations see its aggregates and
 * add-ons, never anything about a person; only operations change the add-ons of its plans.
 */
export const employersPolicy = {
  readHub: (actor: Actor, employerId: string) =>
    actor.role === 'ops' || (actor.role === 'employer_admin' && actor.employerId === employerId),
  manageAddOns: (actor: Actor) => actor.role === 'ops',
  readOwnVirtualCare: (actor: Actor) => actor.role === 'member' && actor.memberId !== null,
};
