import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the reviews room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const reviewsAuditEvents = [
  event(
    'review.requested',
    z.object({ panelSize: z.number(), documentCount: z.number(), candidates: z.number() }).strict(),
  ),
  event('review.read', z.object({ count: z.number() }).strict()),
  event('review.offered', z.object({ specialistId: z.string(), next: z.boolean() }).strict()),
  event('review.offer_listed', z.object({ count: z.number() }).strict()),
  event('review.offer_read', z.object({ documentCount: z.number() }).strict()),
  event('review.offer_accepted', none),
  event('review.offer_declined', none),
  event('review.offer_expired', none),
  event('review.offer_withdrawn', z.object({ why: z.enum(['case_ended', 'consent_withdrawn']) }).strict()),
  event('review.document_downloaded', none),
  event('review.opinion_submitted', z.object({ version: z.number() }).strict()),
  event('review.completed', none),
  event('review.opinion_rated', z.object({ score: z.number(), replaced: z.boolean() }).strict()),
  event('review.report_created', z.object({ language: z.string(), opinions: z.number() }).strict()),
  // No longer written (the per-opinion figures were retired for the outcomes room's per case);
  // kept so that the trail's older lines still read.
  event('review.outcomes_read', none),
  // Follow-up questions after the opinion (followups.ts): counts and versions, never the words.
  event('followup.forwarded', z.object({ specialists: z.number() }).strict()),
  event('followup.read', z.object({ count: z.number() }).strict()),
  event('followup.desk_read', z.object({ count: z.number() }).strict()),
  event('followup.addendum_submitted', z.object({ version: z.number(), language: z.string() }).strict()),
  event('followup.answer_overdue', none),
  event('followup.summary_written', z.object({ version: z.number(), language: z.string() }).strict()),
  event('review.summary_written', z.object({ language: z.string() }).strict()),
  event('review.translation_entered', z.object({ language: z.string() }).strict()),
  event('review.layers_read', none),
  event('review.doctor_letter_read', z.object({ language: z.string() }).strict()),
  event('review.doctor_letter_sent', z.object({ language: z.string() }).strict()),
  event('review.doctor_letter_opened', z.object({ language: z.string() }).strict()),
] as const;
