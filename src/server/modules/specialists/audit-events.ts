import { z } from 'zod';
import { auditEventKind as event } from '../../platform/audit-event.js';

/**
 * What the specialists room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const specialistsAuditEvents = [
  event('specialist.desk_account_linked', z.object({ userId: z.string() }).strict()),
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
] as const;
