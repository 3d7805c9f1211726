import { z } from 'zod';
import { auditEventKind as event } from '../../platform/audit-event.js';

/**
 * What the planning room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts): a plan asked for, and the forecast read (counts of submissions only).
 */
export const planningAuditEvents = [
  event(
    'planning.staffing_plan_requested',
    z.object({ source: z.enum(['history', 'example']), targetPercent: z.number() }).strict(),
  ),
  event('planning.forecast_read', z.object({ weeks: z.number(), submissions: z.number() }).strict()),
] as const;
