import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the cases room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const casesAuditEvents = [
  event('case.submitted', z.object({ interpreterNeeded: z.boolean(), assigned: z.boolean() }).strict()),
  event('case.read', none),
  event('case.listed', z.object({ count: z.number(), caseIds: z.array(z.string()) }).strict()),
  event('case.timeline_read', none),
  event('case.contact_recorded', z.object({ first: z.boolean() }).strict()),
  event('case.withdrawn', none),
  event('case.recommendations_written', none),
  event('case.recommendations_read', none),
  event('case.recommendations_delivered', none),
  event('case.recommendations_acknowledged', none),
  event('case.follow_ups_planned', z.object({ count: z.number() }).strict()),
  event('case.follow_ups_read', none),
  event('case.progress_reported', none),
  event('case.closed', none),
  event('case.call_proposed', z.object({ slots: z.number() }).strict()),
  event('case.calls_read', none),
  event('case.contacts_read', z.object({ count: z.number() }).strict()),
  event('case.call_confirmed', none),
  event('case.reassigned', z.object({ from: z.string().nullable(), to: z.string() }).strict()),
] as const;
