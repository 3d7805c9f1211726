import { z } from 'zod';
import { auditEventKind as event } from '../../platform/audit-event.js';

/**
 * What the sla room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const slaAuditEvents = [
  event('sla.dashboard_read', z.object({ attention: z.number() }).strict()),
] as const;
