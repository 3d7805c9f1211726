import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { OfferStatus } from '../../../shared/reviews.js';
import type { Queryable } from '../../platform/db/index.js';
import { caseEvent, opinionCase } from '../cases/schema.js';
import { caseDocument } from '../documents/schema.js';
import { userProfile } from '../identity/schema.js';
import { specialist } from '../specialists/schema.js';
import { review, reviewOffer, reviewOpinion, reviewRating } from './schema.js';

export type ReviewRow = typeof review.$inferSelect;
export type OfferRow = typeof reviewOffer.$inferSelect;
export type OpinionRow = typeof reviewOpinion.$inferSelect;
export type RatingRow = typeof reviewRating.$inferSelect;

export async function insertReview(tx: Queryable, row: typeof review.$inferInsert): Promise<void> {
  await tx.insert(review).values(row);
}

export async function findReview(db: Queryable, id: string, lock = false): Promise<ReviewRow | undefined> {
  const query = db.select().from(review).where(eq(review.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findOpenReviewOfCase(db: Queryable, caseId: string): Promise<ReviewRow | undefined> {
  const [row] = await db
    .select()
    .from(review)
    .where(and(eq(review.caseId, caseId), eq(review.status, 'open')))
    .for('update');
  return row;
}

export async function listReviewsOfCase(db: Queryable, caseId: string): Promise<ReviewRow[]> {
  return db.select().from(review).where(eq(review.caseId, caseId)).orderBy(desc(review.createdAt));
}

export async function updateReview(
  tx: Queryable,
  id: string,
  changes: Partial<typeof review.$inferInsert>,
): Promise<void> {
  await tx
    .update(review)
    .set({ ...changes, version: sql`${review.version} + 1` })
    .where(eq(review.id, id));
}

export async function insertOffer(tx: Queryable, row: typeof reviewOffer.$inferInsert): Promise<void> {
  await tx.insert(reviewOffer).values(row);
}

export async function findOffer(db: Queryable, id: string, lock = false): Promise<OfferRow | undefined> {
  const query = db.select().from(reviewOffer).where(eq(reviewOffer.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Changes an offer only if it is still in the status the caller saw. */
export async function moveOffer(
  tx: Queryable,
  id: string,
  from: OfferStatus[],
  changes: Partial<typeof reviewOffer.$inferInsert>,
): Promise<OfferRow | undefined> {
  const [row] = await tx
    .update(reviewOffer)
    .set({ ...changes, version: sql`${reviewOffer.version} + 1` })
    .where(and(eq(reviewOffer.id, id), inArray(reviewOffer.status, from)))
    .returning();
  return row;
}

const specialistBrief = {
  id: specialist.id,
  name: specialist.name,
  title: specialist.title,
};

export async function listOffersOfReview(db: Queryable, reviewId: string) {
  return db
    .select({ offer: reviewOffer, specialist: specialistBrief })
    .from(reviewOffer)
    .innerJoin(specialist, eq(specialist.id, reviewOffer.specialistId))
    .where(eq(reviewOffer.reviewId, reviewId))
    .orderBy(asc(reviewOffer.offeredAt), asc(reviewOffer.id));
}

/**
 * The reasons specialists gave when they declined offers of a review, by offer. They are kept
 * where the decline is recorded, on the case's staff-only timeline (`review_declined`).
 */
export async function declineReasonsOfReview(
  db: Queryable,
  caseId: string,
  reviewId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ offerId: sql<string>`${caseEvent.data} ->> 'offerId'`, reason: caseEvent.reason })
    .from(caseEvent)
    .where(
      and(
        eq(caseEvent.caseId, caseId),
        eq(caseEvent.type, 'review_declined'),
        sql`${caseEvent.data} ->> 'reviewId' = ${reviewId}`,
      ),
    );
  return new Map(
    rows.flatMap((row) => (row.reason?.trim() ? [[row.offerId, row.reason.trim()] as const] : [])),
  );
}

/** Offers still live (offered or accepted) of a case's open review. */
export async function liveOffersOfCase(db: Queryable, caseId: string): Promise<OfferRow[]> {
  return db
    .select()
    .from(reviewOffer)
    .where(and(eq(reviewOffer.caseId, caseId), inArray(reviewOffer.status, ['offered', 'accepted'])))
    .for('update');
}

/**
 * Candidates for an offer. `userId` is their desk account only while it may sign in: a disabled
 * account (a specialist who left) counts as none, so nobody offers them a review.
 */
export async function findSpecialists(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: specialist.id,
      name: specialist.name,
      title: specialist.title,
      userId: userProfile.userId,
      nameKey: specialist.nameKey,
      institutionKey: specialist.institutionKey,
      acceptsReviews: specialist.acceptsReviews,
      weeklyCapacity: specialist.weeklyCapacity,
      activeReviews: specialist.activeReviews,
    })
    .from(specialist)
    .leftJoin(userProfile, and(eq(userProfile.userId, specialist.userId), isNull(userProfile.disabledAt)))
    .where(inArray(specialist.id, ids));
}

export async function specialistOfUser(db: Queryable, userId: string) {
  const [row] = await db.select(specialistBrief).from(specialist).where(eq(specialist.userId, userId));
  return row;
}

/** The desk: a specialist's offers and reviews, newest first, with what the list shows. */
export async function listDesk(db: Queryable, specialistId: string, statuses: OfferStatus[]) {
  return db
    .select({
      offer: reviewOffer,
      caseNumber: opinionCase.number,
      memberId: opinionCase.memberId,
      questions: review.questions,
    })
    .from(reviewOffer)
    .innerJoin(review, eq(review.id, reviewOffer.reviewId))
    .innerJoin(opinionCase, eq(opinionCase.id, reviewOffer.caseId))
    .where(and(eq(reviewOffer.specialistId, specialistId), inArray(reviewOffer.status, statuses)))
    .orderBy(desc(reviewOffer.offeredAt))
    .limit(200);
}

export async function documentsByIds(db: Queryable, caseId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(caseDocument)
    .where(and(eq(caseDocument.caseId, caseId), inArray(caseDocument.id, ids)))
    .orderBy(asc(caseDocument.createdAt));
}

export async function insertOpinion(tx: Queryable, row: typeof reviewOpinion.$inferInsert) {
  const inserted = await tx.insert(reviewOpinion).values(row).onConflictDoNothing().returning();
  return inserted[0];
}

export async function findOpinion(db: Queryable, id: string): Promise<OpinionRow | undefined> {
  const [row] = await db.select().from(reviewOpinion).where(eq(reviewOpinion.id, id));
  return row;
}

export async function opinionsOfOffer(db: Queryable, offerId: string): Promise<OpinionRow[]> {
  return db
    .select()
    .from(reviewOpinion)
    .where(eq(reviewOpinion.offerId, offerId))
    .orderBy(asc(reviewOpinion.version));
}

/** The latest version of each opinion of a review, with who wrote it. */
export async function latestOpinionsOfReview(db: Queryable, reviewId: string) {
  return db
    .selectDistinctOn([reviewOpinion.offerId], { opinion: reviewOpinion, specialist: specialistBrief })
    .from(reviewOpinion)
    .innerJoin(specialist, eq(specialist.id, reviewOpinion.specialistId))
    .where(eq(reviewOpinion.reviewId, reviewId))
    .orderBy(asc(reviewOpinion.offerId), desc(reviewOpinion.version));
}

export async function countSubmitted(db: Queryable, reviewId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewOffer)
    .where(and(eq(reviewOffer.reviewId, reviewId), eq(reviewOffer.status, 'submitted')));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The specialist's record: reviews done, median turnaround, ratings (see docs/specialists.md).

/**
 * Takes the specialist's row lock. A recount run after it sees every review and rating of theirs
 * committed by another transaction (each statement reads what was committed when it started), so
 * two opinions or two ratings at once cannot each miss the other.
 */
export async function lockSpecialist(tx: Queryable, specialistId: string): Promise<void> {
  await tx
    .select({ id: specialist.id })
    .from(specialist)
    .where(eq(specialist.id, specialistId))
    .for('update');
}

/**
 * One more review done, in the submission's transaction (after `lockSpecialist`, and after the
 * offer moved to `submitted`): the count goes up by one, and the median turnaround (acceptance to
 * opinion, in hours, to a tenth) is taken again over the specialist's submitted offers and their
 * imported record, counted as that many reviews at the imported median. One statement; the offers
 * are found by `review_offer_specialist_idx`.
 */
export async function recordCompletedReview(tx: Queryable, specialistId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE specialist s SET
      reviews_completed = s.reviews_completed + 1,
      version = s.version + 1,
      median_turnaround_hours = (
        SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.hours)::numeric, 1)::real
        FROM (
          SELECT (extract(epoch FROM o.submitted_at - o.responded_at) / 3600)::float8 AS hours
          FROM review_offer o
          WHERE o.specialist_id = s.id AND o.status = 'submitted'
          UNION ALL
          SELECT s.imported_median_turnaround_hours::float8
          FROM generate_series(1, s.imported_reviews_completed)
          WHERE s.imported_median_turnaround_hours IS NOT NULL
        ) t
      ),
      updated_at = ${now}
    WHERE s.id = ${specialistId}`);
}

/**
 * The rating average and count taken again (after `lockSpecialist`): the imported ratings (their
 * average times their count) and every rating given on the platform, one per rater and opinion.
 */
export async function refreshRatings(tx: Queryable, specialistId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE specialist s SET
      rating_count = s.imported_rating_count + r.n,
      version = s.version + 1,
      rating_average = CASE WHEN s.imported_rating_count + r.n = 0 THEN NULL ELSE round(
        ((coalesce(s.imported_rating_average, 0) * s.imported_rating_count + r.total)
          / (s.imported_rating_count + r.n))::numeric, 2)::real END,
      updated_at = ${now}
    FROM (
      SELECT count(*)::int AS n, coalesce(sum(score), 0)::float8 AS total
      FROM review_rating WHERE specialist_id = ${specialistId}
    ) r
    WHERE s.id = ${specialistId}`);
}

/** A rater's rating of an opinion, or their new one in its place; `created` tells which. */
export async function upsertRating(
  tx: Queryable,
  row: typeof reviewRating.$inferInsert,
): Promise<{ rating: RatingRow; created: boolean }> {
  const [saved] = await tx
    .insert(reviewRating)
    .values(row)
    .onConflictDoUpdate({
      target: [reviewRating.offerId, reviewRating.ratedByUserId],
      set: {
        score: row.score,
        comment: row.comment,
        opinionVersion: row.opinionVersion,
        updatedAt: row.updatedAt,
      },
    })
    // A row just inserted has no deleting transaction yet; an updated one has ours.
    .returning({ ...getTableColumns(reviewRating), created: sql<boolean>`(xmax = 0)` });
  const { created, ...rating } = saved!;
  return { rating, created };
}

export async function ratingsOfReview(db: Queryable, reviewId: string): Promise<RatingRow[]> {
  return db
    .select()
    .from(reviewRating)
    .where(eq(reviewRating.reviewId, reviewId))
    .orderBy(asc(reviewRating.createdAt), asc(reviewRating.id));
}

/**
 * The specialist opinions of a case, each the latest version of its specialist's part, oldest
 * review first (the case's export reads them all at once).
 */
export async function latestOpinionsOfCase(db: Queryable, caseId: string) {
  return db
    .selectDistinctOn([reviewOpinion.offerId], { opinion: reviewOpinion, specialist: specialistBrief })
    .from(reviewOpinion)
    .innerJoin(specialist, eq(specialist.id, reviewOpinion.specialistId))
    .where(eq(reviewOpinion.caseId, caseId))
    .orderBy(asc(reviewOpinion.offerId), desc(reviewOpinion.version));
}

/** The latest version of every opinion given on a case, oldest first: what its verdicts were. */
export async function latestOpinionVerdictsOfCase(db: Queryable, caseId: string) {
  const rows = await db
    .selectDistinctOn([reviewOpinion.offerId], {
      diagnosisVerdict: reviewOpinion.diagnosisVerdict,
      proposedDiagnosisCode: reviewOpinion.proposedDiagnosisCode,
      treatmentVerdict: reviewOpinion.treatmentVerdict,
      submittedAt: reviewOpinion.submittedAt,
    })
    .from(reviewOpinion)
    .where(eq(reviewOpinion.caseId, caseId))
    .orderBy(asc(reviewOpinion.offerId), desc(reviewOpinion.version));
  return rows.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}
