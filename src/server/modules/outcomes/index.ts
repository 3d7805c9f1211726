/**
 * The outcomes room's public face: a company's outcome facts for the employer's hub, which counts
 * and suppresses them. It reacts to the cases room's delivery of recommendations, and its own
 * figures are read over HTTP.
 */
export { outcomeFactsOf, type OutcomeFact } from './facts.js';
/** The member's export and erasure (the privacy room). */
export { eraseOutcomesOfCases, outcomesOfCases } from './erasure.js';
