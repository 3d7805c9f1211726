import type { ErrorEntry } from './entry.js';

/** The expected failures of the follow-up questions (the reviews room's addenda; see ../errors.ts). */
export const followupsErrors = {
  'followup.not_delivered': {
    status: 409,
    title: 'Follow-up questions go to the specialists once the recommendations are delivered.',
  },
  'followup.specialist_not_on_opinion': {
    status: 422,
    title: 'Choose specialists who gave the opinion of this case.',
  },
  'followup.closed': { status: 409, title: 'This follow-up question is no longer open.' },
  'followup.addendum_already_submitted': {
    status: 409,
    title: 'This answer has already been submitted. To change it, send the next version.',
  },
} as const satisfies Record<string, ErrorEntry>;
