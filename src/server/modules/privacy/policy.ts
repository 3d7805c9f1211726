import type { Actor } from '../../platform/context.js';

/** Who may do what with the data-subject rights: the member for themselves, the privacy officer for all. */
export const privacyPolicy = {
  /** A member exports their own data and sends requests about it. */
  actForSelf: (actor: Actor): actor is Actor & { memberId: string } =>
    actor.role === 'member' && actor.memberId !== null,
  /** An archive is downloaded by the account that asked for it, and by no one else. */
  download: (actor: Actor, archive: { requestedByUserId: string }) =>
    actor.userId === archive.requestedByUserId,
  /** The privacy officer's desk: requests, decisions, erasure, the audit trail, access reports. */
  officer: (actor: Actor) => actor.role === 'privacy_officer',
};
