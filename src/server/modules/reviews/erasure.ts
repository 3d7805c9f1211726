import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { specialist } from '../specialists/schema.js';
import {
  followupAddendum,
  followupAddendumSummary,
  followupQuestion,
  followupRecipient,
} from './followups-schema.js';
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
      language: reviewOpinion.language,
      submittedAt: reviewOpinion.submittedAt,
    })
    .from(reviewOpinion)
    .where(and(inArray(reviewOpinion.caseId, caseIds), isNotNull(reviewOpinion.submittedAt)))
    .orderBy(asc(reviewOpinion.caseId), asc(reviewOpinion.submittedAt));
}

/**
 * The follow-up questions of these cases, oldest first, each with the answer of every specialist it
 * went to as the member reads it on the case page: the specialist's name and title, and the latest
 * version of their addendum (for the member's export).
 */
export async function followupsOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  const questions = await db
    .select()
    .from(followupQuestion)
    .where(inArray(followupQuestion.caseId, caseIds))
    .orderBy(asc(followupQuestion.askedAt), asc(followupQuestion.id));
  const recipients = await db
    .select({ recipient: followupRecipient, name: specialist.name, title: specialist.title })
    .from(followupRecipient)
    .innerJoin(specialist, eq(specialist.id, followupRecipient.specialistId))
    .where(inArray(followupRecipient.caseId, caseIds))
    .orderBy(asc(followupRecipient.id));
  const latest = new Map<string, typeof followupAddendum.$inferSelect>();
  const addenda = await db
    .select()
    .from(followupAddendum)
    .where(inArray(followupAddendum.caseId, caseIds))
    .orderBy(asc(followupAddendum.recipientId), asc(followupAddendum.version));
  for (const addendum of addenda) latest.set(addendum.recipientId, addendum);
  const summaries = new Map(
    (
      await db.select().from(followupAddendumSummary).where(inArray(followupAddendumSummary.caseId, caseIds))
    ).map((row) => [row.addendumId, row]),
  );
  return questions.map((question) => ({
    caseId: question.caseId,
    question: question.question,
    askedAt: question.askedAt.toISOString(),
    answers: recipients
      .filter((row) => row.recipient.questionId === question.id)
      .map(({ recipient, name, title }) => {
        const addendum = latest.get(recipient.id);
        return {
          specialist: { name, title },
          status: recipient.status,
          answeredAt: recipient.answeredAt?.toISOString() ?? null,
          addendum: addendum && {
            version: addendum.version,
            body: addendum.body,
            language: addendum.language,
            submittedAt: addendum.submittedAt.toISOString(),
            summaryForYou: summaries.has(addendum.id)
              ? {
                  language: summaries.get(addendum.id)!.language,
                  body: summaries.get(addendum.id)!.body,
                }
              : null,
          },
        };
      }),
  }));
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
