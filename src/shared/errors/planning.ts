import type { ErrorEntry } from './entry.js';

/** The expected failures of the planning room, each with its stable code (see ../errors.ts). */
export const planningErrors = {
  'planning.scenario_not_json': { status: 422, title: 'The scenario file is not valid JSON.' },
  'planning.scenario_invalid': { status: 422, title: 'The scenario does not follow the scenario format.' },
  'planning.scenario_too_large': { status: 413, title: 'The scenario file is too large.' },
  'planning.no_history': { status: 422, title: 'No requests were submitted in the weeks looked at.' },
  'planning.no_case_managers': { status: 422, title: 'There is no active case manager to plan with.' },
  'planning.plan_failed': { status: 500, title: 'The staffing plan could not be made.' },
} as const satisfies Record<string, ErrorEntry>;
