import { accessRefused } from '../../platform/refusals.js';
import type { Room } from '../../room.js';
import { defineDenialJobs, recordAccessDenial } from './denials.js';
import { auditRoutes } from './routes.js';
import { defineAuditJobs } from './service.js';

/**
 * The audit trail: every read and change of a member's data, and every refused access,
 * hash-chained, sealed and signed.
 */
export const auditRoom: Room = {
  name: 'audit',
  routes: auditRoutes,
  async jobs(jobs, runtime) {
    await defineAuditJobs(jobs, runtime);
    await defineDenialJobs(jobs, runtime);
  },
  connect() {
    accessRefused.register('audit.record-denial', recordAccessDenial);
  },
};
