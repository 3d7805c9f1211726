import type { ErrorEntry } from './entry.js';

/** The expected failures of the coverage room, each with its stable code (see ../errors.ts). */
export const coverageErrors = {
  'coverage.treatment_date_outside_membership': {
    status: 422,
    title: 'The treatment date is outside the dates of the membership.',
  },
  'coverage.no_rules_in_force': {
    status: 422,
    title: 'The plan has no benefit rules in force on the treatment date.',
  },
  'coverage.currency_not_of_plan': {
    status: 422,
    title: 'The estimated cost is not in the currency of the plan.',
  },
  'coverage.cost_not_positive': {
    status: 422,
    title: 'The estimated cost must be more than zero.',
  },
  'coverage.cost_absurd': {
    status: 422,
    title: 'The estimated cost is far above any treatment cost: check the amount (it is in minor units).',
  },
} as const satisfies Record<string, ErrorEntry>;
