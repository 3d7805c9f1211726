import type { Actor } from '../../platform/context.js';

export const auditPolicy = {
  /** A member reads the accesses to their own data; staff go through the privacy officer's tools. */
  readOwnAccessLog: (actor: Actor) => actor.role === 'member' && actor.memberId !== null,
  /** A guardian reads the accesses to the files of the dependants they act for. */
  readDependantAccessLog: (actor: Actor, isGuardian: boolean) =>
    actor.role === 'member' && actor.memberId !== null && isGuardian,
};
