import type { ErrorEntry } from './entry.js';

/** The expected failures of the records room (providers, releases, provider links). */
export const recordsErrors = {
  'provider.unknown': { status: 422, title: 'Choose a provider of this case.' },
  'provider.duplicate': { status: 409, title: 'This provider is already on the case.' },
  'release.kinds_not_covered': {
    status: 422,
    title: 'The member has not authorised these kinds of records from this provider.',
  },
  'release.valid_until_past': { status: 422, title: 'Choose a date after today.' },
  'release.already_withdrawn': { status: 409, title: 'This release has already been withdrawn.' },
  'provider_request.closed': { status: 409, title: 'This request is no longer open.' },
  'provider_link.closed': { status: 410, title: 'This link no longer works.' },
} as const satisfies Record<string, ErrorEntry>;
