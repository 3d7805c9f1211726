import { z } from 'zod';
import { AnswerSource, OutcomeBreakdown } from '../../../shared/outcomes.js';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the outcomes room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts). Details name who answered and which figures were read, never the
 * verdicts, what the member did or how they are.
 */
export const outcomesAuditEvents = [
  event('outcome.read', none),
  event('outcome.reconciled', none),
  event('outcome.reconciliation_edited', none),
  event('outcome.answer_recorded', z.object({ source: AnswerSource }).strict()),
  event('outcome.analytics_read', z.object({ by: OutcomeBreakdown }).strict()),
  event('outcome.analytics_exported', z.object({ by: OutcomeBreakdown }).strict()),
] as const;
