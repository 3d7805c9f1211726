import { z } from 'zod';

/**
 * Every kind of audit event, with the details it may carry. Details never hold health data or
 * contact data: they name what happened and to which record, nothing of its content.
 */
export const AuditPurpose = z.enum([
  'self_service',
  'care',
  'operations',
  'administration',
  'privacy',
  'security',
]);
export type AuditPurpose = z.infer<typeof AuditPurpose>;

export const AuditOutcome = z.enum(['success', 'denied', 'failure']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

const event = <A extends string, D extends z.ZodType>(action: A, details: D) =>
  z.object({ action: z.literal(action), details });

const none = z.object({}).strict();

export const AuditEventInput = z.discriminatedUnion('action', [
  event('account.registered', z.object({ via: z.literal('membership_proof') }).strict()),
  event('account.registration_refused', z.object({ reason: z.string() }).strict()),
  event('staff.created', z.object({ role: z.string(), specialistId: z.string().optional() }).strict()),
  event('specialist.desk_account_linked', z.object({ userId: z.string() }).strict()),
  event('staff.updated', z.object({ fields: z.array(z.string()) }).strict()),
  event('staff.absence_added', none),
  event('staff.absence_removed', none),
  event('account.disabled', none),
  event('account.password_changed', none),
  event('account.enabled', none),
  event('profile.read', none),
  event('profile.updated', z.object({ fields: z.array(z.string()) }).strict()),
  event('member.read', none),
  event('healthcare_hub.read', none),
  event('access_log.read', none),
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
  event('case.message_posted', none),
  event('case.messages_read', z.object({ count: z.number() }).strict()),
  event('case.messages_marked_read', z.object({ marked: z.number() }).strict()),
  event('sla.dashboard_read', z.object({ attention: z.number() }).strict()),
  event('case.stream_opened', z.object({ resumed: z.boolean() }).strict()),
  event(
    'document.uploaded',
    z
      .object({
        kind: z.string(),
        mediaType: z.string(),
        sizeBytes: z.number(),
        via: z.enum(['multipart', 'resumable']),
        answersRecordRequest: z.boolean(),
      })
      .strict(),
  ),
  event('document.listed', z.object({ count: z.number() }).strict()),
  event('document.downloaded', none),
  event('record_request.created', z.object({ kind: z.string(), requestedFrom: z.string() }).strict()),
  event('record_request.listed', z.object({ count: z.number() }).strict()),
  event(
    'sharing_consent.given',
    z.object({ scope: z.string(), documentCount: z.number().nullable(), replaced: z.number() }).strict(),
  ),
  event('sharing_consent.withdrawn', none),
  event('sharing_consent.listed', z.object({ count: z.number() }).strict()),
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
  event('review.outcomes_read', none),
  event(
    'specialists.imported',
    z
      .object({ format: z.string(), applied: z.boolean(), imported: z.number(), rejected: z.number() })
      .strict(),
  ),
  event('specialists.generated', z.object({ count: z.number(), seed: z.number() }).strict()),
  event(
    'case.specialists_matched',
    z.object({ count: z.number(), includeFull: z.boolean(), specialistIds: z.array(z.string()) }).strict(),
  ),
  event(
    'register.imported',
    z.object({ format: z.string(), rows: z.number(), skipped: z.number() }).strict(),
  ),
]);
export type AuditEventInput = z.infer<typeof AuditEventInput>;
export type AuditAction = AuditEventInput['action'];

export interface AuditRecord {
  entityType: string;
  entityId?: string | null;
  /** The member whose data this touched: what makes it appear in their access log. */
  subjectMemberId?: string | null;
  /** The members whose data a read of many at once touched (a queue page). */
  subjectMemberIds?: string[];
  purpose: AuditPurpose;
  outcome?: AuditOutcome;
}
