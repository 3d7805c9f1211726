import type { Room } from '../../room.js';
import { caseEnded, recommendationsDelivering } from '../cases/index.js';
import { sharingConsentWithdrawn } from '../documents/index.js';
import { handleClocks } from '../sla/index.js';
import { reviewClockKinds } from './clocks.js';
import { endFollowupsOfCase, fireFollowupClock, followupClockKinds } from './followups.js';
import { reviewRoutes } from './routes.js';
import { endReviewOfCase, fireReviewClock } from './service.js';
import { checkSummaryBeforeDelivery } from './summary.js';

/** The specialist review: offers, the desk, the structured opinion, ratings and the report. */
export const reviewsRoom: Room = {
  name: 'reviews',
  routes: reviewRoutes,
  connect() {
    // A case that ends, or a consent to share that is withdrawn, ends the review at once.
    caseEnded.register('reviews', (tx, ctx, caseId) => endReviewOfCase(tx, ctx, caseId, 'case_ended'));
    sharingConsentWithdrawn.register('reviews', (tx, ctx, caseId) =>
      endReviewOfCase(tx, ctx, caseId, 'consent_withdrawn'),
    );
    // The opinion reaches the member only with the case manager's summary in the member's language.
    recommendationsDelivering.register('reviews', (tx, _ctx, kase) => checkSummaryBeforeDelivery(tx, kase));
    // An offer's expiry and the reminder before a review is due are clocks of the SLA room's sweep.
    handleClocks(reviewClockKinds, fireReviewClock);
    // Follow-up questions: their answer clocks, and a case that ends ends them.
    handleClocks(followupClockKinds, fireFollowupClock);
    caseEnded.register('reviews.followups', (tx, ctx, caseId) => endFollowupsOfCase(tx, ctx, caseId));
  },
};
