import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { serviceReview } from './schema.js';

/**
 * The service reviews of these cases as the member sees them on their case page (for the member's
 * export): stars, words, language, where moderation stands (with a withheld text's reason, which
 * the member is told) and the service's public reply. Nothing of the moderator.
 */
export async function serviceReviewsOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  const rows = await db
    .select({
      caseId: serviceReview.caseId,
      stars: serviceReview.stars,
      title: serviceReview.title,
      text: serviceReview.text,
      language: serviceReview.language,
      status: serviceReview.status,
      withheldReason: serviceReview.withheldReason,
      publishedAt: serviceReview.publishedAt,
      replyText: serviceReview.replyText,
      replyAt: serviceReview.replyAt,
      createdAt: serviceReview.createdAt,
      updatedAt: serviceReview.updatedAt,
    })
    .from(serviceReview)
    .where(inArray(serviceReview.caseId, caseIds))
    .orderBy(asc(serviceReview.createdAt));
  return rows.map((row) => ({
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    replyAt: row.replyAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/**
 * Erases the words of the reviews about the member's cases, in the caller's transaction: title,
 * text and the service's reply (which may quote them) become `[erased]`. The stars, the status and
 * the dates stay, so that the rating's average, count and distribution do not move; the review
 * still refers to the member's (pseudonymised) account and register entry by id only. A review is
 * not a medical record: this runs whatever the retention of the cases. Idempotent.
 */
export async function eraseServiceReviewsOfMember(tx: Queryable, memberId: string): Promise<void> {
  await tx
    .update(serviceReview)
    .set({
      title: '[erased]',
      text: '[erased]',
      replyText: sql`CASE WHEN ${serviceReview.replyText} IS NULL THEN NULL ELSE '[erased]' END`,
    })
    .where(eq(serviceReview.memberId, memberId));
}
