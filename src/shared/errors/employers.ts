import type { ErrorEntry } from './entry.js';

/** The expected failures of the employers room (the employer's hub, add-ons), see ../errors.ts. */
export const employersErrors = {
  'employer_hub.period_not_a_quarter': {
    status: 422,
    title: 'Figures are given for whole calendar quarters only.',
  },
  'employer_hub.quarter_not_published': {
    status: 422,
    title: "This quarter's figures are not published yet.",
  },
  'employer_hub.breakdown_not_allowed': {
    status: 422,
    title: 'Figures can be broken down by country, plan or age band only.',
  },
} as const satisfies Record<string, ErrorEntry>;
