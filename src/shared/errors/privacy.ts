import type { ErrorEntry } from './entry.js';

/** The expected failures of the privacy room, each with its stable code (see ../errors.ts). */
export const privacyErrors = {
  'privacy.export_not_ready': { status: 409, title: 'The archive is still being built.' },
  'privacy.request_already_decided': { status: 409, title: 'This request has already been answered.' },
  'privacy.request_already_extended': {
    status: 409,
    title: 'The deadline of this request has already been extended once.',
  },
  'privacy.request_already_open': {
    status: 409,
    title: 'A request of this kind is already open.',
  },
  'privacy.erasure_open_case': {
    status: 409,
    title: 'The member has a case still open: it must be closed or withdrawn before erasure.',
  },
  'privacy.erasure_retained': {
    status: 409,
    title: 'Medical records are kept for the retention period: they cannot be erased yet.',
  },
  'privacy.erasure_not_applicable': {
    status: 422,
    title: 'Only an erasure request can be partially granted.',
  },
  'privacy.member_unknown': { status: 404, title: 'No member has this number.' },
} as const satisfies Record<string, ErrorEntry>;
