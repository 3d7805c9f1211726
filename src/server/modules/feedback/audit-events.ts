import { z } from 'zod';
import { WithholdReason } from '../../../shared/feedback.js';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the feedback room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts). Details name the decision, the stars never and the words never.
 */
export const feedbackAuditEvents = [
  event('service_review.written', none),
  event('service_review.edited', none),
  event('service_review.read', none),
  event('service_review.queue_read', z.object({ count: z.number() }).strict()),
  event('service_review.published', none),
  event('service_review.withheld', z.object({ reason: WithholdReason }).strict()),
  event('service_review.replied', none),
] as const;
