import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the messaging room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const messagingAuditEvents = [
  event('case.message_posted', none),
  event('case.messages_read', z.object({ count: z.number() }).strict()),
  event('case.messages_marked_read', z.object({ marked: z.number() }).strict()),
  event('case.stream_opened', z.object({ resumed: z.boolean() }).strict()),
] as const;
