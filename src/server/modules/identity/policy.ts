import type { Actor } from '../../platform/context.js';

/** Who may do what with accounts. Anything not allowed here is answered as if it did not exist. */
export const identityPolicy = {
  createStaff: (actor: Actor) => actor.role === 'ops',
  listStaff: (actor: Actor) => actor.role === 'ops',
  /** Languages, shifts, capacity and absences: what assignment and the clocks rely on. */
  manageStaff: (actor: Actor) => actor.role === 'ops',
  /**
   * Operations give a staff member a new temporary password, never themselves (they change their
   * own with the current one, or through "forgot your password").
   */
  resetStaffPassword: (actor: Actor, targetUserId: string) =>
    actor.role === 'ops' && actor.userId !== targetUserId,
  /** Operations disable and reinstate accounts, never their own (they would lock themselves out). */
  changeAccountStatus: (actor: Actor, targetUserId: string) =>
    actor.role === 'ops' && actor.userId !== targetUserId,
};
