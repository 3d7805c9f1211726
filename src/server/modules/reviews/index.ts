/** The reviews room's public face: the specialists' opinions as other rooms may use them. */
export { eraseReviewsOfCases, opinionsOfCases } from './erasure.js';
