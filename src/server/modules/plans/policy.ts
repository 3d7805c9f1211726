import type { Actor } from '../../platform/context.js';

/**
 * Who may see what of the register. Health data never lives here, but identity and cover do:
 * members see their own (and their dependants'), operations and privacy officers see any member
 * with the read audited, employer admins see aggregates of their own company only.
 */
export const plansPolicy = {
  readOwnHub: (actor: Actor) => actor.role === 'member' && actor.memberId !== null,
  readMemberRecord: (actor: Actor) => actor.role === 'ops' || actor.role === 'privacy_officer',
  readEmployerOverview: (actor: Actor, employerId: string) =>
    actor.role === 'ops' || (actor.role === 'employer_admin' && actor.employerId === employerId),
  /** Register imports run from the operator CLI (no actor); through the API only operations may. */
  importRegister: (actor: Actor) => actor.role === 'ops',
};

export const purposeOfMemberRead = (actor: Actor) =>
  actor.role === 'privacy_officer' ? 'privacy' : 'operations';
