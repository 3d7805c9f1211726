import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { CaseStatus } from '../../../shared/cases.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews.js';
import type { Queryable } from '../../platform/db/index.js';
import { caseRecommendation, opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { member, membership, planProduct } from '../plans/schema.js';
import { review, reviewOffer, reviewOpinion } from '../reviews/schema.js';
import { specialist } from '../specialists/schema.js';
import type { WithoutReviewCount } from './figures.js';
import { caseOutcome, outcomeAnswer } from './schema.js';

/*
 * Queries only, each scoped to a case or to operations' figures. A case's panel is the latest
 * complete review of the case; each of its opinions counts with its latest version.
 */

export type OutcomeRow = typeof caseOutcome.$inferSelect;
export type AnswerRow = typeof outcomeAnswer.$inferSelect;

export interface PanelOpinion {
  caseId: string;
  specialistName: string;
  specialtyCode: string | null;
  diagnosis: DiagnosisVerdict;
  treatment: TreatmentVerdict;
  /** When the review was complete: the month an outcome counts in. */
  completedAt: Date;
}

/** The opinions of each case's latest complete review (latest version of each), panel order. */
export async function panelOpinions(db: Queryable, caseIds: string[]): Promise<PanelOpinion[]> {
  if (caseIds.length === 0) return [];
  const latestReview = db
    .selectDistinctOn([review.caseId], { id: review.id, completedAt: review.completedAt })
    .from(review)
    .where(and(inArray(review.caseId, caseIds), eq(review.status, 'complete')))
    .orderBy(review.caseId, desc(review.completedAt), desc(review.id))
    .as('latest_review');
  const latest = db
    .selectDistinctOn([reviewOpinion.offerId], {
      offerId: reviewOpinion.offerId,
      caseId: reviewOpinion.caseId,
      specialistId: reviewOpinion.specialistId,
      diagnosis: reviewOpinion.diagnosisVerdict,
      treatment: reviewOpinion.treatmentVerdict,
      completedAt: sql<Date>`${latestReview.completedAt}`.as('completed_at'),
    })
    .from(reviewOpinion)
    .innerJoin(latestReview, eq(latestReview.id, reviewOpinion.reviewId))
    .orderBy(reviewOpinion.offerId, desc(reviewOpinion.version))
    .as('latest_opinion');
  const rows = await db
    .select({
      caseId: latest.caseId,
      specialistName: specialist.name,
      specialtyCodes: specialist.specialtyCodes,
      diagnosis: latest.diagnosis,
      treatment: latest.treatment,
      completedAt: latest.completedAt,
    })
    .from(latest)
    .innerJoin(specialist, eq(specialist.id, latest.specialistId))
    .innerJoin(reviewOffer, eq(reviewOffer.id, latest.offerId))
    .orderBy(asc(latest.caseId), asc(reviewOffer.offeredAt), asc(reviewOffer.id));
  return rows.map(({ specialtyCodes, completedAt, ...row }) => ({
    ...row,
    specialtyCode: specialtyCodes[0] ?? null,
    completedAt: new Date(completedAt),
  }));
}

export async function findOutcome(db: Queryable, caseId: string) {
  const [row] = await db
    .select({ outcome: caseOutcome, decidedByName: user.name })
    .from(caseOutcome)
    .innerJoin(user, eq(user.id, caseOutcome.decidedByUserId))
    .where(eq(caseOutcome.caseId, caseId));
  return row;
}

export async function insertOutcome(tx: Queryable, row: typeof caseOutcome.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(caseOutcome)
    .values(row)
    .onConflictDoNothing()
    .returning({ caseId: caseOutcome.caseId });
  return inserted.length === 1;
}

/** Changes the reconciled answer when it is still at `version`; false when it moved on. */
export async function updateOutcome(
  tx: Queryable,
  caseId: string,
  version: number,
  values: Pick<
    OutcomeRow,
    'diagnosisVerdict' | 'treatmentVerdict' | 'note' | 'decidedByUserId' | 'decidedAt'
  >,
): Promise<boolean> {
  const updated = await tx
    .update(caseOutcome)
    .set({ ...values, version: version + 1 })
    .where(and(eq(caseOutcome.caseId, caseId), eq(caseOutcome.version, version)))
    .returning({ caseId: caseOutcome.caseId });
  return updated.length === 1;
}

export async function listAnswers(db: Queryable, caseId: string): Promise<AnswerRow[]> {
  return db
    .select()
    .from(outcomeAnswer)
    .where(eq(outcomeAnswer.caseId, caseId))
    .orderBy(asc(outcomeAnswer.recordedAt), asc(outcomeAnswer.id));
}

export async function answerOfCheckIn(db: Queryable, followUpId: string): Promise<AnswerRow | undefined> {
  const [row] = await db.select().from(outcomeAnswer).where(eq(outcomeAnswer.followUpId, followUpId));
  return row;
}

export async function insertAnswer(tx: Queryable, row: typeof outcomeAnswer.$inferInsert): Promise<void> {
  await tx.insert(outcomeAnswer).values(row);
}

/** A case as the figures describe it: where the member is, their language and plan type. */
export interface AnalyticsCase {
  caseId: string;
  status: CaseStatus;
  country: string;
  language: string;
  planKind: string;
}

const analyticsColumns = {
  caseId: opinionCase.id,
  status: opinionCase.status,
  country: opinionCase.locationCountry,
  language: opinionCase.preferredLanguage,
  planKind: planProduct.kind,
};

/** Cases whose review was complete in [from, to): the cases an outcome can be counted for. */
export async function casesReviewedIn(
  db: Queryable,
  range: { from?: Date; to?: Date },
): Promise<AnalyticsCase[]> {
  const reviewed = db
    .selectDistinct({ caseId: review.caseId })
    .from(review)
    .where(
      and(
        eq(review.status, 'complete'),
        range.from ? gte(review.completedAt, range.from) : undefined,
        range.to ? lt(review.completedAt, range.to) : undefined,
      ),
    );
  return db
    .select(analyticsColumns)
    .from(opinionCase)
    .innerJoin(member, eq(member.id, opinionCase.memberId))
    .innerJoin(membership, eq(membership.id, member.membershipId))
    .innerJoin(planProduct, eq(planProduct.id, membership.planProductId))
    .where(inArray(opinionCase.id, reviewed));
}

/** Cases whose recommendations were delivered in [from, to) without any complete review. */
/**
 * Recommendations delivered without a complete specialist review, by the reason the case manager
 * recorded from the fixed list (`not_recorded` for deliveries from before it was asked).
 */
export async function countDeliveredWithoutReview(
  db: Queryable,
  range: { from?: Date; to?: Date },
): Promise<WithoutReviewCount[]> {
  const rows = await db
    .select({ reason: caseRecommendation.withoutReviewReason, cases: sql<number>`count(*)::int` })
    .from(caseRecommendation)
    .where(
      and(
        sql`${caseRecommendation.deliveredAt} IS NOT NULL`,
        range.from ? gte(caseRecommendation.deliveredAt, range.from) : undefined,
        range.to ? lt(caseRecommendation.deliveredAt, range.to) : undefined,
        sql`NOT EXISTS (SELECT 1 FROM ${review} WHERE ${review.caseId} = ${caseRecommendation.caseId} AND ${review.status} = 'complete')`,
      ),
    )
    .groupBy(caseRecommendation.withoutReviewReason);
  return rows.map((row) => ({ reason: row.reason ?? 'not_recorded', cases: row.cases }));
}

export async function outcomesOf(db: Queryable, caseIds: string[]): Promise<OutcomeRow[]> {
  if (caseIds.length === 0) return [];
  return db.select().from(caseOutcome).where(inArray(caseOutcome.caseId, caseIds));
}

/** Each case's latest answer. */
export async function latestAnswersOf(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectDistinctOn([outcomeAnswer.caseId], { caseId: outcomeAnswer.caseId, action: outcomeAnswer.action })
    .from(outcomeAnswer)
    .where(inArray(outcomeAnswer.caseId, caseIds))
    .orderBy(outcomeAnswer.caseId, desc(outcomeAnswer.recordedAt), desc(outcomeAnswer.id));
}

/** Whether the case has a complete specialist review (the outcome check-ins follow one). */
export async function hasCompleteReview(db: Queryable, caseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: review.id })
    .from(review)
    .where(and(eq(review.caseId, caseId), eq(review.status, 'complete')))
    .limit(1);
  return row !== undefined;
}

/** The cases of these members that have a complete specialist review: whose outcome may be known. */
export async function reviewedCasesOfMembers(
  db: Queryable,
  memberIds: readonly string[],
): Promise<{ caseId: string; memberId: string; status: CaseStatus }[]> {
  if (memberIds.length === 0) return [];
  const reviewed = db
    .selectDistinct({ caseId: review.caseId })
    .from(review)
    .where(eq(review.status, 'complete'));
  return db
    .select({ caseId: opinionCase.id, memberId: opinionCase.memberId, status: opinionCase.status })
    .from(opinionCase)
    .where(and(inArray(opinionCase.memberId, [...memberIds]), inArray(opinionCase.id, reviewed)));
}
