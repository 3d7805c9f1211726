import type { ErrorEntry } from './entry.js';

/** The expected failures of the identity room, each with its stable code (see ../errors.ts). */
export const identityErrors = {
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
  'auth.reset_link_invalid': {
    status: 400,
    title: 'This link to choose a new password has expired or was already used.',
  },
  'identity.email_not_verified': {
    status: 403,
    title: 'Confirm your e-mail address first: follow the link in the e-mail we sent you.',
  },
  'identity.email_already_verified': { status: 409, title: 'This e-mail address is already confirmed.' },
  'identity.email_verification_link_invalid': {
    status: 400,
    title: 'This link to confirm an e-mail address is not valid.',
  },
  'identity.email_verification_link_expired': {
    status: 410,
    title: 'This link to confirm an e-mail address has expired. Ask for a new one.',
  },
  'identity.email_verification_link_used': {
    status: 409,
    title: 'This link was already used: the e-mail address is confirmed.',
  },
  'identity.email_verification_rate_limited': {
    status: 429,
    title: 'A link was sent a moment ago. Please wait before asking for another one.',
  },
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
} as const satisfies Record<string, ErrorEntry>;
