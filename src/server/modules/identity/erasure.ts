import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { account, session, twoFactor, user, userProfile } from './schema.js';

/** The member's account as the member's export shows it (null when the member has no account). */
export async function accountOfMember(db: Queryable, memberId: string) {
  const [row] = await db
    .select({
      userId: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      twoFactorEnabled: user.twoFactorEnabled,
      locale: userProfile.locale,
      timeZone: userProfile.timeZone,
      country: userProfile.country,
      phone: userProfile.phone,
      preferredContactChannel: userProfile.preferredContactChannel,
      preferredContactWindows: userProfile.preferredContactWindows,
      createdAt: user.createdAt,
    })
    .from(userProfile)
    .innerJoin(user, eq(user.id, userProfile.userId))
    .where(eq(userProfile.memberId, memberId));
  return row ?? null;
}

/** The address an erased account keeps: unique, never deliverable (RFC 2606 `.invalid`). */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * Pseudonymises and closes the member's account, in the caller's transaction: name, e-mail and
 * phone replaced, contact preferences dropped, sessions, password and two-factor secrets removed,
 * the account disabled. The account's id stays (the audit trail and the records refer to it).
 * Idempotent; returns the account's id, if there was one.
 */
export async function eraseAccountOfMember(
  tx: Queryable,
  memberId: string,
  now: Date,
): Promise<string | null> {
  const [profile] = await tx
    .select({ userId: userProfile.userId })
    .from(userProfile)
    .where(eq(userProfile.memberId, memberId))
    .for('update');
  if (!profile) return null;
  const { userId } = profile;
  await tx
    .update(user)
    .set({
      name: 'Erased member',
      email: erasedEmail(userId),
      image: null,
      twoFactorEnabled: false,
      updatedAt: now,
    })
    .where(eq(user.id, userId));
  await tx
    .update(userProfile)
    .set({
      phone: null,
      country: null,
      preferredContactChannel: null,
      preferredContactWindows: [],
      disabledAt: now,
      updatedAt: now,
    })
    .where(eq(userProfile.userId, userId));
  await tx.delete(session).where(eq(session.userId, userId));
  await tx.delete(account).where(eq(account.userId, userId));
  await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
  return userId;
}
