import type { Relation } from '../cases/index.js';

/**
 * Who may export a case as FHIR: its member (or their guardian), the case manager it is assigned
 * to, and operations. Everyone else is told the case does not exist (404): another member, a
 * specialist (a specialist reaches a case only through the review desk, and the export is the whole
 * case, far beyond the documents shared for a review), and a former case manager, who keeps
 * read access to what they handed over on the case's pages but no longer needs the whole record.
 */
export const interopPolicy = {
  export: (relation: Relation): boolean =>
    relation === 'member' ||
    relation === 'guardian' ||
    relation === 'assigned_case_manager' ||
    relation === 'operations',
};
