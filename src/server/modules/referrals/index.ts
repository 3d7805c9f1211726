/**
 * The referrals room's public face: the referrals of a case with their cover checks and
 * pre-authorisations, for the case's FHIR export and the member's archive, and their erasure (the
 * letter template it writes with is the platform's, `platform/pdf/letter.ts`).
 */
export { eraseReferralsOfCases } from './repo.js';
export { referralsOfCase } from './service.js';
