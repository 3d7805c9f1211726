/**
 * The coverage room's public face. The cover check itself is pure, so referrals and
 * pre-authorisations can decide with it on facts they hold.
 */
export {
  checkCover,
  deductibleBorneOf,
  planYearOf,
  type BenefitUsage,
  type CoverCheckInput,
} from './check.js';
export { coverOfMember, recordPreauthorisedUse } from './service.js';
