import { and, asc, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { followupAddendum, followupAddendumSummary, followupQuestion } from './followups-schema.js';
import { eraseLayersOfCases } from './layers-repo.js';
import { review, reviewOpinion } from './schema.js';

/** The specialists' opinions on these cases, every version, oldest first (for the member's export). */
export async function opinionsOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      caseId: reviewOpinion.caseId,
      version: reviewOpinion.version,
      diagnosisVerdict: reviewOpinion.diagnosisVerdict,
      proposedDiagnosisCode: reviewOpinion.proposedDiagnosisCode,
      treatmentVerdict: reviewOpinion.treatmentVerdict,
      furtherTests: reviewOpinion.furtherTests,
      answers: reviewOpinion.answers,
      narrative: reviewOpinion.narrative,
      submittedAt: reviewOpinion.submittedAt,
    })
    .from(reviewOpinion)
    .where(and(inArray(reviewOpinion.caseId, caseIds), isNotNull(reviewOpinion.submittedAt)))
    .orderBy(asc(reviewOpinion.caseId), asc(reviewOpinion.submittedAt));
}

/**
 * Blanks the clinical text of the reviews, opinions and follow-up questions and answers of these (ended) cases, in the caller's
 * transaction; the verdicts, dates and the specialist's record stay (their turnaround and ratings
 * count in the network's figures). Idempotent.
 */
export async function eraseReviewsOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.update(review).set({ summary: '[erased]', questions: [] }).where(inArray(review.caseId, caseIds));
  await tx
    .update(reviewOpinion)
    .set({
      narrative: '[erased]',
      answers: [],
      furtherTests: [],
      references: [],
      proposedDiagnosisCode: null,
      correctionReason: null,
    })
    .where(inArray(reviewOpinion.caseId, caseIds));
  await tx
    .update(followupQuestion)
    .set({ question: '[erased]' })
    .where(inArray(followupQuestion.caseId, caseIds));
  await tx
    .update(followupAddendum)
    .set({ body: '[erased]' })
    .where(inArray(followupAddendum.caseId, caseIds));
  await tx
    .update(followupAddendumSummary)
    .set({ body: '[erased]' })
    .where(inArray(followupAddendumSummary.caseId, caseIds));
  await eraseLayersOfCases(tx, caseIds);
}
