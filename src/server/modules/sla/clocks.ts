import { and, eq, inArray, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { slaClock } from './schema.js';

/*
 * Clocks of other rooms. The SLA room's clock table and its minute sweep (exactly once, whatever
 * the number of instances) serve every room's deadlines: a room schedules its own kinds of clock
 * here and registers what firing one does; the sweep calls it in the transaction that marks the
 * clock fired.
 */

export interface DueClock {
  kind: string;
  caseId: string;
  subjectId: string | null;
}

type ClockReaction = (tx: Tx, ctx: RequestContext, clock: DueClock) => Promise<void>;

const reactions = new Map<string, ClockReaction>();

/** A room says what firing its kinds of clock does (registering again replaces it). */
export function handleClocks(kinds: readonly string[], reaction: ClockReaction): void {
  for (const kind of kinds) reactions.set(kind, reaction);
}

/** What firing a clock of another room does, when a room registered its kind. */
export const reactionTo = (kind: string): ClockReaction | undefined => reactions.get(kind);

/** Schedules one clock about a subject of a case (a review offer); a second of the same kind is ignored. */
export async function scheduleClock(
  tx: Queryable,
  input: { caseId: string; subjectId: string; kind: string; dueAt: Date; now: Date },
): Promise<void> {
  await tx
    .insert(slaClock)
    .values({
      id: uuidv7(),
      caseId: input.caseId,
      kind: input.kind,
      subjectId: input.subjectId,
      dueAt: input.dueAt,
      createdAt: input.now,
    })
    .onConflictDoNothing();
}

/** Stops a subject's clocks of the kinds named that have not fired. */
export async function cancelClocksOf(
  tx: Queryable,
  subjectId: string,
  kinds: readonly string[],
  now: Date,
): Promise<void> {
  await tx
    .update(slaClock)
    .set({ cancelledAt: now })
    .where(
      and(
        eq(slaClock.subjectId, subjectId),
        inArray(slaClock.kind, [...kinds]),
        isNull(slaClock.firedAt),
        isNull(slaClock.cancelledAt),
      ),
    );
}
