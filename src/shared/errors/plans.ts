import type { ErrorEntry } from './entry.js';

/** The expected failures of the plans room, each with its stable code (see ../errors.ts). */
export const plansErrors = {
  'eligibility.membership_not_in_force': {
    status: 422,
    title: 'This membership is not in force today, so the service cannot be used.',
  },
  'eligibility.service_not_on_plan': {
    status: 422,
    title: 'Second Medical Opinion is not part of this plan.',
  },
} as const satisfies Record<string, ErrorEntry>;
