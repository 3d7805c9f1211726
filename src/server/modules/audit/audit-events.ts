import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the audit room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const auditAuditEvents = [
  event('access_log.read', none),
  /** An actor was refused a record: which record is the event's entity; why, here. */
  event(
    'access.denied',
    z.object({ reason: z.enum(['no_such_record', 'not_found_for_actor', 'forbidden']) }).strict(),
  ),
  /**
   * The refusals of one actor in one window past those recorded one by one, counted (the entity is
   * the actor's account): a scan cannot flood the trail.
   */
  event(
    'access.denials_summarised',
    z.object({ windowStartsAt: z.string(), recordedOneByOne: z.number(), counted: z.number() }).strict(),
  ),
  /** Operations were alerted to a burst of refusals from one account (the entity). */
  event(
    'access.denial_burst_alerted',
    z.object({ windowStartsAt: z.string(), threshold: z.number() }).strict(),
  ),
] as const;
