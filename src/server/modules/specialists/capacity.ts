import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { specialist } from './schema.js';

/**
 * A specialist's review places, for the review room. Both calls take the caller's transaction, so
 * the place is taken or given back together with the offer or review that needs it, and each is
 * one conditional UPDATE: two case managers asking for the last place at once cannot both get it.
 */

/**
 * Takes one place when the specialist accepts reviews and has one left. Returns false (and changes
 * nothing) otherwise; the caller refuses the offer with its own error.
 */
export async function takeReviewPlace(tx: Tx, specialistId: string, now: Date): Promise<boolean> {
  const taken = await tx
    .update(specialist)
    .set({
      activeReviews: sql`${specialist.activeReviews} + 1`,
      version: sql`${specialist.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(specialist.id, specialistId),
        eq(specialist.acceptsReviews, true),
        lt(specialist.activeReviews, specialist.weeklyCapacity),
      ),
    )
    .returning({ id: specialist.id });
  return taken.length === 1;
}

/** Gives a place back when a review ends (completed, declined, expired or withdrawn). */
export async function releaseReviewPlace(tx: Tx, specialistId: string, now: Date): Promise<void> {
  await tx
    .update(specialist)
    .set({
      activeReviews: sql`${specialist.activeReviews} - 1`,
      version: sql`${specialist.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(specialist.id, specialistId), gt(specialist.activeReviews, 0)));
}
