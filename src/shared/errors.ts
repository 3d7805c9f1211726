import { platformErrors } from './errors/platform.js';
import { identityErrors } from './errors/identity.js';
import { plansErrors } from './errors/plans.js';
import { casesErrors } from './errors/cases.js';
import { messagingErrors } from './errors/messaging.js';
import { assignmentErrors } from './errors/assignment.js';
import { documentsErrors } from './errors/documents.js';
import { reviewsErrors } from './errors/reviews.js';
import { followupsErrors } from './errors/followups.js';
import { specialistsErrors } from './errors/specialists.js';
import { coverageErrors } from './errors/coverage.js';
import { feedbackErrors } from './errors/feedback.js';
import { planningErrors } from './errors/planning.js';
import { facilitiesErrors } from './errors/facilities.js';
import { employersErrors } from './errors/employers.js';
import { referralsErrors } from './errors/referrals.js';
import { outcomesErrors } from './errors/outcomes.js';
import { recordsErrors } from './errors/records.js';
import { privacyErrors } from './errors/privacy.js';

/**
 * Every expected failure has a stable machine code. The web app translates the code; the English
 * `title` is what API clients see in `title` and what the server logs. The HTTP status of each
 * code is decided once, by the room that raises it: each room keeps its codes in
 * `errors/<room>.ts`, and a new room adds its line here (docs/adding-a-room.md). A code belongs to
 * one room only (test/house/registration.test.ts).
 */
export const errorCatalogue = {
  ...platformErrors,
  ...identityErrors,
  ...plansErrors,
  ...casesErrors,
  ...messagingErrors,
  ...assignmentErrors,
  ...documentsErrors,
  ...reviewsErrors,
  ...followupsErrors,
  ...specialistsErrors,
  ...coverageErrors,
  ...feedbackErrors,
  ...planningErrors,
  ...facilitiesErrors,
  ...employersErrors,
  ...referralsErrors,
  ...outcomesErrors,
  ...recordsErrors,
  ...privacyErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}
