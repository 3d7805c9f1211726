import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { user } from '../identity/schema.js';
import { auditEvent } from './schema.js';

/** Who touched a member's data, newest first, a page of `limit` before the cursor `beforeSeq`. */
export async function listAccessToMember(
  db: Queryable,
  input: { memberId: string; viewerUserId: string; includeOwn: boolean; limit: number; beforeSeq?: number },
) {
  const rows = await db
    .select({
      id: auditEvent.id,
      seq: auditEvent.seq,
      occurredAt: auditEvent.occurredAt,
      action: auditEvent.action,
      actorRole: auditEvent.actorRole,
      actorUserId: auditEvent.actorUserId,
      actorName: user.name,
      purpose: auditEvent.purpose,
      outcome: auditEvent.outcome,
    })
    .from(auditEvent)
    .leftJoin(user, eq(user.id, auditEvent.actorUserId))
    .where(
      and(
        or(
          eq(auditEvent.subjectMemberId, input.memberId),
          sql`${auditEvent.subjectMemberIds} @> ARRAY[${input.memberId}::uuid]`,
        ),
        input.includeOwn
          ? undefined
          : sql`${auditEvent.actorUserId} IS DISTINCT FROM ${input.viewerUserId}::uuid`,
        input.beforeSeq === undefined ? undefined : lt(auditEvent.seq, input.beforeSeq),
      ),
    )
    .orderBy(desc(auditEvent.seq))
    .limit(input.limit);
  return rows;
}
