/**
 * The reviews room's public face: what other rooms may know of the specialists' opinions (the
 * case's export reads them whole; a referral letter quotes their verdicts, never their words; the
 * member's archive and erasure take them per case).
 */
export {
  latestOpinionsOfCase as opinionsOfCase,
  latestOpinionVerdictsOfCase as opinionVerdictsOfCase,
  type OpinionRow,
} from './repo.js';
export { eraseReviewsOfCases, followupsOfCases, opinionsOfCases } from './erasure.js';
export { layersOfCases } from './layers-repo.js';
