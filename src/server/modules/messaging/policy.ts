import type { MessageAuthorRole } from '../../../shared/messaging.js';
import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * The thread of a case is between its member (or their guardian) and the case manager it is
 * assigned to. Whoever may see the case (cases policy) may read the thread; only those two sides
 * write to it and send read receipts: operations read without writing (a receipt from them would
 * tell the member their case manager had read it), and a former case manager keeps read access.
 */
export const messagingPolicy = {
  write: (relation: Relation): boolean =>
    relation === 'member' || relation === 'guardian' || relation === 'assigned_case_manager',
  markRead: (relation: Relation): boolean => messagingPolicy.write(relation),
  /** Unread counts exist for those who take part in threads. */
  hasInbox: (actor: Actor): boolean =>
    (actor.role === 'member' && actor.memberId !== null) || actor.role === 'case_manager',
};

export function authorRoleOf(relation: Relation): MessageAuthorRole {
  if (relation === 'assigned_case_manager') return 'case_manager';
  return relation === 'guardian' ? 'guardian' : 'member';
}
