import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the coverage room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts). A cover check reads a member's plan, usage and declared
 * conditions, so it is recorded as a read; its details never name the benefit, the condition or
 * an amount.
 */
const rows = z.object({ rows: z.number().int() }).strict();

export const coverageAuditEvents = [
  event('cover_check.read', none),
  event('benefit_rules.imported', z.object({ plans: z.number().int(), versions: z.number().int() }).strict()),
  event('benefit_usage.imported', rows),
  event('declared_conditions.imported', rows),
] as const;
