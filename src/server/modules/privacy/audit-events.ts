import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';
import { PrivacyRequestKind } from '../../../shared/privacy.js';

/**
 * What the privacy room writes to the audit trail. Details are ids, kinds, outcomes and counts:
 * never the member's words, names or contact data, so that an erasure never has to touch them.
 */
export const privacyAuditEvents = [
  event('data_export.requested', none),
  event('data_export.read', none),
  event('data_export.built', z.object({ sizeBytes: z.number().int(), documents: z.number().int() }).strict()),
  event('data_export.failed', none),
  event('data_export.downloaded', none),
  event('data_export.expired', none),
  event('privacy_request.created', z.object({ kind: PrivacyRequestKind }).strict()),
  event('privacy_request.listed', z.object({ count: z.number().int() }).strict()),
  event('privacy_request.extended', z.object({ kind: PrivacyRequestKind }).strict()),
  event(
    'privacy_request.decided',
    z
      .object({ kind: PrivacyRequestKind, outcome: z.enum(['granted', 'partially_granted', 'refused']) })
      .strict(),
  ),
  event('privacy_request.reminded', z.object({ kind: PrivacyRequestKind }).strict()),
  /** A member's data was erased: how many cases' records went and how many are kept by retention. */
  event(
    'member.erased',
    z
      .object({ erasedCases: z.number().int(), retainedCases: z.number().int(), replayed: z.boolean() })
      .strict(),
  ),
  event('audit_trail.searched', z.object({ by: z.enum(['member', 'staff']) }).strict()),
  event('audit_chain.verified', z.object({ ok: z.boolean(), checked: z.number().int() }).strict()),
  event('access_report.exported', none),
] as const;
