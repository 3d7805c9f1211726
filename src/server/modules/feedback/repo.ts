import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ModerationStatus, ReviewLanguage } from '../../../shared/feedback.js';
import type { Queryable } from '../../platform/db/index.js';
import type { InstantCursor } from '../../platform/http/cursor.js';
import { opinionCase } from '../cases/schema.js';
import { userProfile } from '../identity/schema.js';
import { member, membership } from '../plans/schema.js';
import { serviceReview } from './schema.js';

export type ReviewRow = typeof serviceReview.$inferSelect;

/*
 * Queries only. A review counts in the rating when its author is a member's account that is not a
 * test account: staff never count, whatever the data says, and neither do test accounts. The
 * rule is one SQL condition, used by every figure.
 */

const counts: SQL = sql`EXISTS (SELECT 1 FROM ${userProfile} p
  WHERE p.user_id = ${serviceReview.authorUserId} AND p.role = 'member' AND NOT p.test_account)`;

export async function insertReview(tx: Queryable, row: typeof serviceReview.$inferInsert): Promise<void> {
  await tx.insert(serviceReview).values(row);
}

export async function findByCase(db: Queryable, caseId: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(serviceReview).where(eq(serviceReview.caseId, caseId));
  return row;
}

export async function lockById(tx: Queryable, id: string): Promise<ReviewRow | undefined> {
  const [row] = await tx.select().from(serviceReview).where(eq(serviceReview.id, id)).for('update');
  return row;
}

export async function lockByCase(tx: Queryable, caseId: string): Promise<ReviewRow | undefined> {
  const [row] = await tx.select().from(serviceReview).where(eq(serviceReview.caseId, caseId)).for('update');
  return row;
}

/** Changes a review and moves it to its next version; undefined when the version was not `version`. */
export async function updateReview(
  tx: Queryable,
  id: string,
  version: number,
  changes: Partial<typeof serviceReview.$inferInsert>,
): Promise<ReviewRow | undefined> {
  const [row] = await tx
    .update(serviceReview)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(serviceReview.id, id), eq(serviceReview.version, version)))
    .returning();
  return row;
}

/** Reviews in a moderation state, oldest first (the queue is worked from its head). */
export async function listByStatus(
  db: Queryable,
  input: { status: ModerationStatus; limit: number; after?: InstantCursor },
): Promise<ReviewRow[]> {
  const after = input.after
    ? or(
        sql`${serviceReview.updatedAt} > ${input.after.at}`,
        and(eq(serviceReview.updatedAt, input.after.at), sql`${serviceReview.id} > ${input.after.id}`),
      )
    : undefined;
  return db
    .select()
    .from(serviceReview)
    .where(and(eq(serviceReview.status, input.status), after))
    .orderBy(asc(serviceReview.updatedAt), asc(serviceReview.id))
    .limit(input.limit);
}

/** Published reviews that count, newest first, by language and stars when asked. */
export async function listPublished(
  db: Queryable,
  input: { language?: ReviewLanguage; stars?: number; limit: number; before?: InstantCursor },
): Promise<ReviewRow[]> {
  const before = input.before
    ? or(
        lt(serviceReview.publishedAt, input.before.at),
        and(eq(serviceReview.publishedAt, input.before.at), lt(serviceReview.id, input.before.id)),
      )
    : undefined;
  return db
    .select()
    .from(serviceReview)
    .where(
      and(
        eq(serviceReview.status, 'published'),
        counts,
        input.language ? eq(serviceReview.language, input.language) : undefined,
        input.stars ? eq(serviceReview.stars, input.stars) : undefined,
        before,
      ),
    )
    .orderBy(desc(serviceReview.publishedAt), desc(serviceReview.id))
    .limit(input.limit);
}

/** Which reviews a figure is about: all of them, those of some cases, or of some plan products. */
export interface RatingScope {
  caseIds?: readonly string[];
  planProductIds?: readonly string[];
  /** The reviews about these members' cases (an employer's people). */
  memberIds?: readonly string[];
  /** Written in [from, before): a period's ratings. */
  written?: { from: Date; before: Date };
}

/** How many counting ratings gave each number of stars, within the scope. */
export async function starCounts(db: Queryable, scope: RatingScope = {}): Promise<Map<number, number>> {
  const byCase = scope.caseIds ? inArray(serviceReview.caseId, [...scope.caseIds]) : undefined;
  const byPlan = scope.planProductIds
    ? inArray(
        serviceReview.caseId,
        db
          .select({ id: opinionCase.id })
          .from(opinionCase)
          .innerJoin(member, eq(member.id, opinionCase.memberId))
          .innerJoin(membership, eq(membership.id, member.membershipId))
          .where(inArray(membership.planProductId, [...scope.planProductIds])),
      )
    : undefined;
  // One array parameter, not one per member: a large company's people outnumber the protocol's 65,535.
  const byMember = scope.memberIds
    ? sql`${serviceReview.memberId} = ANY(${sql.param([...scope.memberIds])}::uuid[])`
    : undefined;
  const written = scope.written
    ? and(gte(serviceReview.createdAt, scope.written.from), lt(serviceReview.createdAt, scope.written.before))
    : undefined;
  if (scope.caseIds?.length === 0 || scope.planProductIds?.length === 0 || scope.memberIds?.length === 0)
    return new Map();
  const rows = await db
    .select({ stars: serviceReview.stars, count: sql<number>`count(*)::int` })
    .from(serviceReview)
    .where(and(counts, byCase, byPlan, byMember, written))
    .groupBy(serviceReview.stars);
  return new Map(rows.map((row) => [row.stars, row.count]));
}

/** How many reviews that count have published words. */
export async function publishedCount(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(serviceReview)
    .where(and(eq(serviceReview.status, 'published'), counts));
  return row?.count ?? 0;
}
