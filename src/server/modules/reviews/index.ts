/**
 * The reviews room's public face: what other rooms may know of a case's specialist opinions (the
 * case's export reads them whole; a referral letter quotes their verdicts, never their words).
 */
export {
  latestOpinionsOfCase as opinionsOfCase,
  latestOpinionVerdictsOfCase as opinionVerdictsOfCase,
  type OpinionRow,
} from './repo.js';
