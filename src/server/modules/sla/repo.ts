import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../../platform/db/index.js';
import { slaClock } from './schema.js';

export const firstContactClocks = [
  'first_contact_warning',
  'first_contact_escalation',
  'first_contact_breach',
] as const;
export type ClockKind = (typeof firstContactClocks)[number];

export interface SlaSettings {
  /** How long before the deadline the case manager is warned. */
  warningBeforeMs: number;
  /** How long before the deadline operations are alerted. */
  escalationBeforeMs: number;
}

/** The three clocks of the 24-hour promise, written with the case. */
export async function scheduleFirstContactClocks(
  tx: Queryable,
  input: { caseId: string; deadline: Date; now: Date; settings: SlaSettings },
): Promise<void> {
  const at = (beforeMs: number) => new Date(input.deadline.getTime() - beforeMs);
  await tx
    .insert(slaClock)
    .values([
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_warning',
        dueAt: at(input.settings.warningBeforeMs),
        createdAt: input.now,
      },
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_escalation',
        dueAt: at(input.settings.escalationBeforeMs),
        createdAt: input.now,
      },
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_breach',
        dueAt: input.deadline,
        createdAt: input.now,
      },
    ])
    .onConflictDoNothing();
}

/** Stops the clocks that have not fired: the first contact was made, or the case ended. */
export async function cancelPendingClocks(tx: Queryable, caseId: string, now: Date): Promise<void> {
  await tx
    .update(slaClock)
    .set({ cancelledAt: now })
    .where(and(eq(slaClock.caseId, caseId), isNull(slaClock.firedAt), isNull(slaClock.cancelledAt)));
}

/** Claims the next due clock for this transaction; other instances skip it. */
export async function claimDueClock(tx: Queryable, now: Date) {
  const [row] = await tx
    .select()
    .from(slaClock)
    .where(and(isNull(slaClock.firedAt), isNull(slaClock.cancelledAt), lte(slaClock.dueAt, now)))
    .orderBy(asc(slaClock.dueAt), asc(slaClock.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function markFired(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.update(slaClock).set({ firedAt: now }).where(eq(slaClock.id, id));
}

export async function markCancelled(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.update(slaClock).set({ cancelledAt: now }).where(eq(slaClock.id, id));
}

export async function pendingClocks(db: Queryable, caseId: string) {
  return db
    .select({
      kind: slaClock.kind,
      dueAt: slaClock.dueAt,
      firedAt: slaClock.firedAt,
      cancelledAt: slaClock.cancelledAt,
    })
    .from(slaClock)
    .where(eq(slaClock.caseId, caseId))
    .orderBy(asc(slaClock.dueAt), sql`${slaClock.kind}`);
}
