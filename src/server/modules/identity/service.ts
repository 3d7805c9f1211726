import { randomBytes } from 'node:crypto';
import { APIError } from 'better-auth/api';
import { v7 as uuidv7 } from 'uuid';
import type {
  Me,
  MemberRegistration,
  PasswordReset,
  PasswordResetRequest,
  ProfileUpdate,
  StaffAbsenceCreation,
  StaffCreation,
  StaffMemberDetail,
  StaffUpdate,
} from '../../../shared/identity.js';
import { formatPersonName } from '../../../shared/display.js';
import { productLocaleOf } from '../../../shared/locales.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requireE164 } from '../../platform/phone.js';
import { deleteAbsence, insertAbsence, upcomingAbsencesOf } from '../assignment/index.js';
import { recordAudit } from '../audit/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { findMemberByProof } from '../plans/index.js';
import { deskRecordForNewAccount, linkDeskAccount } from '../specialists/index.js';
import type { Auth } from './auth.js';
import { sendVerificationLink } from './email-verification.js';
import { identityPolicy } from './policy.js';
import { presentMe, presentStaff, presentStaffDetail } from './present.js';
import * as repo from './repo.js';

async function hashPassword(auth: Auth, password: string): Promise<string> {
  const authContext = await auth.$context;
  return authContext.password.hash(password);
}

export async function getMe(ctx: RequestContext): Promise<Me> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findMe(tx, actor.userId);
    if (!row) throw notFound();
    if (row.memberId) {
      await recordAudit(
        tx,
        ctx,
        { action: 'profile.read', details: {} },
        {
          entityType: 'user',
          entityId: actor.userId,
          subjectMemberId: row.memberId,
          purpose: 'self_service',
        },
      );
    }
    return presentMe(row);
  });
}

export async function updateMe(ctx: RequestContext, input: ProfileUpdate): Promise<Me> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { version, name, contactPreferences, phone, ...fields } = input;
    // A number without '+' is read for the country given with it, else the profile's own.
    const country = input.country ?? (phone ? (await repo.findMe(tx, actor.userId))?.country : null);
    const changed = await repo.updateProfile(tx, {
      userId: actor.userId,
      expectedVersion: version,
      now,
      ...fields,
      ...(phone !== undefined ? { phone: phone && requireE164(phone, country, 'body.phone') } : {}),
      ...(contactPreferences
        ? {
            preferredContactChannel: contactPreferences.channel,
            preferredContactWindows: contactPreferences.windows,
          }
        : {}),
    });
    const current = await repo.findMe(tx, actor.userId);
    if (!current) throw notFound();
    if (!changed) {
      throw new AppError('resource.version_conflict', { extensions: { current: presentMe(current) } });
    }
    if (name !== undefined) await repo.updateUserName(tx, actor.userId, name, now);
    await recordAudit(
      tx,
      ctx,
      {
        action: 'profile.updated',
        details: { fields: Object.keys(input).filter((key) => key !== 'version') },
      },
      {
        entityType: 'user',
        entityId: actor.userId,
        subjectMemberId: current.memberId,
        purpose: 'self_service',
      },
    );
    return presentMe({ ...current, name: name ?? current.name });
  });
}

/**
 * A member creates an account by proving who they are in the register: their membership (or
 * card) number and date of birth. A mismatch gets one generic answer that does not say which
 * part was wrong. The e-mail that welcomes them carries the link that confirms their address,
 * which they need before sending a case; the demo's addresses are vouched for instead.
 */
export async function registerMember(
  ctx: RequestContext,
  auth: Auth,
  input: MemberRegistration,
  options: { addressVouchedFor?: boolean } = {},
): Promise<{ userId: string }> {
  // Hash first, whatever happens next, so that a failed proof takes as long as a good one.
  const passwordHash = await hashPassword(auth, input.password);
  return ctx.db.transaction(async (tx) => {
    const member = await findMemberByProof(tx, input.membershipNumber, input.dateOfBirth);
    if (!member) throw new AppError('registration.membership_not_verified');
    if (await repo.accountExistsForMember(tx, member.id))
      throw new AppError('registration.already_registered');
    // An address that already has an account gets the answer of a success, so that sign-up tells
    // nobody who has an account (staff included); the address's owner is told by e-mail.
    const owner = await repo.accountIdByEmail(tx, input.email);
    if (owner) {
      await enqueueNotification(tx, ctx, {
        template: 'account.sign_up_attempted',
        recipientUserId: owner,
        params: {},
      });
      return { userId: uuidv7() };
    }
    const userId = uuidv7();
    await repo.insertAccount(tx, {
      id: userId,
      name: formatPersonName(member, input.locale),
      email: input.email,
      passwordHash,
      role: 'member',
      memberId: member.id,
      locale: input.locale,
      timeZone: input.timeZone,
      country: member.country,
      createdBy: null,
      emailVerified: options.addressVouchedFor === true,
      now: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      {
        ...ctx,
        actor: {
          userId,
          role: 'member',
          name: '',
          memberId: member.id,
          employerId: null,
          timeZone: input.timeZone,
          twoFactorEnabled: false,
          sessionId: '',
        },
      },
      { action: 'account.registered', details: { via: 'membership_proof' } },
      { entityType: 'user', entityId: userId, subjectMemberId: member.id, purpose: 'self_service' },
    );
    if (options.addressVouchedFor) {
      await enqueueNotification(tx, ctx, {
        template: 'account.welcome',
        recipientUserId: userId,
        params: {},
        dedupeKey: `account.welcome:${userId}`,
      });
    } else {
      await sendVerificationLink(tx, ctx, auth, { userId, email: input.email, memberId: member.id });
    }
    return { userId };
  });
}

/** A temporary password that the staff member replaces; shown once to the operator. */
function temporaryPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The first of a specialist's languages the product is written in (`pt-BR` counts as `pt`). */
const productLocaleAmong = (languages: string[]) =>
  languages.map(productLocaleOf).find((locale) => locale !== undefined);

/**
 * Operations create a staff account. A specialist's account is their desk: it is created for a
 * record of the network (`specialistId`), which it is linked to in the same transaction, and
 * takes that record's language and country unless others are given.
 */
export async function createStaff(
  ctx: RequestContext,
  auth: Auth,
  input: StaffCreation,
  options: { password?: string } = {},
): Promise<{ userId: string; temporaryPassword: string }> {
  const actor = ctx.actor;
  if (actor && !identityPolicy.createStaff(actor)) throw notFound();
  const password = options.password ?? temporaryPassword();
  // A generated password was shown to the operator: its owner must replace it before anything else.
  const passwordChangeRequired = options.password === undefined;
  const passwordHash = await hashPassword(auth, password);
  return ctx.db.transaction(async (tx) => {
    // The record first, locked: an unknown or already linked one is refused before anything is written.
    const record = input.specialistId ? await deskRecordForNewAccount(tx, input.specialistId) : undefined;
    if (await repo.emailIsTaken(tx, input.email)) throw new AppError('staff.email_taken');
    const userId = uuidv7();
    const now = ctx.clock.now();
    await repo.insertAccount(tx, {
      id: userId,
      name: input.name,
      email: input.email,
      passwordHash,
      role: input.role,
      memberId: null,
      employerId: input.employerId ?? null,
      locale: input.locale ?? productLocaleAmong(record?.languages ?? []) ?? 'en',
      timeZone: input.timeZone,
      country: input.country ?? record?.country ?? null,
      passwordChangeRequired,
      createdBy: actor?.userId ?? null,
      // Operations vouch for a staff member's address: they created the account for that person.
      emailVerified: true,
      now,
    });
    await repo.insertStaffProfile(tx, {
      userId,
      languages: input.languages ?? (record?.languages.length ? record.languages : ['en']),
      weeklyShifts: input.weeklyShifts,
      maxOpenCases: input.maxOpenCases,
      now,
    });
    if (record) await linkDeskAccount(tx, ctx, { specialistId: record.id, userId });
    await recordAudit(
      tx,
      ctx,
      {
        action: 'staff.created',
        details: { role: input.role, ...(record ? { specialistId: record.id } : {}) },
      },
      { entityType: 'user', entityId: userId, purpose: 'administration' },
    );
    // Only to someone who was given a temporary password: it says how to sign in, never the password.
    if (passwordChangeRequired) {
      await enqueueNotification(tx, ctx, {
        template: 'account.staff_welcome',
        recipientUserId: userId,
        params: {},
        dedupeKey: `account.staff_welcome:${userId}`,
      });
    }
    return { userId, temporaryPassword: password };
  });
}

/**
 * Operations give a staff member who lost their password a new temporary one, shown once to the
 * operator as at creation: every session of the staff member ends, and at their next sign-in they
 * give their authenticator code as always, then must choose their own password before anything
 * else. The temporary password alone never opens the account.
 */
export async function resetStaffPassword(
  ctx: RequestContext,
  auth: Auth,
  userId: string,
): Promise<{ temporaryPassword: string }> {
  const actor = actorOf(ctx);
  if (!identityPolicy.resetStaffPassword(actor, userId)) throw notFound();
  const password = temporaryPassword();
  const passwordHash = await hashPassword(auth, password);
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.findStaffMember(tx, userId))) throw notFound();
    const now = ctx.clock.now();
    await repo.replacePassword(tx, { userId, passwordHash, now });
    await repo.requirePasswordChange(tx, userId, now);
    await repo.deleteSessionsOf(tx, userId);
    await recordAudit(
      tx,
      ctx,
      { action: 'staff.password_reset', details: {} },
      { entityType: 'user', entityId: userId, purpose: 'administration' },
    );
    return { temporaryPassword: password };
  });
}

async function staffDetail(tx: Queryable, userId: string, now: Date): Promise<StaffMemberDetail> {
  const row = await repo.findStaffMember(tx, userId);
  if (!row) throw notFound();
  return presentStaffDetail(row, await upcomingAbsencesOf(tx, userId, now));
}

export async function getStaffMember(ctx: RequestContext, userId: string): Promise<StaffMemberDetail> {
  const actor = actorOf(ctx);
  if (!identityPolicy.manageStaff(actor)) throw notFound();
  return staffDetail(ctx.db, userId, ctx.clock.now());
}

/**
 * Takes the staff member's version (compare-and-set on their profile) for a change of their
 * working facts; a stale version gets 409 with the current record.
 */
async function claimStaffVersion(
  tx: Tx,
  ctx: RequestContext,
  userId: string,
  version: number,
  timeZone?: string,
): Promise<Date> {
  const now = ctx.clock.now();
  if (!(await repo.findStaffMember(tx, userId))) throw notFound();
  const changed = await repo.updateProfile(tx, { userId, expectedVersion: version, now, timeZone });
  if (!changed) {
    throw new AppError('resource.version_conflict', {
      extensions: { current: await staffDetail(tx, userId, now) },
    });
  }
  return now;
}

/** Operations change a staff member's name, time zone, languages, shifts or capacity. */
export async function updateStaff(
  ctx: RequestContext,
  userId: string,
  input: StaffUpdate,
): Promise<StaffMemberDetail> {
  const actor = actorOf(ctx);
  if (!identityPolicy.manageStaff(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const { version, name, timeZone, ...working } = input;
    const now = await claimStaffVersion(tx, ctx, userId, version, timeZone);
    if (name !== undefined) await repo.updateUserName(tx, userId, name, now);
    if (Object.keys(working).length > 0) await repo.updateStaffProfile(tx, userId, working, now);
    await recordAudit(
      tx,
      ctx,
      { action: 'staff.updated', details: { fields: Object.keys(input).filter((key) => key !== 'version') } },
      { entityType: 'user', entityId: userId, purpose: 'administration' },
    );
    return staffDetail(tx, userId, now);
  });
}

export async function addStaffAbsence(
  ctx: RequestContext,
  userId: string,
  input: StaffAbsenceCreation,
): Promise<StaffMemberDetail> {
  const actor = actorOf(ctx);
  if (!identityPolicy.manageStaff(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const now = await claimStaffVersion(tx, ctx, userId, input.version);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= now) throw new AppError('staff.absence_already_ended');
    await insertAbsence(tx, {
      id: uuidv7(),
      userId,
      startsAt: new Date(input.startsAt),
      endsAt,
      reason: input.reason ?? null,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'staff.absence_added', details: {} },
      { entityType: 'user', entityId: userId, purpose: 'administration' },
    );
    return staffDetail(tx, userId, now);
  });
}

export async function removeStaffAbsence(
  ctx: RequestContext,
  input: { userId: string; absenceId: string; version: number },
): Promise<StaffMemberDetail> {
  const actor = actorOf(ctx);
  if (!identityPolicy.manageStaff(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const now = await claimStaffVersion(tx, ctx, input.userId, input.version);
    if (!(await deleteAbsence(tx, input.userId, input.absenceId))) throw notFound();
    await recordAudit(
      tx,
      ctx,
      { action: 'staff.absence_removed', details: {} },
      { entityType: 'user', entityId: input.userId, purpose: 'administration' },
    );
    return staffDetail(tx, input.userId, now);
  });
}

export async function listStaff(
  ctx: RequestContext,
  input: { limit: number; cursor?: string; role?: StaffCreation['role'] },
) {
  const actor = actorOf(ctx);
  if (!identityPolicy.listStaff(actor)) throw notFound();
  const rows = await repo.listStaff(ctx.db, {
    limit: input.limit + 1,
    afterId: input.cursor,
    role: input.role,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(presentStaff),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Disabling ends every session at once; the account cannot sign in until reinstated. */
export async function changeAccountStatus(
  ctx: RequestContext,
  input: { userId: string; disabled: boolean },
): Promise<void> {
  const actor = actorOf(ctx);
  if (!identityPolicy.changeAccountStatus(actor, input.userId)) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const target = await repo.findAccountForAdmin(tx, input.userId);
    if (!target) throw notFound();
    const now = ctx.clock.now();
    await repo.setDisabled(tx, { userId: input.userId, disabledAt: input.disabled ? now : null, now });
    if (input.disabled) await repo.deleteSessionsOf(tx, input.userId);
    await recordAudit(
      tx,
      ctx,
      { action: input.disabled ? 'account.disabled' : 'account.enabled', details: {} },
      { entityType: 'user', entityId: input.userId, purpose: 'administration' },
    );
  });
}

/**
 * An operator marks an account as a test account (training, checks in production), or takes the
 * mark off: the account works as before, and what it does never counts in figures (the service's
 * rating). Run by the operator's command line, as the system.
 */
export async function markTestAccount(
  ctx: RequestContext,
  input: { email: string; testAccount: boolean },
): Promise<{ userId: string }> {
  return ctx.db.transaction(async (tx) => {
    const userId = await repo.accountIdByEmail(tx, input.email.toLowerCase());
    if (
      !userId ||
      !(await repo.setTestAccount(tx, { userId, testAccount: input.testAccount, now: ctx.clock.now() }))
    )
      throw notFound();
    await recordAudit(
      tx,
      ctx,
      { action: 'account.test_mark_changed', details: { testAccount: input.testAccount } },
      { entityType: 'user', entityId: userId, purpose: 'administration' },
    );
    return { userId };
  });
}

/**
 * The signed-in person replaces their password (Better Auth checks the current one and hashes the
 * new one); every other session of theirs ends. Clears a pending temporary password.
 */
export async function changePassword(
  ctx: RequestContext,
  auth: Auth,
  input: { currentPassword: string; newPassword: string; headers: Headers },
): Promise<{ setCookies: string[] }> {
  const actor = actorOf(ctx);
  let setCookies: string[];
  try {
    const result = await auth.api.changePassword({
      body: {
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        revokeOtherSessions: true,
      },
      headers: input.headers,
      returnHeaders: true,
    });
    setCookies = result.headers.getSetCookie();
  } catch (error) {
    if (error instanceof APIError && (error.status === 'BAD_REQUEST' || error.status === 'UNAUTHORIZED')) {
      throw new AppError('auth.invalid_credentials');
    }
    throw error;
  }
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await repo.clearPasswordChangeRequired(tx, actor.userId, now);
    const profile = await repo.findMe(tx, actor.userId);
    await recordAudit(
      tx,
      ctx,
      { action: 'account.password_changed', details: {} },
      {
        entityType: 'user',
        entityId: actor.userId,
        subjectMemberId: profile?.memberId ?? null,
        purpose: 'security',
      },
    );
  });
  return { setCookies };
}

/**
 * "Forgot your password?". Better Auth answers the same whether or not the address has an account
 * (and spends the same work on an unknown one); only the owner of an account gets an e-mail.
 */
export async function requestPasswordReset(auth: Auth, input: PasswordResetRequest): Promise<void> {
  await auth.api.requestPasswordReset({ body: { email: input.email } });
}

/**
 * Better Auth made a reset token for an account: the link goes to its owner through the outbox, in
 * their language. A disabled account gets nothing (it could not sign in anyway).
 */
export async function passwordResetRequested(
  ctx: RequestContext,
  input: { userId: string; token: string; minutes: number },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const profile = await repo.findActiveProfile(tx, input.userId);
    if (!profile) return;
    await enqueueNotification(tx, ctx, {
      template: 'account.password_reset',
      recipientUserId: input.userId,
      params: { resetToken: input.token, minutes: input.minutes },
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'account.password_reset_requested', details: {} },
      { entityType: 'user', entityId: input.userId, subjectMemberId: profile.memberId, purpose: 'security' },
    );
  });
}

/**
 * A new password through a reset link. Better Auth checks the token (single use, not expired),
 * hashes the password and ends every session of the account (`revokeSessionsOnPasswordReset`).
 */
export async function resetPassword(auth: Auth, input: PasswordReset): Promise<void> {
  try {
    await auth.api.resetPassword({ body: { token: input.token, newPassword: input.newPassword } });
  } catch (error) {
    if (error instanceof APIError && error.status === 'BAD_REQUEST')
      throw new AppError('auth.reset_link_invalid');
    throw error;
  }
}

/** After a reset: a pending temporary password is replaced too; audited. */
export async function passwordResetCompleted(ctx: RequestContext, userId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await repo.clearPasswordChangeRequired(tx, userId, ctx.clock.now());
    const profile = await repo.findMe(tx, userId);
    await recordAudit(
      tx,
      ctx,
      { action: 'account.password_reset', details: {} },
      {
        entityType: 'user',
        entityId: userId,
        subjectMemberId: profile?.memberId ?? null,
        purpose: 'security',
      },
    );
  });
}
