import type { Relation } from '../cases/index.js';

/**
 * Who may do what with a case's providers, releases and record requests. The circle is the
 * records' circle: the member (or their guardian) and the case manager the case is assigned to
 * now; everyone else is told none of it exists.
 */
export const recordsPolicy = {
  /** See the providers, the releases and the checklist. */
  read: (relation: Relation) =>
    relation === 'member' || relation === 'guardian' || relation === 'assigned_case_manager',
  /** Add providers, ask them for records, revoke a link. */
  manage: (relation: Relation) => relation === 'assigned_case_manager',
  /** A release is the member's (or their guardian's) to sign and to withdraw. */
  release: (relation: Relation) => relation === 'member' || relation === 'guardian',
  /** The provider's e-mail address is for the case manager who writes to them. */
  seesProviderAddress: (relation: Relation) => relation === 'assigned_case_manager',
  /** The collection clock on the operations dashboard. */
  collectionClock: (role: string) => role === 'ops',
};
