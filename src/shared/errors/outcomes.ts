import type { ErrorEntry } from './entry.js';

/** The expected failures of the outcomes room (the case's outcome and the member's answers), see ../errors.ts. */
export const outcomesErrors = {
  'outcome.opinion_not_ready': {
    status: 409,
    title: "The case's outcome is recorded once the specialists' opinions are in.",
  },
  'outcome.panel_agrees': {
    status: 409,
    title: "The opinions agree: the case's outcome is theirs and needs no reconciliation.",
  },
  'outcome.already_reconciled': {
    status: 409,
    title: "The case's outcome has already been reconciled. Edit it instead.",
  },
  'outcome.not_reconciled': {
    status: 409,
    title: "The case's outcome has not been reconciled yet.",
  },
  'outcome.not_delivered': {
    status: 409,
    title: 'What the member did is recorded once the recommendations have been delivered.',
  },
  'outcome.already_answered': {
    status: 409,
    title: 'This check-in has already been answered.',
  },
} as const satisfies Record<string, ErrorEntry>;
