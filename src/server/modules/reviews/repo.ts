import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { OfferStatus } from '../../../shared/reviews.js';
import type { Queryable } from '../../platform/db/index.js';
import { opinionCase } from '../cases/schema.js';
import { caseDocument } from '../documents/schema.js';
import { userProfile } from '../identity/schema.js';
import { specialist } from '../specialists/schema.js';
import { review, reviewOffer, reviewOpinion } from './schema.js';

export type ReviewRow = typeof review.$inferSelect;
export type OfferRow = typeof reviewOffer.$inferSelect;
export type OpinionRow = typeof reviewOpinion.$inferSelect;

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

/**
 * The verdicts of the opinions first submitted in [from, to): each opinion counts once, with its
 * latest version's verdicts (a correction replaces what it corrects).
 */
export async function outcomeCounts(db: Queryable, range: { from?: Date; to?: Date }) {
  const first = db
    .select({ offerId: reviewOpinion.offerId })
    .from(reviewOpinion)
    .where(
      and(
        eq(reviewOpinion.version, 1),
        range.from ? gte(reviewOpinion.submittedAt, range.from) : undefined,
        range.to ? lt(reviewOpinion.submittedAt, range.to) : undefined,
      ),
    );
  const latest = db
    .selectDistinctOn([reviewOpinion.offerId], {
      diagnosis: reviewOpinion.diagnosisVerdict,
      treatment: reviewOpinion.treatmentVerdict,
    })
    .from(reviewOpinion)
    .where(inArray(reviewOpinion.offerId, first))
    .orderBy(asc(reviewOpinion.offerId), desc(reviewOpinion.version))
    .as('latest');
  return db
    .select({
      diagnosis: latest.diagnosis,
      treatment: latest.treatment,
      n: sql<number>`count(*)::int`,
    })
    .from(latest)
    .groupBy(latest.diagnosis, latest.treatment);
}
