import { and, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { user } from '../identity/schema.js';
import { accessDenialWindow, auditEvent } from './schema.js';

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

// --- Refused accesses, counted per actor and window (denials.ts) --------------------------------

type DenialWindowKey = { actorUserId: string; windowStartsAt: Date };

const denialWindowIs = (key: DenialWindowKey) =>
  and(
    eq(accessDenialWindow.actorUserId, key.actorUserId),
    eq(accessDenialWindow.windowStartsAt, key.windowStartsAt),
  );

/** Counts one more refusal in the actor's window (holding the row's lock) and returns the count. */
export async function countDenial(
  tx: Queryable,
  key: DenialWindowKey & { actorRole: string },
): Promise<number> {
  const [window] = await tx
    .insert(accessDenialWindow)
    .values({ ...key, denials: 1 })
    .onConflictDoUpdate({
      target: [accessDenialWindow.actorUserId, accessDenialWindow.windowStartsAt],
      set: { denials: sql`${accessDenialWindow.denials} + 1` },
    })
    .returning({ denials: accessDenialWindow.denials });
  return window?.denials ?? 1;
}

export async function markDenialWindowAlerted(tx: Queryable, key: DenialWindowKey, at: Date): Promise<void> {
  await tx.update(accessDenialWindow).set({ alertedAt: at }).where(denialWindowIs(key));
}

/** Finished windows not yet summarised, oldest first, claimed (another instance skips them). */
export async function claimFinishedDenialWindows(tx: Queryable, finishedBefore: Date, limit: number) {
  return tx
    .select()
    .from(accessDenialWindow)
    .where(
      and(isNull(accessDenialWindow.summarisedAt), lt(accessDenialWindow.windowStartsAt, finishedBefore)),
    )
    .orderBy(accessDenialWindow.windowStartsAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markDenialWindowSummarised(
  tx: Queryable,
  key: DenialWindowKey,
  at: Date,
): Promise<void> {
  await tx.update(accessDenialWindow).set({ summarisedAt: at }).where(denialWindowIs(key));
}

/** Forgets summarised windows that started before `before`. */
export async function forgetDenialWindows(tx: Queryable, before: Date): Promise<void> {
  await tx
    .delete(accessDenialWindow)
    .where(and(lt(accessDenialWindow.windowStartsAt, before), isNotNull(accessDenialWindow.summarisedAt)));
}
