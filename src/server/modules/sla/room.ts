import type { Room } from '../../room.js';
import { slaRoutes } from './routes.js';
import { defineSlaJobs } from './service.js';

/** The 24-hour promise: clocks, escalations, rescue reassignment and the service-level dashboard. */
export const slaRoom: Room = { name: 'sla', routes: slaRoutes, jobs: defineSlaJobs };
