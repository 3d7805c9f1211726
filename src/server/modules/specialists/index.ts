/** The specialists room's public face: the network as the review and identity rooms use it. */
export { releaseReviewPlace, takeReviewPlace } from './capacity.js';
export { citiesByCountry, locateCity, type Place } from './cities.js';
export { deskRecordForNewAccount, linkDeskAccount } from './desk-accounts.js';
export { firstOpinionConflict, resolveWanted } from './matching.js';
export { ageOn, findOfferableMatches } from './candidate-retrieval.js';
export { seededRandom } from './generator.js';
