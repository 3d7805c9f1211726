import i18next, { type TFunction } from 'i18next';
import type { ErrorCode } from '../../shared/errors';
import { ApiError, NetworkError } from '../api/client';
import type errorMessages from '../i18n/locales/errors/en.json';

type ErrorMessageKey = keyof typeof errorMessages;

/**
 * Each error code the API answers with has its words in the `errors` catalogue under
 * `error.<code>` (the catalogue test holds every key there to a code of shared/errors.ts). A code
 * without words is shown with the generic message, never with the server's English title or raw
 * JSON.
 */
const messageKeyOf = (code: ErrorCode | null): ErrorMessageKey | null => {
  const key = `error.${code}`;
  return code !== null && i18next.exists(key) ? (key as ErrorMessageKey) : null;
};

export interface ShownError {
  message: string;
  /** Quoted to support: the request id of the failed request, when the server gave one. */
  reference: string | null;
}

/** `detailed`: the words of each code are loaded (the `errors` catalogue); else the generic ones. */
export function describeError(error: unknown, t: TFunction, detailed = true): ShownError {
  if (error instanceof NetworkError) return { message: t('error.network'), reference: null };
  if (error instanceof ApiError) {
    const key = detailed ? messageKeyOf(error.code) : null;
    const message = key ? t(key) : t('error.generic');
    const requestId = error.problem?.requestId;
    return { message, reference: typeof requestId === 'string' ? requestId : null };
  }
  return { message: t('error.generic'), reference: null };
}

/** Someone else changed the resource since this screen read it: the write was refused, nothing changed. */
export const isConflict = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'resource.version_conflict';

/** The paths a 400 validation report names, whole (`body.contactPreferences.windows.0.to` → `contactPreferences.windows.0.to`). */
export function invalidPaths(error: unknown): Set<string> {
  if (!(error instanceof ApiError) || error.code !== 'request.validation_failed') return new Set();
  return new Set((error.problem?.errors ?? []).map((entry) => entry.path.replace(/^body\./, '')));
}

/** The fields a 400 validation report names (`body.email` → `email`). */
export function invalidFields(error: unknown): Set<string> {
  return new Set([...invalidPaths(error)].map((path) => path.split('.')[0] ?? ''));
}
