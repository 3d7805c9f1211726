/**
 * The referrals room's public face: the referrals of a case with their cover checks and
 * pre-authorisations, for the case's FHIR export (the letter template it writes with is the
 * platform's, `platform/pdf/letter.ts`).
 */
export { referralsOfCase } from './service.js';
