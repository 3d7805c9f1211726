/**
 * The feedback room's public face: the service's rating for a set of cases or plan products
 * (average, count, 5→1 distribution of every verified rating), for the rooms that report on them;
 * or of some members' cases written in a period (the employer's hub).
 */
import type { RatingSummary } from '../../../shared/feedback.js';
import type { Queryable } from '../../platform/db/index.js';
import type { RatingScope } from './repo.js';
import { ratingSummary } from './service.js';

export type { RatingScope };

/** The rating of the reviews of these cases or plan products (all reviews when no scope is given). */
export const serviceRatingOf = (db: Queryable, scope: RatingScope = {}): Promise<RatingSummary> =>
  ratingSummary(db, scope);

/** The member's export and erasure (the privacy room). */
export { eraseServiceReviewsOfMember, serviceReviewsOfCases } from './erasure.js';
