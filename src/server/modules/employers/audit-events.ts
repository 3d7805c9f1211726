import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';
import { HubBreakdown } from '../../../shared/employers.js';
import { VirtualCareService } from '../../../shared/plans.js';

/**
 * What the employers room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts): the hub's reads name the quarter and the breakdown, never a person.
 */
export const employersAuditEvents = [
  event(
    'employer_hub.read',
    z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/), breakdown: HubBreakdown }).strict(),
  ),
  event('employer_hub.overview_read', none),
  event('employer_plans.read', none),
  event(
    'employer_plan.add_ons_changed',
    z.object({ planProductId: z.uuid(), addOns: z.array(VirtualCareService), version: z.number() }).strict(),
  ),
  event('virtual_care.read', none),
] as const;
