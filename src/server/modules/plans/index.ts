/** The plans room's public face: the register as other rooms may read it. */
export { dateIn, eligibilityFor } from './eligibility.js';
export {
  findDependantsOf,
  findMemberByProof,
  findMemberCoverage,
  findMembersByNumber,
  findMembershipsByNumber,
  findPlansByCode,
} from './repo.js';
export { findMemberIdByNumber, findRegisterEntry, pseudonymiseRegisterEntry } from './erasure.js';
