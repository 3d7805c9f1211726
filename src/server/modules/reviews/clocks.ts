import type { Queryable } from '../../platform/db/index.js';
import { cancelClocksOf, scheduleClock } from '../sla/index.js';

/**
 * The review's clocks are rows of the SLA room's clock table, fired by its minute sweep (exactly
 * once, whatever the number of instances): an offer's expiry and the reminder before an accepted
 * review is due. `subjectId` is the offer.
 */
export const reviewClockKinds = ['review_offer_expiry', 'review_due_reminder'] as const;
export type ReviewClockKind = (typeof reviewClockKinds)[number];

export async function scheduleReviewClock(
  tx: Queryable,
  input: { caseId: string; offerId: string; kind: ReviewClockKind; dueAt: Date; now: Date },
): Promise<void> {
  await scheduleClock(tx, {
    caseId: input.caseId,
    subjectId: input.offerId,
    kind: input.kind,
    dueAt: input.dueAt,
    now: input.now,
  });
}

/** Stops an offer's clocks that have not fired (all of them, or the kinds named). */
export async function cancelOfferClocks(
  tx: Queryable,
  offerId: string,
  now: Date,
  kinds: readonly ReviewClockKind[] = reviewClockKinds,
): Promise<void> {
  await cancelClocksOf(tx, offerId, kinds, now);
}
