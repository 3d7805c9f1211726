import type { ErrorEntry } from './entry.js';

/** The expected failures of the planning room, each with its stable code (see ../errors.ts). */
export const planningErrors = {
  'planning.scenario_not_json': { status: 422, title: 'The scenario file is not valid JSON.' },
  'planning.scenario_invalid': { status: 422, title: 'The scenario does not follow the scenario format.' },
  'planning.scenario_too_large': { status: 413, title: 'The scenario file is too large.' },
} as const satisfies Record<string, ErrorEntry>;
