import type { WithoutReviewReason } from '../../../shared/opinion-layers';

/** Why recommendations went without a specialist review, in words (the timeline, the workspace). */
export const withoutReviewKey = {
  answered_by_case_manager: 'timeline.withoutReview.answered_by_case_manager',
  review_request_withdrawn: 'timeline.withoutReview.review_request_withdrawn',
  urgent_care_directed: 'timeline.withoutReview.urgent_care_directed',
  outside_service_scope: 'timeline.withoutReview.outside_service_scope',
} as const satisfies Record<WithoutReviewReason, string>;
