import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the plans room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const plansAuditEvents = [
  event('member.read', none),
  event('healthcare_hub.read', none),
  event(
    'register.imported',
    z.object({ format: z.string(), rows: z.number(), skipped: z.number() }).strict(),
  ),
] as const;
