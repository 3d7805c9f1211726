import { APIError, createEmailVerificationToken } from 'better-auth/api';
import { z } from 'zod';
import type { EmailVerification } from '../../../shared/identity.js';
import type { Role } from '../../../shared/identity.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { enqueueNotification, notificationTimesFor } from '../notifications/index.js';
import type { Auth } from './auth.js';
import * as repo from './repo.js';

/**
 * A member confirms their e-mail address before their first case: a link by e-mail at sign-up and
 * whenever they ask again (limited), followed on a page of the web app. Staff and the demo's
 * addresses are vouched for when the account is made.
 */

/**
 * The account's owner as the one acting, when the request has no session (sign-up, the link):
 * they signed up or followed the link, so the event is theirs, not an access by someone else to
 * their file (the member's "who looked at my file" lists only others).
 */
function asOwner(
  ctx: RequestContext,
  owner: { userId: string; role: Role; memberId: string | null },
): RequestContext {
  if (ctx.actor) return ctx;
  const actor: Actor = {
    userId: owner.userId,
    role: owner.role,
    name: '',
    memberId: owner.memberId,
    employerId: null,
    timeZone: 'UTC',
    twoFactorEnabled: false,
    sessionId: '',
  };
  return { ...ctx, actor };
}

/** Between two links to confirm an address, and how many a day at most (the sign-up one included). */
export const VERIFICATION_LINK_WAIT_MS = 60_000;
export const VERIFICATION_LINKS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The link that confirms an account's address, by e-mail through the outbox, in the caller's
 * transaction. Better Auth makes the token (signed, naming the account and its address, expiring
 * after its `emailVerification.expiresIn`) and checks it when the link is followed.
 */
export async function sendVerificationLink(
  tx: Tx,
  ctx: RequestContext,
  auth: Auth,
  account: { userId: string; email: string; memberId: string | null },
): Promise<void> {
  const authContext = await auth.$context;
  const seconds = authContext.options.emailVerification?.expiresIn ?? 3600;
  const verificationToken = await createEmailVerificationToken(
    authContext.secret,
    account.email,
    undefined,
    seconds,
    { userId: account.userId },
  );
  await enqueueNotification(tx, ctx, {
    template: 'account.email_verification',
    recipientUserId: account.userId,
    params: { verificationToken, hours: Math.round(seconds / 3600) },
  });
  await recordAudit(
    tx,
    asOwner(ctx, { userId: account.userId, role: 'member', memberId: account.memberId }),
    { action: 'account.email_verification_sent', details: {} },
    {
      entityType: 'user',
      entityId: account.userId,
      subjectMemberId: account.memberId,
      purpose: 'security',
    },
  );
}

/** How long before another link may be sent, given when the last ones were (newest first). */
export function verificationLinkWaitMs(sentAt: Date[], now: Date): number {
  const afterLatest = sentAt[0] ? sentAt[0].getTime() + VERIFICATION_LINK_WAIT_MS - now.getTime() : 0;
  const oldestOfTheDay = sentAt[VERIFICATION_LINKS_PER_DAY - 1];
  const afterDay = oldestOfTheDay ? oldestOfTheDay.getTime() + DAY_MS - now.getTime() : 0;
  return Math.max(0, afterLatest, afterDay);
}

/**
 * "Send the link again": a new link to confirm the signed-in account's address, at most once a
 * minute and five times a day (counted in the outbox, so every instance sees the same count).
 */
export async function requestEmailVerification(ctx: RequestContext, auth: Auth): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const account = await repo.lockAccountEmail(tx, actor.userId);
    if (!account) throw notFound();
    if (account.emailVerified) throw new AppError('identity.email_already_verified');
    const now = ctx.clock.now();
    const sentAt = await notificationTimesFor(tx, {
      recipientUserId: actor.userId,
      template: 'account.email_verification',
      since: new Date(now.getTime() - DAY_MS),
    });
    const waitMs = verificationLinkWaitMs(sentAt, now);
    if (waitMs > 0) {
      throw new AppError('identity.email_verification_rate_limited', {
        headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
      });
    }
    await sendVerificationLink(tx, ctx, auth, {
      userId: actor.userId,
      email: account.email,
      memberId: account.memberId,
    });
  });
}

/**
 * The account a verification token names, read without checking it: used only to tell a link that
 * was already used from a good one, after Better Auth has checked the token.
 */
function claimedAccountOf(token: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    const parsed = z.object({ userId: z.uuid() }).safeParse(payload);
    return parsed.success ? parsed.data.userId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The owner of an address followed the link that confirms it. Better Auth checks the token (its
 * signature, its expiry, that it names this account and address) and marks the address confirmed.
 * A link whose address is confirmed already has been used: it says so, and changes nothing.
 */
export async function verifyEmailAddress(
  ctx: RequestContext,
  auth: Auth,
  input: EmailVerification,
): Promise<void> {
  const claimedUserId = claimedAccountOf(input.token);
  const confirmedBefore = claimedUserId ? await repo.emailVerifiedOf(ctx.db, claimedUserId) : undefined;
  try {
    await auth.api.verifyEmail({ query: { token: input.token } });
  } catch (error) {
    if (error instanceof APIError) {
      throw new AppError(
        error.body?.code === 'TOKEN_EXPIRED'
          ? 'identity.email_verification_link_expired'
          : 'identity.email_verification_link_invalid',
      );
    }
    throw error;
  }
  if (!claimedUserId) throw new AppError('identity.email_verification_link_invalid');
  if (confirmedBefore) throw new AppError('identity.email_verification_link_used');
  await ctx.db.transaction(async (tx) => {
    const profile = await repo.findMe(tx, claimedUserId);
    const owner = {
      userId: claimedUserId,
      role: profile?.role ?? 'member',
      memberId: profile?.memberId ?? null,
    };
    await recordAudit(
      tx,
      asOwner(ctx, owner),
      { action: 'account.email_verified', details: {} },
      {
        entityType: 'user',
        entityId: claimedUserId,
        subjectMemberId: profile?.memberId ?? null,
        purpose: 'security',
      },
    );
  });
}
