import type { Room } from '../../room.js';
import { auditRoutes } from './routes.js';
import { defineAuditJobs } from './service.js';

/** The audit trail: every read and change of a member's data, hash-chained and sealed. */
export const auditRoom: Room = { name: 'audit', routes: auditRoutes, jobs: defineAuditJobs };
