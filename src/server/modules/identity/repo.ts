import { and, asc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import type { ContactPreferences, ContactTimeWindow, Role, WeeklyShift } from '../../../shared/identity.js';
import {
  account,
  session,
  signInThrottle,
  staffProfile,
  twoFactorCodeUse,
  user,
  userProfile,
} from './schema.js';

export interface ActiveProfile {
  role: Role;
  memberId: string | null;
  employerId: string | null;
  timeZone: string;
  passwordChangeRequired: boolean;
  /** The owner followed the link that confirms their address (staff and the demo: vouched for). */
  emailVerified: boolean;
}

/** The profile of an account that is not disabled; `undefined` otherwise. */
export async function findActiveProfile(db: Queryable, userId: string): Promise<ActiveProfile | undefined> {
  const [row] = await db
    .select({
      role: userProfile.role,
      memberId: userProfile.memberId,
      employerId: userProfile.employerId,
      timeZone: userProfile.timeZone,
      passwordChangeRequired: userProfile.passwordChangeRequired,
      emailVerified: user.emailVerified,
    })
    .from(userProfile)
    .innerJoin(user, eq(user.id, userProfile.userId))
    .where(and(eq(userProfile.userId, userId), isNull(userProfile.disabledAt)));
  return row;
}

/**
 * An account's address and whether it is confirmed, its row locked until the transaction ends, so
 * that two requests for a new link are counted one after the other.
 */
export async function lockAccountEmail(tx: Queryable, userId: string) {
  const [row] = await tx
    .select({ email: user.email, emailVerified: user.emailVerified, memberId: userProfile.memberId })
    .from(user)
    .innerJoin(userProfile, eq(userProfile.userId, user.id))
    .where(and(eq(user.id, userId), isNull(userProfile.disabledAt)))
    .for('update', { of: user });
  return row;
}

/** Whether an account's address is confirmed; undefined for an account that does not exist. */
export async function emailVerifiedOf(db: Queryable, userId: string): Promise<boolean | undefined> {
  const [row] = await db.select({ emailVerified: user.emailVerified }).from(user).where(eq(user.id, userId));
  return row?.emailVerified;
}

export async function findMe(db: Queryable, userId: string) {
  const [row] = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      twoFactorEnabled: user.twoFactorEnabled,
      emailVerified: user.emailVerified,
      role: userProfile.role,
      memberId: userProfile.memberId,
      locale: userProfile.locale,
      timeZone: userProfile.timeZone,
      country: userProfile.country,
      preferredContactChannel: userProfile.preferredContactChannel,
      preferredContactWindows: userProfile.preferredContactWindows,
      phone: userProfile.phone,
      passwordChangeRequired: userProfile.passwordChangeRequired,
      version: userProfile.version,
    })
    .from(user)
    .innerJoin(userProfile, eq(userProfile.userId, user.id))
    .where(eq(user.id, userId));
  return row;
}

export async function emailIsTaken(db: Queryable, email: string): Promise<boolean> {
  return (await accountIdByEmail(db, email)) !== undefined;
}

export async function accountIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const rows = await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  return rows[0]?.id;
}

export interface NewAccount {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
  memberId: string | null;
  employerId?: string | null;
  locale: string;
  timeZone: string;
  country: string | null;
  createdBy: string | null;
  passwordChangeRequired?: boolean;
  /** True when the address is vouched for (staff created by operations, the demo). */
  emailVerified: boolean;
  now: Date;
}

/** The user, its password credential and its profile, written together. */
export async function insertAccount(tx: Queryable, input: NewAccount): Promise<void> {
  await tx.insert(user).values({
    id: input.id,
    name: input.name,
    email: input.email,
    emailVerified: input.emailVerified,
    createdAt: input.now,
    updatedAt: input.now,
  });
  await tx.insert(account).values({
    id: input.id,
    accountId: input.id,
    providerId: 'credential',
    userId: input.id,
    password: input.passwordHash,
    createdAt: input.now,
    updatedAt: input.now,
  });
  await tx.insert(userProfile).values({
    userId: input.id,
    role: input.role,
    memberId: input.memberId,
    employerId: input.employerId ?? null,
    locale: input.locale,
    timeZone: input.timeZone,
    country: input.country,
    createdBy: input.createdBy,
    passwordChangeRequired: input.passwordChangeRequired ?? false,
    createdAt: input.now,
    updatedAt: input.now,
  });
}

export async function insertStaffProfile(
  tx: Queryable,
  input: {
    userId: string;
    languages: string[];
    weeklyShifts: WeeklyShift[];
    maxOpenCases: number;
    now: Date;
  },
): Promise<void> {
  await tx.insert(staffProfile).values({ ...input, createdAt: input.now, updatedAt: input.now });
}

/** Compare-and-set on the profile's version; returns false when someone changed it first. */
export async function updateProfile(
  tx: Queryable,
  input: {
    userId: string;
    expectedVersion: number;
    now: Date;
    locale?: string;
    timeZone?: string;
    country?: string;
    preferredContactChannel?: ContactPreferences['channel'];
    preferredContactWindows?: ContactTimeWindow[];
    phone?: string | null;
  },
): Promise<boolean> {
  const { userId, expectedVersion, now, ...fields } = input;
  const updated = await tx
    .update(userProfile)
    .set({ ...fields, version: expectedVersion + 1, updatedAt: now })
    .where(and(eq(userProfile.userId, userId), eq(userProfile.version, expectedVersion)))
    .returning({ userId: userProfile.userId });
  return updated.length === 1;
}

export async function updateUserName(tx: Queryable, userId: string, name: string, now: Date): Promise<void> {
  await tx.update(user).set({ name, updatedAt: now }).where(eq(user.id, userId));
}

export async function setDisabled(
  tx: Queryable,
  input: { userId: string; disabledAt: Date | null; now: Date },
): Promise<boolean> {
  const { userId, disabledAt, now } = input;
  const updated = await tx
    .update(userProfile)
    .set({ disabledAt, updatedAt: now, version: sql`${userProfile.version} + 1` })
    .where(eq(userProfile.userId, userId))
    .returning({ userId: userProfile.userId });
  return updated.length === 1;
}

/** Marks an account as kept for trying the service out (or no longer); false when there is no such account. */
export async function setTestAccount(
  tx: Queryable,
  input: { userId: string; testAccount: boolean; now: Date },
): Promise<boolean> {
  const updated = await tx
    .update(userProfile)
    .set({ testAccount: input.testAccount, updatedAt: input.now, version: sql`${userProfile.version} + 1` })
    .where(eq(userProfile.userId, input.userId))
    .returning({ userId: userProfile.userId });
  return updated.length === 1;
}

/** Replaces the account's password (its credential's hash). */
export async function replacePassword(
  tx: Queryable,
  input: { userId: string; passwordHash: string; now: Date },
): Promise<void> {
  await tx
    .update(account)
    .set({ password: input.passwordHash, updatedAt: input.now })
    .where(and(eq(account.userId, input.userId), eq(account.providerId, 'credential')));
}

/** The account must choose its own password before anything else (it was given a temporary one). */
export async function requirePasswordChange(tx: Queryable, userId: string, now: Date): Promise<void> {
  await tx
    .update(userProfile)
    .set({ passwordChangeRequired: true, updatedAt: now })
    .where(eq(userProfile.userId, userId));
}

export async function deleteSessionsOf(tx: Queryable, userId: string): Promise<void> {
  await tx.delete(session).where(eq(session.userId, userId));
}

export async function findAccountForAdmin(db: Queryable, userId: string) {
  const [row] = await db
    .select({ userId: userProfile.userId, role: userProfile.role, disabledAt: userProfile.disabledAt })
    .from(userProfile)
    .where(eq(userProfile.userId, userId));
  return row;
}

export async function accountExistsForMember(db: Queryable, memberId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: userProfile.userId })
    .from(userProfile)
    .where(eq(userProfile.memberId, memberId))
    .limit(1);
  return rows.length > 0;
}

const staffColumns = {
  id: user.id,
  name: user.name,
  email: user.email,
  role: userProfile.role,
  twoFactorEnabled: user.twoFactorEnabled,
  disabled: userProfile.disabledAt,
  timeZone: userProfile.timeZone,
  languages: staffProfile.languages,
  weeklyShifts: staffProfile.weeklyShifts,
  maxOpenCases: staffProfile.maxOpenCases,
  version: userProfile.version,
};
export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

/** One staff account (never a member's), as operations see it. */
export async function findStaffMember(db: Queryable, userId: string): Promise<StaffRow | undefined> {
  const [row] = await db
    .select(staffColumns)
    .from(userProfile)
    .innerJoin(user, eq(user.id, userProfile.userId))
    .leftJoin(staffProfile, eq(staffProfile.userId, userProfile.userId))
    .where(and(eq(userProfile.userId, userId), ne(userProfile.role, 'member')));
  return row;
}

export async function updateStaffProfile(
  tx: Queryable,
  userId: string,
  fields: { languages?: string[]; weeklyShifts?: WeeklyShift[]; maxOpenCases?: number },
  now: Date,
): Promise<void> {
  await tx
    .insert(staffProfile)
    .values({ userId, ...fields, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: staffProfile.userId, set: { ...fields, updatedAt: now } });
}

export async function listStaff(db: Queryable, input: { limit: number; afterId?: string; role?: Role }) {
  return db
    .select(staffColumns)
    .from(userProfile)
    .innerJoin(user, eq(user.id, userProfile.userId))
    .leftJoin(staffProfile, eq(staffProfile.userId, userProfile.userId))
    .where(
      and(
        ne(userProfile.role, 'member'),
        input.role ? eq(userProfile.role, input.role) : undefined,
        input.afterId ? gt(userProfile.userId, input.afterId) : undefined,
      ),
    )
    .orderBy(asc(userProfile.userId))
    .limit(input.limit);
}

/** Active accounts with a role (for example every operations user, to alert them). */
export async function activeUserIdsWithRole(db: Queryable, role: Role): Promise<string[]> {
  const rows = await db
    .select({ userId: userProfile.userId })
    .from(userProfile)
    .where(and(eq(userProfile.role, role), isNull(userProfile.disabledAt)));
  return rows.map((row) => row.userId);
}

/** The names of every staff account, disabled or not (a former case manager is still named in a text). */
export async function staffNames(db: Queryable): Promise<string[]> {
  const rows = await db
    .select({ name: user.name })
    .from(user)
    .innerJoin(userProfile, eq(userProfile.userId, user.id))
    .where(ne(userProfile.role, 'member'));
  return rows.map((row) => row.name);
}

export async function displayNameOf(db: Queryable, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name;
}

/** The session still exists (not signed out), has not expired, and its account is not disabled. */
export async function sessionIsActive(
  db: Queryable,
  input: { sessionId: string; userId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .select({ id: session.id })
    .from(session)
    .innerJoin(userProfile, eq(userProfile.userId, session.userId))
    .where(
      and(
        eq(session.id, input.sessionId),
        eq(session.userId, input.userId),
        gt(session.expiresAt, input.now),
        isNull(userProfile.disabledAt),
      ),
    )
    .limit(1);
  return rows.length === 1;
}

export async function clearPasswordChangeRequired(tx: Queryable, userId: string, now: Date): Promise<void> {
  await tx
    .update(userProfile)
    .set({ passwordChangeRequired: false, updatedAt: now })
    .where(eq(userProfile.userId, userId));
}

/** How long a used authenticator code is remembered: longer than the verifier's window (±30 s). */
const CODE_MEMORY_MS = 5 * 60_000;

/**
 * Claims an authenticator code for an account: true the first time, false when it already opened
 * a session. Atomic (the primary key decides), so two sessions racing with one code get one.
 */
export async function claimTwoFactorCode(
  db: Queryable,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  await db
    .delete(twoFactorCodeUse)
    .where(
      and(
        eq(twoFactorCodeUse.userId, userId),
        lt(twoFactorCodeUse.usedAt, new Date(now.getTime() - CODE_MEMORY_MS)),
      ),
    );
  const claimed = await db
    .insert(twoFactorCodeUse)
    .values({ userId, code, usedAt: now })
    .onConflictDoNothing()
    .returning({ userId: twoFactorCodeUse.userId });
  return claimed.length === 1;
}

export async function deleteSessionByToken(db: Queryable, token: string): Promise<void> {
  await db.delete(session).where(eq(session.token, token));
}

/** Until when sign-ins for an address wait, if they do. */
export async function signInBlockedUntil(db: Queryable, key: string): Promise<Date | null> {
  const [row] = await db
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(eq(signInThrottle.key, key));
  return row?.blockedUntil ?? null;
}

/**
 * Counts a wrong password for an address (from one, after a quiet spell) and sets how long the next
 * attempt waits; returns the count.
 */
export async function recordSignInFailure(
  db: Queryable,
  input: { key: string; now: Date; quietMs: number; waitAfter: (failures: number) => number },
): Promise<number> {
  const quietSince = new Date(input.now.getTime() - input.quietMs);
  const [row] = await db
    .insert(signInThrottle)
    .values({ key: input.key, failures: 1, lastFailureAt: input.now, blockedUntil: null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`CASE WHEN ${signInThrottle.lastFailureAt} < ${quietSince} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
        lastFailureAt: input.now,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const failures = row?.failures ?? 1;
  const wait = input.waitAfter(failures);
  await db
    .update(signInThrottle)
    .set({ blockedUntil: wait > 0 ? new Date(input.now.getTime() + wait) : null })
    .where(eq(signInThrottle.key, input.key));
  return failures;
}

/** A right password: the count starts again. */
export async function clearSignInFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
