import type { Opinion, OpinionRating, Review } from '../../../shared/reviews.js';
import type { Queryable } from '../../platform/db/index.js';
import * as cases from '../cases/index.js';
import * as repo from './repo.js';

// Presenters.

type OpinionWithAuthor = {
  opinion: repo.OpinionRow;
  specialist: { id: string; name: string; title: string | null };
};

export function presentOpinion(row: OpinionWithAuthor, questions: string[]): Opinion {
  const { opinion } = row;
  return {
    id: opinion.id,
    offerId: opinion.offerId,
    specialist: row.specialist,
    version: opinion.version,
    diagnosis: { verdict: opinion.diagnosisVerdict, proposedCode: opinion.proposedDiagnosisCode },
    treatment: { verdict: opinion.treatmentVerdict },
    furtherTests: opinion.furtherTests,
    answers: opinion.answers.map((answer, index) => ({ question: questions[index] ?? '', answer })),
    narrative: opinion.narrative,
    references: opinion.references,
    correctionReason: opinion.correctionReason,
    language: opinion.language,
    submittedAt: opinion.submittedAt.toISOString(),
  };
}

export function presentRating(row: repo.RatingRow): OpinionRating {
  return {
    id: row.id,
    offerId: row.offerId,
    score: row.score,
    comment: row.comment,
    ratedByUserId: row.ratedByUserId,
    opinionVersion: row.opinionVersion,
    ratedAt: row.updatedAt.toISOString(),
  };
}

export async function presentReview(db: Queryable, row: repo.ReviewRow): Promise<Review> {
  const offers = await repo.listOffersOfReview(db, row.id);
  const declineReasons = await repo.declineReasonsOfReview(db, row.caseId, row.id);
  const opinions = await repo.latestOpinionsOfReview(db, row.id);
  const ratings = await repo.ratingsOfReview(db, row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    status: row.status,
    summary: row.summary,
    questions: row.questions,
    documentIds: row.documentIds,
    panelSize: row.panelSize,
    offerNextOnDecline: row.offerNextOnDecline,
    candidatesLeft: row.candidateIds.length,
    offers: offers.map(({ offer, specialist }) => ({
      id: offer.id,
      specialist,
      status: offer.status,
      offeredAt: offer.offeredAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
      respondedAt: offer.respondedAt?.toISOString() ?? null,
      declineReason: offer.status === 'declined' ? (declineReasons.get(offer.id) ?? null) : null,
      dueAt: offer.dueAt?.toISOString() ?? null,
      submittedAt: offer.submittedAt?.toISOString() ?? null,
      endedAt: offer.endedAt?.toISOString() ?? null,
    })),
    opinions: opinions.map((item) => presentOpinion(item, row.questions)),
    ratings: ratings.map(presentRating),
    reportDocumentId: row.reportDocumentId,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export const auditFor = (
  kase: cases.CaseRow,
  entityType: string,
  entityId: string,
  purpose: 'care' | 'operations',
) => ({
  entityType,
  entityId,
  subjectMemberId: kase.memberId,
  purpose,
});
