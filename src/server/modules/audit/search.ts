import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { user } from '../identity/schema.js';
import { auditEvent } from './schema.js';

/**
 * The audit trail as the privacy officer searches it: the events about a member (as subject) or
 * by a staff member (as actor), newest first, a page of `limit` before the cursor `beforeSeq`.
 * Events carry ids, never personal data, so the trail survives an erasure untouched.
 */
export async function searchAuditTrail(
  db: Queryable,
  input: { subjectMemberId?: string; actorUserId?: string; limit: number; beforeSeq?: number },
) {
  return db
    .select({
      seq: auditEvent.seq,
      id: auditEvent.id,
      occurredAt: auditEvent.occurredAt,
      action: auditEvent.action,
      actorUserId: auditEvent.actorUserId,
      actorName: user.name,
      actorRole: auditEvent.actorRole,
      entityType: auditEvent.entityType,
      entityId: auditEvent.entityId,
      subjectMemberId: auditEvent.subjectMemberId,
      purpose: auditEvent.purpose,
      outcome: auditEvent.outcome,
    })
    .from(auditEvent)
    .leftJoin(user, eq(user.id, auditEvent.actorUserId))
    .where(
      and(
        input.subjectMemberId === undefined
          ? undefined
          : or(
              eq(auditEvent.subjectMemberId, input.subjectMemberId),
              sql`${auditEvent.subjectMemberIds} @> ARRAY[${input.subjectMemberId}::uuid]`,
            ),
        input.actorUserId === undefined ? undefined : eq(auditEvent.actorUserId, input.actorUserId),
        input.beforeSeq === undefined ? undefined : lt(auditEvent.seq, input.beforeSeq),
      ),
    )
    .orderBy(desc(auditEvent.seq))
    .limit(input.limit);
}

export type AuditTrailRow = Awaited<ReturnType<typeof searchAuditTrail>>[number];
