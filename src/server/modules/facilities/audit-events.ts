import { z } from 'zod';
import { auditEventKind as event } from '../../platform/audit-event.js';

/**
 * What the facilities room writes to the audit trail, with the details each event may carry
 * (listed with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record: a correction lists the fields it changed, never their values.
 */
export const facilitiesAuditEvents = [
  event(
    'facilities.imported',
    z
      .object({ format: z.string(), applied: z.boolean(), imported: z.number(), rejected: z.number() })
      .strict(),
  ),
  event('facilities.generated', z.object({ count: z.number(), seed: z.number() }).strict()),
  event('facility.corrected', z.object({ fields: z.array(z.string()), version: z.number() }).strict()),
] as const;
