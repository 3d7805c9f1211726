import type { Relation } from '../cases/index.js';

/**
 * Who may do what with the records of a case. Records are the most sensitive data we hold, so
 * the circle is smaller than the case's: the member and their guardian, and the case manager the
 * case is assigned to now. Operations, former case managers, specialists and employer admins are
 * told the records do not exist (specialists receive documents through the review room, under the
 * member's sharing consent).
 */
export const documentsPolicy = {
  /** See the list, download, read the checklist and the consents. */
  read: (relation: Relation) =>
    relation === 'member' || relation === 'guardian' || relation === 'assigned_case_manager',
  upload: (relation: Relation) =>
    relation === 'member' || relation === 'guardian' || relation === 'assigned_case_manager',
  requestRecords: (relation: Relation) => relation === 'assigned_case_manager',
  /** Consent to share is the member's (or their guardian's) alone. */
  decideSharing: (relation: Relation) => relation === 'member' || relation === 'guardian',
};

/** Where a document came from, as recorded on it. */
export const sourceFor = (relation: Relation): 'member' | 'case_manager' =>
  relation === 'assigned_case_manager' ? 'case_manager' : 'member';
