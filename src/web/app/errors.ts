import type { TFunction } from 'i18next';
import type { ErrorCode } from '../../shared/errors';
import { ApiError, NetworkError } from '../api/client';

/**
 * The translated message for each error code these pages can meet. A code missing here is shown
 * with the generic message, never with the server's English title or raw JSON.
 */
const messageKeys = {
  'request.validation_failed': 'error.request.validation_failed',
  'request.rate_limited': 'error.request.rate_limited',
  'resource.version_conflict': 'error.resource.version_conflict',
  'auth.unauthenticated': 'error.auth.unauthenticated',
  'auth.account_disabled': 'error.auth.account_disabled',
  'auth.invalid_credentials': 'error.auth.invalid_credentials',
  'auth.two_factor_required': 'error.auth.two_factor_required',
  'auth.two_factor_invalid_code': 'error.auth.two_factor_invalid_code',
  'auth.forbidden': 'error.auth.forbidden',
  'auth.rate_limited': 'error.auth.rate_limited',
  'auth.request_refused': 'error.auth.request_refused',
  'registration.membership_not_verified': 'error.registration.membership_not_verified',
  'registration.already_registered': 'error.registration.already_registered',
  'registration.email_taken': 'error.registration.email_taken',
  'registration.weak_password': 'error.registration.weak_password',
  'resource.not_found': 'error.resource.not_found',
  'request.body_too_large': 'error.request.body_too_large',
  'eligibility.membership_not_in_force': 'error.eligibility.membership_not_in_force',
  'eligibility.service_not_on_plan': 'error.eligibility.service_not_on_plan',
  'idempotency.key_reused': 'error.idempotency.key_reused',
  'case.transition_not_allowed': 'error.case.transition_not_allowed',
  'case.action_not_permitted': 'error.case.action_not_permitted',
  'upload.type_mismatch': 'error.upload.type_mismatch',
  'upload.unrecognised_type': 'error.upload.unrecognised_type',
  'upload.too_large': 'error.upload.too_large',
  'upload.empty': 'error.upload.empty',
  'upload.interrupted': 'error.upload.interrupted',
  'document.unavailable': 'error.document.unavailable',
  'record_request.unknown': 'error.record_request.unknown',
  'record_request.not_outstanding': 'error.record_request.not_outstanding',
  'consent.already_withdrawn': 'error.consent.already_withdrawn',
  'consent.document_unknown': 'error.consent.document_unknown',
  'review.offer_closed': 'error.review.offer_closed',
  'review.no_capacity': 'error.review.no_capacity',
  'review.not_accepted': 'error.review.not_accepted',
  'review.answer_missing': 'error.review.answer_missing',
  'review.correction_reason_required': 'error.review.correction_reason_required',
  'review.consent_missing': 'error.review.consent_missing',
  'review.specialist_unknown': 'error.review.specialist_unknown',
  'review.document_unknown': 'error.review.document_unknown',
  'review.already_open': 'error.review.already_open',
  'review.opinions_outstanding': 'error.review.opinions_outstanding',
  'specialist_match.unknown_condition': 'error.specialist_match.unknown_condition',
  'case.opinions_outstanding': 'error.case.opinions_outstanding',
  'case.reason_required': 'error.case.reason_required',
  'case.recommendations_missing': 'error.case.recommendations_missing',
  'case.contact_in_future': 'error.case.contact_in_future',
  'call.slot_in_past': 'error.call.slot_in_past',
  'call.not_open': 'error.call.not_open',
  'follow_up.date_in_past': 'error.follow_up.date_in_past',
  'assignment.not_a_case_manager': 'error.assignment.not_a_case_manager',
  'assignment.case_manager_full': 'error.assignment.case_manager_full',
  'staff.email_taken': 'error.staff.email_taken',
  'staff.absence_already_ended': 'error.staff.absence_already_ended',
  'internal.unexpected': 'error.internal.unexpected',
  'service.unavailable': 'error.service.unavailable',
} as const satisfies Partial<Record<ErrorCode, string>>;

type KnownCode = keyof typeof messageKeys;
const isKnown = (code: string | null): code is KnownCode => code !== null && code in messageKeys;

export interface ShownError {
  message: string;
  /** Quoted to support: the request id of the failed request, when the server gave one. */
  reference: string | null;
}

export function describeError(error: unknown, t: TFunction): ShownError {
  if (error instanceof NetworkError) return { message: t('error.network'), reference: null };
  if (error instanceof ApiError) {
    const message = isKnown(error.code) ? t(messageKeys[error.code]) : t('error.generic');
    const requestId = error.problem?.requestId;
    return { message, reference: typeof requestId === 'string' ? requestId : null };
  }
  return { message: t('error.generic'), reference: null };
}

/** The paths a 400 validation report names, whole (`body.contactPreferences.windows.0.to` → `contactPreferences.windows.0.to`). */
export function invalidPaths(error: unknown): Set<string> {
  if (!(error instanceof ApiError) || error.code !== 'request.validation_failed') return new Set();
  return new Set((error.problem?.errors ?? []).map((entry) => entry.path.replace(/^body\./, '')));
}

/** The fields a 400 validation report names (`body.email` → `email`). */
export function invalidFields(error: unknown): Set<string> {
  return new Set([...invalidPaths(error)].map((path) => path.split('.')[0] ?? ''));
}
