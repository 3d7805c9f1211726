import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { isOpen, transition } from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { releaseReviewPlace } from '../specialists/index.js';
import { cancelOfferClocks } from './clocks.js';
import * as repo from './repo.js';
import { offerToNextCandidate } from './offers.js';
import { auditFor } from './present.js';

export type ReviewSettings = Config['review'];

// Ending: the case ends, or the member withdraws the consent to share.

/**
 * Ends the open review of a case: every live offer is withdrawn (and an accepted one's place given
 * back), its clocks stop, and the specialists lose access at once. On a withdrawn consent a case
 * under review goes back to gathering records.
 */
export async function endReviewOfCase(
  tx: Tx,
  ctx: RequestContext,
  caseId: string,
  why: 'case_ended' | 'consent_withdrawn',
): Promise<void> {
  const review = await repo.findOpenReviewOfCase(tx, caseId);
  if (!review) return;
  const now = ctx.clock.now();
  const offers = await repo.liveOffersOfCase(tx, caseId);
  for (const offer of offers) {
    if (offer.status === 'accepted') await releaseReviewPlace(tx, offer.specialistId, now);
    await repo.moveOffer(tx, offer.id, ['offered', 'accepted'], { status: 'withdrawn', endedAt: now });
    await cancelOfferClocks(tx, offer.id, now);
  }
  await repo.updateReview(tx, review.id, { status: 'withdrawn', endedAt: now, updatedAt: now });
  const kase = await cases.lockCase(tx, caseId);
  if (!kase) return;
  if (why === 'consent_withdrawn' && kase.status === 'under_review') {
    await transition(
      tx,
      { ...ctx, actor: null },
      {
        kase,
        event: 'cancel_review',
        relation: 'system',
        data: { reviewId: review.id },
      },
    );
  } else {
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'review_withdrawn',
      actorRole: 'system',
      staffOnly: true,
      data: { reviewId: review.id },
      occurredAt: now,
    });
  }
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offer_withdrawn', details: { why } },
    auditFor(kase, 'review', review.id, 'care'),
  );
}

// The clocks, fired by the SLA room's minute sweep in the transaction that marks them fired.

/**
 * An offer's expiry moves an unanswered offer to `expired` and on to the next candidate; the due
 * reminder e-mails the specialist who still holds the review. A clock whose offer has moved on
 * does nothing.
 */
export async function fireReviewClock(
  tx: Tx,
  ctx: RequestContext,
  clock: { kind: string; caseId: string; subjectId: string | null },
): Promise<void> {
  if (!clock.subjectId) return;
  const seen = await repo.findOffer(tx, clock.subjectId);
  if (!seen) return;
  const now = ctx.clock.now();
  if (clock.kind === 'review_due_reminder') {
    if (seen.status !== 'accepted' || !seen.dueAt) return;
    const [specialist] = await repo.findSpecialists(tx, [seen.specialistId]);
    const kase = await cases.findCase(tx, seen.caseId);
    if (!specialist?.userId || !kase) return;
    await enqueueNotification(tx, ctx, {
      template: 'review.due_soon',
      recipientUserId: specialist.userId,
      params: { offerId: seen.id, caseNumber: kase.number, dueAt: seen.dueAt.toISOString() },
      dedupeKey: `review.due_soon:${seen.id}`,
    });
    return;
  }
  if (seen.status !== 'offered') return;
  const kase = await cases.lockCase(tx, seen.caseId);
  const review = await repo.findReview(tx, seen.reviewId, true);
  if (!kase || !review) return;
  const expired = await repo.moveOffer(tx, seen.id, ['offered'], { status: 'expired', endedAt: now });
  if (!expired) return;
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'review_offer_expired',
    actorRole: 'system',
    staffOnly: true,
    data: { reviewId: review.id, offerId: seen.id },
    occurredAt: now,
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offer_expired', details: {} },
    auditFor(kase, 'review_offer', seen.id, 'care'),
  );
  if (isOpen(kase.status)) await offerToNextCandidate(tx, ctx, { review, kase });
}
