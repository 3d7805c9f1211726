/**
 * The reviews room's public face: what other rooms may know of a case's specialist opinions (a
 * referral letter quotes their verdicts, never their words).
 */
export { latestOpinionVerdictsOfCase as opinionVerdictsOfCase } from './repo.js';
