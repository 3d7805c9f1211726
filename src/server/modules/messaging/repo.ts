import { and, asc, desc, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseEvent, opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { caseMessage, messageRead } from './schema.js';

export type MessageRow = typeof caseMessage.$inferSelect;

export async function insertMessage(tx: Queryable, row: typeof caseMessage.$inferInsert): Promise<void> {
  await tx.insert(caseMessage).values(row);
}

/** Columns of a message as a viewer sees it: who wrote it, and who has read it. */
const messageColumns = (viewerUserId: string) => ({
  id: caseMessage.id,
  caseId: caseMessage.caseId,
  body: caseMessage.body,
  authorUserId: caseMessage.authorUserId,
  authorRole: caseMessage.authorRole,
  authorName: user.name,
  createdAt: caseMessage.createdAt,
  readByOther: sql<boolean>`EXISTS (SELECT 1 FROM ${messageRead} r
    WHERE r.message_id = ${caseMessage.id} AND r.user_id <> ${caseMessage.authorUserId})`,
  readByViewer: sql<boolean>`EXISTS (SELECT 1 FROM ${messageRead} r
    WHERE r.message_id = ${caseMessage.id} AND r.user_id = ${viewerUserId})`,
});

/** The messages of a case with these ids, as the viewer sees them. */
export async function findMessageViews(db: Queryable, caseId: string, ids: string[], viewerUserId: string) {
  if (ids.length === 0) return [];
  return db
    .select(messageColumns(viewerUserId))
    .from(caseMessage)
    .innerJoin(user, eq(user.id, caseMessage.authorUserId))
    .where(and(eq(caseMessage.caseId, caseId), inArray(caseMessage.id, ids)));
}

export type MessageView = Awaited<ReturnType<typeof findMessageViews>>[number];

/** One page of a case's thread, newest first, the id breaking ties of the same instant. */
export async function listMessages(
  db: Queryable,
  input: { caseId: string; viewerUserId: string; limit: number; before?: { at: Date; id: string } },
) {
  const before = input.before
    ? or(
        lt(caseMessage.createdAt, input.before.at),
        and(eq(caseMessage.createdAt, input.before.at), lt(caseMessage.id, input.before.id)),
      )
    : undefined;
  return db
    .select(messageColumns(input.viewerUserId))
    .from(caseMessage)
    .innerJoin(user, eq(user.id, caseMessage.authorUserId))
    .where(and(eq(caseMessage.caseId, input.caseId), before))
    .orderBy(desc(caseMessage.createdAt), desc(caseMessage.id))
    .limit(input.limit);
}

export async function findMessage(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(caseMessage)
    .where(and(eq(caseMessage.caseId, caseId), eq(caseMessage.id, id)));
  return row;
}

/** Messages from others, up to and including `upTo`, not read by the user before. */
const unreadBy = (userId: string): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM ${messageRead} r WHERE r.message_id = ${caseMessage.id} AND r.user_id = ${userId})`;

const atOrBefore = (upTo: MessageRow): SQL =>
  or(
    lt(caseMessage.createdAt, upTo.createdAt),
    and(eq(caseMessage.createdAt, upTo.createdAt), lte(caseMessage.id, upTo.id)),
  )!;

/** Marks every message from others up to `upTo` read by the user; returns how many were new. */
export async function markReadUpTo(
  tx: Queryable,
  input: { caseId: string; userId: string; upTo: MessageRow; now: Date },
): Promise<number> {
  const unread = await tx
    .select({ id: caseMessage.id })
    .from(caseMessage)
    .where(
      and(
        eq(caseMessage.caseId, input.caseId),
        ne(caseMessage.authorUserId, input.userId),
        atOrBefore(input.upTo),
        unreadBy(input.userId),
      ),
    );
  if (unread.length === 0) return 0;
  const inserted = await tx
    .insert(messageRead)
    .values(unread.map((row) => ({ messageId: row.id, userId: input.userId, readAt: input.now })))
    .onConflictDoNothing()
    .returning({ messageId: messageRead.messageId });
  return inserted.length;
}

/** How many messages from others in one case the user has not read. */
export async function unreadInCase(db: Queryable, caseId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(caseMessage)
    .where(and(eq(caseMessage.caseId, caseId), ne(caseMessage.authorUserId, userId), unreadBy(userId)));
  return row?.count ?? 0;
}

export type UnreadScope = { kind: 'members'; memberIds: string[] } | { kind: 'case_manager'; userId: string };

/** Per case of the scope, how many messages from others the user has not read. */
export async function unreadCounts(
  db: Queryable,
  input: { userId: string; scope: UnreadScope },
): Promise<{ caseId: string; caseNumber: string; unread: number }[]> {
  const scope =
    input.scope.kind === 'members'
      ? inArray(opinionCase.memberId, input.scope.memberIds)
      : eq(opinionCase.caseManagerUserId, input.scope.userId);
  return db
    .select({
      caseId: opinionCase.id,
      caseNumber: opinionCase.number,
      unread: sql<number>`count(*)::int`,
    })
    .from(caseMessage)
    .innerJoin(opinionCase, eq(opinionCase.id, caseMessage.caseId))
    .where(and(scope, ne(caseMessage.authorUserId, input.userId), unreadBy(input.userId)))
    .groupBy(opinionCase.id, opinionCase.number)
    .orderBy(asc(opinionCase.number));
}

/** Where the case's stream stands now: the last `seq` of its event sequence (0 before any). */
export async function streamPosition(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number>`coalesce(max(${caseEvent.seq}), 0)::int` })
    .from(caseEvent)
    .where(eq(caseEvent.caseId, caseId));
  return row?.seq ?? 0;
}

/**
 * The case's events after a stream position, in order, with the message each `message_created`
 * event carries (read as the viewer sees it). Staff-only entries are left out for others.
 */
export async function streamEventsAfter(
  db: Queryable,
  input: { caseId: string; after: number; includeStaffOnly: boolean; viewerUserId: string; limit: number },
) {
  return db
    .select({
      id: caseEvent.id,
      seq: caseEvent.seq,
      type: caseEvent.type,
      fromStatus: caseEvent.fromStatus,
      toStatus: caseEvent.toStatus,
      actorRole: caseEvent.actorRole,
      actorName: user.name,
      reason: caseEvent.reason,
      data: caseEvent.data,
      occurredAt: caseEvent.occurredAt,
    })
    .from(caseEvent)
    .leftJoin(user, eq(user.id, caseEvent.actorUserId))
    .where(
      and(
        eq(caseEvent.caseId, input.caseId),
        gt(caseEvent.seq, input.after),
        input.includeStaffOnly ? undefined : eq(caseEvent.staffOnly, false),
      ),
    )
    .orderBy(asc(caseEvent.seq))
    .limit(input.limit);
}

/** The whole thread of a case, oldest first (the case's export reads it all at once). */
export async function wholeThread(db: Queryable, caseId: string) {
  return db
    .select({
      id: caseMessage.id,
      authorUserId: caseMessage.authorUserId,
      authorRole: caseMessage.authorRole,
      authorName: user.name,
      body: caseMessage.body,
      createdAt: caseMessage.createdAt,
    })
    .from(caseMessage)
    .innerJoin(user, eq(user.id, caseMessage.authorUserId))
    .where(eq(caseMessage.caseId, caseId))
    .orderBy(asc(caseMessage.createdAt), asc(caseMessage.id));
}
