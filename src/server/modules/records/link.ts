import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { cancelClocksOf, scheduleClock } from '../sla/index.js';
import * as repo from './repo.js';

/*
 * A provider's link: 32 random bytes, base64url (43 characters), of which only the SHA-256 is
 * kept. The link names its request; the token proves the holder got it from the e-mail.
 */

export const newLinkToken = (): string => randomBytes(32).toString('base64url');
export const hashLinkToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
/** What a token looks like: anything else is refused before the database is asked. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const DAY = 86_400_000;
/** Reminders to the provider, counted from the e-mail with the link. */
export const REMINDER_DAYS = [3, 7] as const;
export const recordsClockKinds = [
  'provider_reminder_3',
  'provider_reminder_7',
  'provider_request_overdue',
] as const;
export type RecordsClockKind = (typeof recordsClockKinds)[number];

/** The end (UTC) of the last day a release covers. */
export const endOfReleaseDay = (validUntil: string): Date => new Date(`${validUntil}T23:59:59.999Z`);

/**
 * Authorises a request under a release and sends the provider their link, in the caller's
 * transaction: the token's hash is stored, the e-mail (in the provider's language, nothing about
 * the patient) goes to the outbox, and the reminders and the overdue clock are scheduled.
 */
export async function authoriseAndSend(
  tx: Tx,
  ctx: RequestContext,
  input: {
    request: repo.RequestRow;
    release: repo.ReleaseRow;
    provider: repo.ProviderRow;
    linkMs: number;
  },
): Promise<void> {
  const { request, release, provider } = input;
  const now = ctx.clock.now();
  const token = newLinkToken();
  const expiresAt = new Date(
    Math.min(now.getTime() + input.linkMs, endOfReleaseDay(release.validUntil).getTime()),
  );
  await repo.updateRequest(tx, request.id, {
    releaseId: release.id,
    authorisedAt: now,
    sentAt: now,
    tokenHash: hashLinkToken(token),
    expiresAt,
  });
  await enqueueNotification(tx, ctx, {
    template: 'records.provider_request',
    recipientAddress: provider.email,
    locale: provider.language,
    params: { providerRequestId: request.id, linkToken: token, expiresAt: expiresAt.toISOString() },
    dedupeKey: `records.provider_request:${request.id}`,
  });
  for (const days of REMINDER_DAYS) {
    const dueAt = new Date(now.getTime() + days * DAY);
    if (dueAt >= expiresAt) continue;
    await scheduleClock(tx, {
      caseId: request.caseId,
      subjectId: request.id,
      kind: `provider_reminder_${days}`,
      dueAt,
      now,
    });
  }
  await scheduleClock(tx, {
    caseId: request.caseId,
    subjectId: request.id,
    kind: 'provider_request_overdue',
    dueAt: expiresAt,
    now,
  });
}

/** Stops a request's reminders and overdue clock (it was answered, withdrawn or revoked). */
export async function stopRequestClocks(tx: Tx, requestId: string, now: Date): Promise<void> {
  await cancelClocksOf(tx, requestId, recordsClockKinds, now);
}
