import { and, eq, inArray, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../../platform/db/index.js';
import { slaClock } from '../sla/schema.js';

/**
 * The review's clocks are rows of the SLA room's clock table, fired by its minute sweep (exactly
 * once, whatever the number of instances): an offer's expiry and the reminder before an accepted
 * review is due. `subjectId` is the offer.
 */
export const reviewClockKinds = ['review_offer_expiry', 'review_due_reminder'] as const;
export type ReviewClockKind = (typeof reviewClockKinds)[number];

export const isReviewClock = (kind: string): kind is ReviewClockKind =>
  (reviewClockKinds as readonly string[]).includes(kind);

export async function scheduleReviewClock(
  tx: Queryable,
  input: { caseId: string; offerId: string; kind: ReviewClockKind; dueAt: Date; now: Date },
): Promise<void> {
  await tx
    .insert(slaClock)
    .values({
      id: uuidv7(),
      caseId: input.caseId,
      kind: input.kind,
      subjectId: input.offerId,
      dueAt: input.dueAt,
      createdAt: input.now,
    })
    .onConflictDoNothing();
}

/** Stops an offer's clocks that have not fired (all of them, or the kinds named). */
export async function cancelOfferClocks(
  tx: Queryable,
  offerId: string,
  now: Date,
  kinds: readonly ReviewClockKind[] = reviewClockKinds,
): Promise<void> {
  await tx
    .update(slaClock)
    .set({ cancelledAt: now })
    .where(
      and(
        eq(slaClock.subjectId, offerId),
        inArray(slaClock.kind, [...kinds]),
        isNull(slaClock.firedAt),
        isNull(slaClock.cancelledAt),
      ),
    );
}
