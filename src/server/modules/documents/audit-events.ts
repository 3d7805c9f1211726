import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the documents room writes to the audit trail, with the details each event may carry (listed
 * with every room's in src/server/audit-events.ts). Details name what happened and to which
 * record, never health or contact data.
 */
export const documentsAuditEvents = [
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
] as const;
