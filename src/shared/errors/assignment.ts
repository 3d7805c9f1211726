import type { ErrorEntry } from './entry.js';

/** The expected failures of the assignment room, each with its stable code (see ../errors.ts). */
export const assignmentErrors = {
  'assignment.not_a_case_manager': { status: 422, title: 'Choose an active case manager.' },
  'assignment.case_manager_full': { status: 409, title: 'This case manager has no room for another case.' },
} as const satisfies Record<string, ErrorEntry>;
