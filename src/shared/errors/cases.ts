import type { ErrorEntry } from './entry.js';

/** The expected failures of the cases room, each with its stable code (see ../errors.ts). */
export const casesErrors = {
  'case.transition_not_allowed': { status: 409, title: 'The case is not in a state that allows this.' },
  'case.action_not_permitted': { status: 403, title: 'You cannot do this on this case.' },
  'case.reason_required': { status: 422, title: 'Please give a reason.' },
  'case.recommendations_missing': { status: 409, title: 'Write the recommendations before delivering them.' },
  'case.without_review_reason_required': {
    status: 422,
    title: 'Recommendations without a specialist review need the reason, from the list.',
  },
  'case.without_review_reason_not_applicable': {
    status: 422,
    title: 'This case had a specialist review: no reason for going without one applies.',
  },
  'case.opinions_outstanding': { status: 409, title: 'Some specialist opinions are still outstanding.' },
  'case.contact_in_future': { status: 422, title: 'A contact cannot be recorded in the future.' },
  'case.contact_before_request': {
    status: 422,
    title: 'A contact cannot be recorded before the member asked for the opinion.',
  },
  'call.slot_in_past': { status: 422, title: 'A call cannot be scheduled in the past.' },
  'call.meeting_link_required': { status: 422, title: 'A video call needs its meeting link.' },
  'call.not_open': { status: 409, title: 'This call proposal is no longer open.' },
  'follow_up.date_in_past': { status: 422, title: 'A follow-up must be in the future.' },
} as const satisfies Record<string, ErrorEntry>;
