import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the audit room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const auditAuditEvents = [event('access_log.read', none)] as const;
