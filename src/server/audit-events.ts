import { z } from 'zod';
import { identityAuditEvents } from './modules/identity/audit-events.js';
import { plansAuditEvents } from './modules/plans/audit-events.js';
import { auditAuditEvents } from './modules/audit/audit-events.js';
import { casesAuditEvents } from './modules/cases/audit-events.js';
import { documentsAuditEvents } from './modules/documents/audit-events.js';
import { messagingAuditEvents } from './modules/messaging/audit-events.js';
import { slaAuditEvents } from './modules/sla/audit-events.js';
import { planningAuditEvents } from './modules/planning/audit-events.js';
import { specialistsAuditEvents } from './modules/specialists/audit-events.js';
import { reviewsAuditEvents } from './modules/reviews/audit-events.js';
import { coverageAuditEvents } from './modules/coverage/audit-events.js';
import { feedbackAuditEvents } from './modules/feedback/audit-events.js';
import { facilitiesAuditEvents } from './modules/facilities/audit-events.js';
import { employersAuditEvents } from './modules/employers/audit-events.js';
import { interopAuditEvents } from './modules/interop/audit-events.js';
import { referralsAuditEvents } from './modules/referrals/audit-events.js';
import { outcomesAuditEvents } from './modules/outcomes/audit-events.js';
import { recordsAuditEvents } from './modules/records/audit-events.js';
import { privacyAuditEvents } from './modules/privacy/audit-events.js';

/**
 * Every kind of audit event, with the details it may carry. Each room defines what it records in
 * its own `audit-events.ts`; a new room adds its line here (docs/adding-a-room.md). Details never
 * hold health data or contact data: they name what happened and to which record, nothing of its
 * content. An action is written once only: two rooms cannot define the same one.
 */
export const AuditEventInput = z.discriminatedUnion('action', [
  ...identityAuditEvents,
  ...plansAuditEvents,
  ...auditAuditEvents,
  ...casesAuditEvents,
  ...documentsAuditEvents,
  ...messagingAuditEvents,
  ...slaAuditEvents,
  ...planningAuditEvents,
  ...specialistsAuditEvents,
  ...reviewsAuditEvents,
  ...coverageAuditEvents,
  ...feedbackAuditEvents,
  ...facilitiesAuditEvents,
  ...employersAuditEvents,
  ...interopAuditEvents,
  ...referralsAuditEvents,
  ...outcomesAuditEvents,
  ...recordsAuditEvents,
  ...privacyAuditEvents,
]);
export type AuditEventInput = z.infer<typeof AuditEventInput>;
export type AuditAction = AuditEventInput['action'];
