/**
 * Every expected failure has a stable machine code. The web app translates the code; the English
 * `title` here is what API clients see in `title` and what the server logs.
 * The HTTP status of each code is decided here, once.
 */
export const errorCatalogue = {
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON.' },
  'request.validation_failed': { status: 400, title: 'Some fields are missing or not valid.' },
  'request.unsupported_media_type': { status: 415, title: 'This content type is not accepted here.' },
  'request.body_too_large': { status: 413, title: 'The request body is larger than allowed.' },
  'request.rate_limited': { status: 429, title: 'Too many requests. Please wait and try again.' },
  'request.origin_not_allowed': {
    status: 403,
    title: 'This request did not come from the service’s own pages, so it was refused.',
  },
  'request.invalid_characters': {
    status: 400,
    title: 'Some text contains characters that cannot be kept (a NUL character or a broken character).',
  },
  'request.nesting_too_deep': { status: 400, title: 'The request body is nested too deeply.' },
  'route.not_found': { status: 404, title: 'There is nothing at this address.' },
  'resource.not_found': { status: 404, title: 'Not found.' },
  'resource.version_conflict': {
    status: 409,
    title: 'Someone else changed this first. Reload and try again.',
  },
  'auth.unauthenticated': { status: 401, title: 'Please sign in.' },
  'auth.account_disabled': { status: 401, title: 'This account is disabled.' },
  'auth.invalid_credentials': { status: 401, title: 'The e-mail address or password is not correct.' },
  'auth.two_factor_required': {
    status: 403,
    title: 'Staff accounts must turn on two-factor sign-in before continuing.',
  },
  'auth.two_factor_invalid_code': { status: 401, title: 'The two-factor code is not correct.' },
  'auth.password_change_required': {
    status: 403,
    title: 'Choose a new password to replace the temporary one before continuing.',
  },
  'auth.forbidden': { status: 403, title: 'You cannot do this.' },
  'auth.rate_limited': { status: 429, title: 'Too many attempts. Please wait and try again.' },
  'auth.request_refused': { status: 400, title: 'The sign-in service refused this request.' },
  'registration.membership_not_verified': {
    status: 422,
    title: 'We could not confirm this membership. Check the membership number and date of birth.',
  },
  'registration.already_registered': {
    status: 409,
    title: 'This member already has an account. Sign in instead.',
  },
  'registration.weak_password': {
    status: 422,
    title: 'Choose a longer password: at least 12 characters.',
  },
  'staff.email_taken': { status: 409, title: 'An account with this e-mail address already exists.' },
  'staff.specialist_already_linked': {
    status: 409,
    title: 'This specialist of the network already has a desk account.',
  },
  'staff.absence_already_ended': {
    status: 422,
    title: 'This absence would already be over: it must end later.',
  },
  'eligibility.membership_not_in_force': {
    status: 422,
    title: 'This membership is not in force today, so the service cannot be used.',
  },
  'eligibility.service_not_on_plan': {
    status: 422,
    title: 'Second Medical Opinion is not part of this plan.',
  },
  'idempotency.key_reused': {
    status: 422,
    title: 'This Idempotency-Key was already used for a different request.',
  },
  'case.transition_not_allowed': { status: 409, title: 'The case is not in a state that allows this.' },
  'case.action_not_permitted': { status: 403, title: 'You cannot do this on this case.' },
  'case.reason_required': { status: 422, title: 'Please give a reason.' },
  'case.recommendations_missing': { status: 409, title: 'Write the recommendations before delivering them.' },
  'case.opinions_outstanding': { status: 409, title: 'Some specialist opinions are still outstanding.' },
  'case.contact_in_future': { status: 422, title: 'A contact cannot be recorded in the future.' },
  'case.contact_before_request': {
    status: 422,
    title: 'A contact cannot be recorded before the member asked for the opinion.',
  },
  'call.slot_in_past': { status: 422, title: 'A call cannot be scheduled in the past.' },
  'call.not_open': { status: 409, title: 'This call proposal is no longer open.' },
  'follow_up.date_in_past': { status: 422, title: 'A follow-up must be in the future.' },
  'message.unknown': { status: 422, title: 'This message does not belong to this case.' },
  'assignment.not_a_case_manager': { status: 422, title: 'Choose an active case manager.' },
  'assignment.case_manager_full': { status: 409, title: 'This case manager has no room for another case.' },
  'upload.type_mismatch': {
    status: 415,
    title: 'This kind of file cannot be filed as this kind of document.',
  },
  'upload.unrecognised_type': {
    status: 415,
    title: 'This file type is not accepted. Send a PDF, an image, DICOM, plain text or FHIR JSON.',
  },
  'upload.too_large': { status: 413, title: 'This file is larger than allowed.' },
  'upload.empty': { status: 422, title: 'The file is empty.' },
  'upload.file_missing': { status: 400, title: 'Attach one file, after the other fields.' },
  'upload.interrupted': { status: 400, title: 'The upload was interrupted. Please send the file again.' },
  'document.unavailable': {
    status: 500,
    title: 'This document cannot be read right now. We have been alerted.',
  },
  'record_request.unknown': { status: 422, title: 'This record request does not belong to this case.' },
  'record_request.not_outstanding': { status: 409, title: 'This record request has already been answered.' },
  'consent.already_withdrawn': { status: 409, title: 'This consent has already been withdrawn.' },
  'consent.document_unknown': { status: 422, title: 'Choose documents of this case.' },
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
  'specialist_import.rejected': {
    status: 422,
    title: 'Nothing was imported: the report lists every row or entry that was refused and why.',
  },
  'specialist_match.unknown_condition': {
    status: 422,
    title: 'No specialty of the network treats this condition code.',
  },
  'internal.unexpected': { status: 500, title: 'Something went wrong on our side. Please try again.' },
  'service.unavailable': { status: 503, title: 'The service is starting or stopping. Try again shortly.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}
