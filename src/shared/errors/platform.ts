import type { ErrorEntry } from './entry.js';

/** The expected failures of the platform (any request: its body, its address, a version conflict, idempotency, the unexpected), each with its stable code (see ../errors.ts). */
export const platformErrors = {
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON.' },
  'request.validation_failed': { status: 400, title: 'Some fields are missing or not valid.' },
  'request.phone_invalid': { status: 422, title: 'This is not a phone number we can call.' },
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
  'request.direction_controls': {
    status: 400,
    title: 'Some text contains characters that would make it read in the wrong direction.',
  },
  'request.aborted': {
    status: 400,
    title: 'The connection closed before the whole request had arrived.',
  },
  'route.not_found': { status: 404, title: 'There is nothing at this address.' },
  'resource.not_found': { status: 404, title: 'Not found.' },
  'resource.version_conflict': {
    status: 409,
    title: 'Someone else changed this first. Reload and try again.',
  },
  'idempotency.key_reused': {
    status: 422,
    title: 'This Idempotency-Key was already used for a different request.',
  },
  'internal.unexpected': { status: 500, title: 'Something went wrong on our side. Please try again.' },
  'service.unavailable': { status: 503, title: 'The service is starting or stopping. Try again shortly.' },
} as const satisfies Record<string, ErrorEntry>;
