import { v7 as uuidv7 } from 'uuid';
import { type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { firstOpinionConflict } from '../specialists/index.js';
import { scheduleReviewClock } from './clocks.js';
import * as repo from './repo.js';
import { auditFor } from './present.js';

const MINUTE = 60_000;

// Offers: made, answered, lapsed.

/** The specialist's review places are counted in the network; an offer needs one free. */
export const hasRoom = (s: { acceptsReviews: boolean; activeReviews: number; weeklyCapacity: number }) =>
  s.acceptsReviews && s.activeReviews < s.weeklyCapacity;

/** Whether a specialist is the doctor, or works at the institution, that gave the first opinion. */
export const gaveFirstOpinion = (
  kase: cases.CaseRow,
  candidate: { nameKey: string; institutionKey: string | null },
) =>
  firstOpinionConflict(candidate, {
    doctorName: kase.firstOpinionDoctor,
    institution: kase.firstOpinionInstitution,
  }) !== null;

export async function makeOffer(
  tx: Tx,
  ctx: RequestContext,
  input: { review: repo.ReviewRow; kase: cases.CaseRow; specialistId: string; userId: string; next: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  const offerId = uuidv7();
  const expiresAt = new Date(now.getTime() + input.review.offerWindowMinutes * MINUTE);
  await repo.insertOffer(tx, {
    id: offerId,
    reviewId: input.review.id,
    caseId: input.kase.id,
    specialistId: input.specialistId,
    status: 'offered',
    offeredAt: now,
    expiresAt,
  });
  await scheduleReviewClock(tx, {
    caseId: input.kase.id,
    offerId,
    kind: 'review_offer_expiry',
    dueAt: expiresAt,
    now,
  });
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: input.kase.id,
    type: 'review_offered',
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    staffOnly: true,
    data: { reviewId: input.review.id, offerId, specialistId: input.specialistId, next: input.next },
    occurredAt: now,
  });
  await enqueueNotification(tx, ctx, {
    template: 'review.offered',
    recipientUserId: input.userId,
    params: { offerId, caseNumber: input.kase.number, expiresAt: expiresAt.toISOString() },
    dedupeKey: `review.offered:${offerId}`,
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offered', details: { specialistId: input.specialistId, next: input.next } },
    auditFor(input.kase, 'review_offer', offerId, 'care'),
  );
}

/**
 * After a decline or an expiry: the next ranked candidate who takes reviews, has room and a desk
 * account gets the offer, when the case manager asked for it; otherwise the case manager is told.
 */
export async function offerToNextCandidate(
  tx: Tx,
  ctx: RequestContext,
  input: { review: repo.ReviewRow; kase: cases.CaseRow },
): Promise<void> {
  const { review, kase } = input;
  const now = ctx.clock.now();
  if (review.status === 'open' && review.offerNextOnDecline && review.candidateIds.length > 0) {
    const onReview = new Set(
      (await repo.listOffersOfReview(tx, review.id)).map(({ offer }) => offer.specialistId),
    );
    const candidates = new Map((await repo.findSpecialists(tx, review.candidateIds)).map((s) => [s.id, s]));
    const remaining = [...review.candidateIds];
    while (remaining.length > 0) {
      const id = remaining.shift() as string;
      const candidate = candidates.get(id);
      if (!candidate?.userId || onReview.has(id) || !hasRoom(candidate)) continue;
      await repo.updateReview(tx, review.id, { candidateIds: remaining, updatedAt: now });
      await makeOffer(tx, ctx, {
        review: { ...review, candidateIds: remaining },
        kase,
        specialistId: id,
        userId: candidate.userId,
        next: true,
      });
      return;
    }
    await repo.updateReview(tx, review.id, { candidateIds: [], updatedAt: now });
  }
  if (review.status !== 'open') return;
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'review_offer_lapsed',
    actorRole: 'system',
    staffOnly: true,
    data: { reviewId: review.id },
    occurredAt: now,
  });
  if (kase.caseManagerUserId) {
    await enqueueNotification(tx, ctx, {
      template: 'review.offer_lapsed',
      recipientUserId: kase.caseManagerUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
      dedupeKey: `review.offer_lapsed:${review.id}:${now.getTime()}`,
    });
  }
}
