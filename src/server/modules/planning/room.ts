import type { Room } from '../../room.js';

/**
 * Planning the 24-hour promise: a seeded simulation of the service under the real assignment rule
 * and clocks, with baselines, from a scenario file (the operator command `plan simulate`). No
 * routes, tables or jobs yet: the staffing planner and its console screens come next.
 */
export const planningRoom: Room = { name: 'planning' };
