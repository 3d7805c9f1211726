import type { ErrorEntry } from './entry.js';

/** The expected failures of the reviews room, each with its stable code (see ../errors.ts). */
export const reviewsErrors = {
  'review.consent_missing': {
    status: 422,
    title: 'The member has not consented to share these records with specialists.',
  },
  'review.no_capacity': { status: 409, title: 'This specialist has no room for another review.' },
  'review.specialist_unknown': { status: 422, title: 'Choose specialists of the network who take reviews.' },
  'review.document_unknown': { status: 422, title: 'Choose documents of this case.' },
  'review.already_open': { status: 409, title: 'This case already has a specialist review in progress.' },
  'review.not_open': { status: 409, title: 'This review is no longer in progress.' },
  'review.panel_full': {
    status: 409,
    title: 'Every place on this review panel is taken. Wait for an answer before asking someone else.',
  },
  'review.already_offered': { status: 409, title: 'This specialist has already been offered this review.' },
  'review.first_opinion_conflict': {
    status: 422,
    title: 'This specialist gave, or works where they gave, the first opinion. Choose someone else.',
  },
  'review.offer_closed': { status: 409, title: 'This review offer is no longer open.' },
  'review.not_accepted': { status: 409, title: 'Accept the review before writing the opinion.' },
  'review.opinion_not_submitted': {
    status: 409,
    title: 'This specialist has not submitted an opinion yet: it can be rated once it is in.',
  },
  'review.opinion_already_submitted': {
    status: 409,
    title: 'This opinion has already been submitted. To change it, send a correction with its reason.',
  },
  'review.answer_missing': { status: 422, title: 'Answer each of the questions of the review.' },
  'review.correction_reason_required': { status: 422, title: 'Give the reason for the correction.' },
  'review.opinions_outstanding': { status: 409, title: 'Some specialist opinions are still outstanding.' },
  'review.summary_missing': {
    status: 422,
    title: 'Write the summary for the member before the opinion is delivered.',
  },
  'review.summary_language_mismatch': {
    status: 422,
    title: 'The summary must be written in the member’s language.',
  },
  'review.translation_language_mismatch': {
    status: 422,
    title: 'The translation must be into the member’s language.',
  },
  'review.translation_not_needed': {
    status: 409,
    title: 'This opinion is already in the member’s language: it needs no translation.',
  },
} as const satisfies Record<string, ErrorEntry>;
