import { z } from 'zod';
import { auditEventKind as event, noDetails as none } from '../../platform/audit-event.js';

/**
 * What the records room writes to the audit trail. Details name what happened and to which record:
 * never a provider's address, a patient's name, or a token.
 */
export const recordsAuditEvents = [
  event('provider.added', z.object({ origin: z.string(), language: z.string() }).strict()),
  event('provider.listed', z.object({ count: z.number() }).strict()),
  event('release.signed', z.object({ kinds: z.array(z.string()), authorisedRequests: z.number() }).strict()),
  event('release.withdrawn', z.object({ closedRequests: z.number() }).strict()),
  event(
    'provider_request.created',
    z.object({ kinds: z.array(z.string()), authorised: z.boolean() }).strict(),
  ),
  event('provider_request.revoked', none),
  event('provider_request.overdue', none),
  event('provider_request.checklist_read', z.object({ count: z.number() }).strict()),
  /** Every use of a provider's link, by the provider (no account): the page, an upload, the answer. */
  event('provider_link.opened', z.object({ first: z.boolean() }).strict()),
  event(
    'provider_link.upload_received',
    z.object({ kind: z.string(), mediaType: z.string(), sizeBytes: z.number() }).strict(),
  ),
  event('provider_link.answered', z.object({ answer: z.enum(['sent_everything', 'not_held']) }).strict()),
  /** A token that matched no link, a link used for another request, or a closed link. */
  event(
    'provider_link.refused',
    z.object({ reason: z.enum(['unknown_token', 'other_request', 'closed']) }).strict(),
  ),
  event('records.collection_clock_read', none),
] as const;
