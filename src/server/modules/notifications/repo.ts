import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { formatPersonName } from '../../../shared/display.js';
import { user, userProfile } from '../identity/schema.js';
import { member } from '../plans/schema.js';
import { notificationOutbox } from './schema.js';

export type OutboxRow = typeof notificationOutbox.$inferSelect;

/** Inserts a notification; with a dedupe key already used, inserts nothing and returns undefined. */
export async function insertNotification(
  tx: Queryable,
  row: typeof notificationOutbox.$inferInsert,
): Promise<string | undefined> {
  const inserted = await tx
    .insert(notificationOutbox)
    .values(row)
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey })
    .returning({ id: notificationOutbox.id });
  return inserted[0]?.id;
}

/** When notifications of one template were written for a person since an instant, newest first. */
export async function notificationTimesFor(
  db: Queryable,
  input: { recipientUserId: string; template: string; since: Date },
): Promise<Date[]> {
  const rows = await db
    .select({ createdAt: notificationOutbox.createdAt })
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.recipientUserId, input.recipientUserId),
        eq(notificationOutbox.template, input.template),
        gte(notificationOutbox.createdAt, input.since),
      ),
    )
    .orderBy(desc(notificationOutbox.createdAt));
  return rows.map((row) => row.createdAt);
}

/**
 * The oldest due notification, locked for the rest of the transaction. Rows another dispatcher
 * holds are skipped, so two dispatchers never work on the same row.
 */
export async function claimNextDue(tx: Tx, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.availableAt, now)))
    .orderBy(asc(notificationOutbox.availableAt), asc(notificationOutbox.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/**
 * Where and how to write to a person, read at send time so that a changed address is used. A
 * member is greeted by their name as the register holds it, in the order their name is written.
 */
export async function findRecipient(db: Queryable, userId: string) {
  const [row] = await db
    .select({
      email: user.email,
      accountName: user.name,
      givenName: member.givenName,
      familyName: member.familyName,
      locale: userProfile.locale,
      country: userProfile.country,
      timeZone: userProfile.timeZone,
      disabledAt: userProfile.disabledAt,
    })
    .from(user)
    .innerJoin(userProfile, eq(userProfile.userId, user.id))
    .leftJoin(member, eq(member.id, userProfile.memberId))
    .where(eq(user.id, userId));
  if (!row) return undefined;
  const { accountName, givenName, familyName, ...rest } = row;
  const name =
    givenName !== null && familyName !== null
      ? formatPersonName({ givenName, familyName }, row.locale)
      : accountName;
  return { ...rest, name };
}

export async function markSent(tx: Tx, id: string, attempts: number, now: Date): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ status: 'sent', attempts, sentAt: now, lastError: null })
    .where(eq(notificationOutbox.id, id));
}

export async function markRetry(
  tx: Tx,
  id: string,
  input: { attempts: number; availableAt: Date; lastError: string },
): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ attempts: input.attempts, availableAt: input.availableAt, lastError: input.lastError })
    .where(eq(notificationOutbox.id, id));
}

export async function markFinal(
  tx: Tx,
  id: string,
  input: { status: 'failed' | 'skipped'; attempts: number; lastError: string },
): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ status: input.status, attempts: input.attempts, lastError: input.lastError })
    .where(eq(notificationOutbox.id, id));
}
