import type { ErrorEntry } from './entry.js';

/** The expected failures of the feedback room (members' service reviews), see ../errors.ts. */
export const feedbackErrors = {
  'service_review.not_open_yet': {
    status: 409,
    title: 'The service can be rated once the recommendations have been delivered.',
  },
  'service_review.already_written': {
    status: 409,
    title: 'This case already has a review. Edit it instead.',
  },
  'service_review.edit_window_closed': {
    status: 409,
    title: 'A review can be edited for 30 days after it was written.',
  },
  'service_review.already_decided': {
    status: 409,
    title: 'This version of the review has already been moderated.',
  },
  'service_review.stale': {
    status: 409,
    title: 'The review has changed since you opened it. Look at it again.',
  },
} as const satisfies Record<string, ErrorEntry>;
