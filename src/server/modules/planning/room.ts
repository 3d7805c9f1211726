import type { Room } from '../../room.js';
import { planningRoutes } from './routes.js';
import { defineStaffingJobs } from './staffing-service.js';

/**
 * Planning the 24-hour promise: a seeded simulation of the service under the real assignment rule
 * and clocks, with baselines; the staffing planner (the smallest roster that keeps a target, with
 * what-ifs), in the operator commands (`plan`) and the ops console, where a plan runs as a job.
 */
export const planningRoom: Room = { name: 'planning', routes: planningRoutes, jobs: defineStaffingJobs };
