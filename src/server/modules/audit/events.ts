import { z } from 'zod';

/** Why an event happened (what the access log tells the member) and how it ended. */
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

/** Every kind of event, each defined by the room that records it (src/server/audit-events.ts). */
export { AuditEventInput, type AuditAction } from '../../audit-events.js';

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
