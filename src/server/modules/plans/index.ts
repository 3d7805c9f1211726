/** The plans room's public face: the register as other rooms may read it. */
export { dateIn, eligibilityFor, servicesOnPlan } from './eligibility.js';
export {
  findDependantsOf,
  findEmployer,
  findMemberByProof,
  findMemberCoverage,
  findMembersByNumber,
  findMembershipsByNumber,
  findPlansByCode,
} from './repo.js';
export {
  employerPlansOf,
  employerPopulation,
  lockEmployerPlan,
  saveEmployerPlanAddOns,
  type CoveredPerson,
  type EmployerPlanSetting,
} from './employer-plans.js';
export { findMemberIdByNumber, findRegisterEntry, pseudonymiseRegisterEntry } from './erasure.js';
