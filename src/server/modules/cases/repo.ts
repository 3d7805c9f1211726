import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { CaseStatus } from '../../../shared/cases.js';
import type { Queryable } from '../../platform/db/index.js';
import { signalOnCommit } from '../../platform/wakeups.js';
import { staffProfile, user } from '../identity/schema.js';
import { member } from '../plans/schema.js';
import {
  caseContact,
  caseEvent,
  caseNumberSequence,
  caseRecommendation,
  followUp,
  opinionCase,
  scheduledCall,
} from './schema.js';

export type CaseRow = typeof opinionCase.$inferSelect;

/**
 * The next case number of `year` (SMO-2026-000123: six digits at least, more once past 999,999),
 * as an expression for the case row's insert, so that taking it costs no statement of its own.
 */
export function nextCaseNumber(year: number): SQL {
  return sql`(SELECT 'SMO-' || ${String(year)}::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
    FROM nextval(${caseNumberSequence.seqName}) AS n)`;
}

export async function insertCase(tx: Queryable, row: PgInsertValue<typeof opinionCase>): Promise<CaseRow> {
  const [inserted] = await tx.insert(opinionCase).values(row).returning();
  return inserted!;
}

export async function findCase(db: Queryable, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(opinionCase).where(eq(opinionCase.id, id));
  return row;
}

/** The case, locked for the rest of the transaction: the way every change to a case starts. */
export async function lockCase(tx: Queryable, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(opinionCase).where(eq(opinionCase.id, id)).for('update');
  return row;
}

/** Compare-and-set: applies the change only if nobody changed the case since `expectedVersion`. */
export async function updateCase(
  tx: Queryable,
  id: string,
  expectedVersion: number,
  changes: Partial<typeof opinionCase.$inferInsert>,
): Promise<CaseRow | undefined> {
  const [row] = await tx
    .update(opinionCase)
    .set({ ...changes, version: expectedVersion + 1 })
    .where(and(eq(opinionCase.id, id), eq(opinionCase.version, expectedVersion)))
    .returning();
  return row;
}

/** Live case streams listen here; the payload is the case id (see docs/decisions/0007-case-stream.md). */
export const CASE_STREAM_CHANNEL = 'case_stream';

/**
 * A message is carried on the case's event sequence (so the live stream has one resumable order)
 * but it is not a step of the case: the timeline leaves it out.
 */
export const MESSAGE_EVENT_TYPE = 'message_created';

/**
 * Appends to the timeline with the next per-case `seq`, and wakes the case's live streams at
 * commit. Callers hold the case lock; two unlocked appends collide on the unique (case, seq), so a
 * committed `seq` always follows a committed `seq - 1`: readers never see a gap that fills later.
 */
export async function appendEvent(
  tx: Queryable,
  event: Omit<typeof caseEvent.$inferInsert, 'seq'>,
): Promise<void> {
  await tx.insert(caseEvent).values({
    ...event,
    seq: sql`(SELECT coalesce(max(${caseEvent.seq}), 0) + 1 FROM ${caseEvent} WHERE ${caseEvent.caseId} = ${event.caseId})`,
  });
  // PostgreSQL delivers one notification per channel and payload per transaction: ask once.
  const signalled = signalledCases.get(tx) ?? new Set<string>();
  if (!signalled.has(event.caseId)) {
    signalled.add(event.caseId);
    signalledCases.set(tx, signalled);
    await signalOnCommit(tx, CASE_STREAM_CHANNEL, event.caseId);
  }
}

/** The cases whose streams a transaction has already asked to wake at its commit. */
const signalledCases = new WeakMap<Queryable, Set<string>>();

export async function listEvents(db: Queryable, caseId: string, includeStaffOnly: boolean) {
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
      staffOnly: caseEvent.staffOnly,
      occurredAt: caseEvent.occurredAt,
    })
    .from(caseEvent)
    .leftJoin(user, eq(user.id, caseEvent.actorUserId))
    .where(
      and(
        eq(caseEvent.caseId, caseId),
        ne(caseEvent.type, MESSAGE_EVENT_TYPE),
        includeStaffOnly ? undefined : eq(caseEvent.staffOnly, false),
      ),
    )
    .orderBy(asc(caseEvent.seq));
}

/** Case managers who held the case before: they keep read-only access to what they handed over. */
export async function formerCaseManagers(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: sql<string>`${caseEvent.data}->>'caseManagerUserId'` })
    .from(caseEvent)
    .where(and(eq(caseEvent.caseId, caseId), inArray(caseEvent.type, ['assign', 'reassigned'])));
  return rows.map((row) => row.userId).filter(Boolean);
}

export async function insertContact(tx: Queryable, row: typeof caseContact.$inferInsert): Promise<void> {
  await tx.insert(caseContact).values(row);
}

/** The contact log of a case, newest first, with who recorded each contact. */
export async function listContacts(db: Queryable, caseId: string) {
  return db
    .select({ contact: caseContact, recordedByName: user.name })
    .from(caseContact)
    .leftJoin(user, eq(user.id, caseContact.caseManagerUserId))
    .where(eq(caseContact.caseId, caseId))
    .orderBy(desc(caseContact.contactedAt), desc(caseContact.id));
}

const caseManager = sql`(SELECT json_build_object('id', u.id, 'name', u.name, 'languages', sp.languages)
  FROM ${user} u JOIN ${staffProfile} sp ON sp.user_id = u.id WHERE u.id = ${opinionCase.caseManagerUserId})`;

export const summaryColumns = {
  id: opinionCase.id,
  number: opinionCase.number,
  status: opinionCase.status,
  version: opinionCase.version,
  memberId: opinionCase.memberId,
  memberGivenName: member.givenName,
  memberFamilyName: member.familyName,
  preferredLanguage: opinionCase.preferredLanguage,
  interpreterNeeded: opinionCase.interpreterNeeded,
  caseManager: caseManager.mapWith(
    (value) => value as { id: string; name: string; languages: string[] } | null,
  ),
  submittedAt: opinionCase.submittedAt,
  firstContactDueAt: opinionCase.firstContactDueAt,
  firstContactedAt: opinionCase.firstContactedAt,
  queueRank: opinionCase.queueRank,
};

export type CaseListScope =
  | { kind: 'members'; memberIds: string[] }
  | { kind: 'case_manager'; userId: string }
  | { kind: 'all'; caseManagerUserId?: string };

export interface CaseListQuery {
  scope: CaseListScope;
  statuses?: CaseStatus[];
  language?: string;
  interpreterNeeded?: boolean;
  sort: 'deadline' | 'newest';
  limit: number;
  after?: { at: Date; id: string; group?: number };
}

/** One page of cases, in a stable order with the id as tie-breaker. */
export async function listCases(db: Queryable, query: CaseListQuery) {
  const scope: SQL | undefined =
    query.scope.kind === 'members'
      ? inArray(opinionCase.memberId, query.scope.memberIds)
      : query.scope.kind === 'case_manager'
        ? eq(opinionCase.caseManagerUserId, query.scope.userId)
        : query.scope.caseManagerUserId
          ? eq(opinionCase.caseManagerUserId, query.scope.caseManagerUserId)
          : undefined;
  // By deadline: the cases awaiting their first contact first (the deadline that matters), then
  // the other open cases, then the ended ones; each by first-contact deadline, then id.
  const after = query.after
    ? query.sort === 'deadline'
      ? sql`(${opinionCase.queueRank}, ${opinionCase.firstContactDueAt}, ${opinionCase.id}) > (${query.after.group ?? 0}, ${query.after.at}, ${query.after.id})`
      : or(
          lt(opinionCase.submittedAt, query.after.at),
          and(eq(opinionCase.submittedAt, query.after.at), lt(opinionCase.id, query.after.id)),
        )
    : undefined;
  return db
    .select(summaryColumns)
    .from(opinionCase)
    .innerJoin(member, eq(member.id, opinionCase.memberId))
    .where(
      and(
        scope,
        query.statuses?.length ? inArray(opinionCase.status, query.statuses) : undefined,
        query.language ? eq(opinionCase.preferredLanguage, query.language) : undefined,
        query.interpreterNeeded === undefined
          ? undefined
          : eq(opinionCase.interpreterNeeded, query.interpreterNeeded),
        after,
      ),
    )
    .orderBy(
      ...(query.sort === 'deadline'
        ? [asc(opinionCase.queueRank), asc(opinionCase.firstContactDueAt), asc(opinionCase.id)]
        : [desc(opinionCase.submittedAt), desc(opinionCase.id)]),
    )
    .limit(query.limit);
}

export async function memberNames(db: Queryable, memberId: string) {
  const [row] = await db
    .select({
      givenName: member.givenName,
      familyName: member.familyName,
      guardianMemberId: member.guardianMemberId,
    })
    .from(member)
    .where(eq(member.id, memberId));
  return row;
}

/** A case's summary columns (member's names, case manager) by id. */
export async function findSummary(db: Queryable, id: string) {
  const [row] = await db
    .select(summaryColumns)
    .from(opinionCase)
    .innerJoin(member, eq(member.id, opinionCase.memberId))
    .where(eq(opinionCase.id, id));
  return row;
}

export async function findRecommendations(db: Queryable, caseId: string) {
  const [row] = await db.select().from(caseRecommendation).where(eq(caseRecommendation.caseId, caseId));
  return row;
}

export async function saveRecommendations(
  tx: Queryable,
  row: {
    caseId: string;
    language: string;
    body: string;
    nextSteps: string[];
    writtenByUserId: string;
    now: Date;
  },
): Promise<void> {
  const { now, ...values } = row;
  await tx
    .insert(caseRecommendation)
    .values({ ...values, updatedAt: now })
    .onConflictDoUpdate({
      target: caseRecommendation.caseId,
      set: {
        language: values.language,
        body: values.body,
        nextSteps: values.nextSteps,
        writtenByUserId: values.writtenByUserId,
        updatedAt: now,
        version: sql`${caseRecommendation.version} + 1`,
      },
    });
}

export async function markRecommendations(
  tx: Queryable,
  caseId: string,
  changes: Partial<typeof caseRecommendation.$inferInsert>,
): Promise<void> {
  await tx.update(caseRecommendation).set(changes).where(eq(caseRecommendation.caseId, caseId));
}

export async function insertFollowUps(tx: Queryable, rows: (typeof followUp.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(followUp).values(rows);
}

export async function listFollowUps(db: Queryable, caseId: string) {
  return db
    .select()
    .from(followUp)
    .where(eq(followUp.caseId, caseId))
    .orderBy(asc(followUp.dueAt), asc(followUp.id));
}

export async function findFollowUp(tx: Queryable, caseId: string, id: string) {
  const [row] = await tx
    .select()
    .from(followUp)
    .where(and(eq(followUp.caseId, caseId), eq(followUp.id, id)))
    .for('update');
  return row;
}

export async function updateFollowUp(
  tx: Queryable,
  id: string,
  changes: Partial<typeof followUp.$inferInsert>,
) {
  await tx.update(followUp).set(changes).where(eq(followUp.id, id));
}

export async function cancelScheduledFollowUps(tx: Queryable, caseId: string): Promise<void> {
  await tx
    .update(followUp)
    .set({ status: 'cancelled' })
    .where(and(eq(followUp.caseId, caseId), eq(followUp.status, 'scheduled')));
}

/** The next follow-up whose reminder is due, claimed for this transaction. */
export async function claimDueFollowUpReminder(tx: Queryable, now: Date) {
  const [row] = await tx
    .select()
    .from(followUp)
    .where(and(eq(followUp.status, 'scheduled'), isNull(followUp.remindedAt), lte(followUp.dueAt, now)))
    .orderBy(asc(followUp.dueAt), asc(followUp.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function insertScheduledCall(
  tx: Queryable,
  row: typeof scheduledCall.$inferInsert,
): Promise<void> {
  await tx.insert(scheduledCall).values(row);
}

export async function findScheduledCall(tx: Queryable, caseId: string, id: string, lock = false) {
  const query = tx
    .select()
    .from(scheduledCall)
    .where(and(eq(scheduledCall.caseId, caseId), eq(scheduledCall.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listScheduledCalls(db: Queryable, caseId: string) {
  return db
    .select()
    .from(scheduledCall)
    .where(eq(scheduledCall.caseId, caseId))
    .orderBy(desc(scheduledCall.createdAt), desc(scheduledCall.id));
}

export async function updateScheduledCall(
  tx: Queryable,
  id: string,
  changes: Partial<typeof scheduledCall.$inferInsert>,
): Promise<void> {
  await tx.update(scheduledCall).set(changes).where(eq(scheduledCall.id, id));
}
