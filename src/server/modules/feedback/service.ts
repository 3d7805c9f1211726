import { v7 as uuidv7 } from 'uuid';
import type {
  ModerationDecision,
  ModerationQueue,
  ModerationStatus,
  MyServiceReview,
  PublishedReviews,
  RatingSummary,
  ReviewForModeration,
  ReviewLanguage,
  ServiceReviewDraft,
  ServiceReviewEdit,
} from '../../../shared/feedback.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { appPageWithHead } from '../../platform/web/serve.js';
import { recordAudit, type AuditRecord } from '../audit/index.js';
import {
  caseAuditRecord,
  caseForActor,
  findCase,
  findRecommendations,
  readCasePart,
} from '../cases/index.js';
import type { CaseRow } from '../cases/index.js';
import { staffNames } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { flagReview } from './flags.js';
import { feedbackPolicy } from './policy.js';
import {
  editableUntil,
  presentForModeration,
  presentMine,
  presentPublished,
  presentSummary,
} from './present.js';
import * as repo from './repo.js';
import { ratingJsonLd } from './structured-data.js';

const reviewEntity = (id: string) => ({ type: 'service_review', id });

/**
 * Recommendations were delivered: the account that asked for the opinion is invited to rate the
 * service. The e-mail carries the case number and nothing else; one per case, however often the
 * delivery is retried.
 */
export async function inviteToRate(tx: Tx, ctx: RequestContext, kase: CaseRow): Promise<void> {
  await enqueueNotification(tx, ctx, {
    template: 'feedback.invitation',
    recipientUserId: kase.requestedByUserId,
    params: { caseId: kase.id, caseNumber: kase.number },
    dedupeKey: `feedback.invitation:${kase.id}`,
  });
}

/** The member (or the guardian of a dependant) rates the service for a case once its recommendations are delivered. */
export async function writeReview(
  ctx: RequestContext,
  caseId: string,
  draft: ServiceReviewDraft,
  options: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; review: MyServiceReview }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    // Staff, strangers and other members are told there is no such case.
    const { kase } = await caseForActor(tx, actor, caseId, { lock: true, sees: feedbackPolicy.write });
    const id = uuidv7();
    const now = ctx.clock.now();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: options.idempotencyKey,
        requestHash: requestHash('service-review', caseId, draft),
        resourceId: id,
      },
      async (existingId) => {
        const existing = await repo.findByCase(tx, caseId);
        return existing?.id === existingId ? presentMine(existing, now) : undefined;
      },
    );
    if (retry) return { created: false, review: retry.replayed };
    const recommendations = await findRecommendations(tx, caseId);
    if (!recommendations?.deliveredAt) throw new AppError('service_review.not_open_yet');
    if (await repo.findByCase(tx, caseId)) throw new AppError('service_review.already_written');
    await repo.insertReview(tx, {
      id,
      caseId,
      memberId: kase.memberId,
      authorUserId: actor.userId,
      ...draft,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'service_review.written', details: {} },
      caseAuditRecord(actor, kase, reviewEntity(id)),
    );
    return { created: true, review: presentMine((await repo.findByCase(tx, caseId))!, now) };
  });
}

/** The member's review of a case, or null when there is none yet. */
export async function readMyReview(ctx: RequestContext, caseId: string): Promise<MyServiceReview | null> {
  return readCasePart(ctx, caseId, { sees: feedbackPolicy.write }, async (tx) => {
    const row = await repo.findByCase(tx, caseId);
    return {
      value: row ? presentMine(row, ctx.clock.now()) : null,
      audit: { action: 'service_review.read', details: {} },
      ...(row ? { entity: reviewEntity(row.id) } : {}),
    };
  });
}

/**
 * The member changes their review within 30 days of writing it: the new words go back to the
 * moderator (and off the public page until published again); the new stars count at once.
 */
export async function editReview(
  ctx: RequestContext,
  caseId: string,
  edit: ServiceReviewEdit,
): Promise<MyServiceReview> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, { lock: true, sees: feedbackPolicy.write });
    const row = await repo.lockByCase(tx, caseId);
    if (!row) throw notFound();
    // The words are their author's: a guardian does not rewrite what a dependant wrote, nor the other way.
    if (row.authorUserId !== actor.userId) throw new AppError('case.action_not_permitted');
    const now = ctx.clock.now();
    if (now >= editableUntil(row)) throw new AppError('service_review.edit_window_closed');
    if (row.version !== edit.version)
      throw new AppError('resource.version_conflict', { extensions: { current: presentMine(row, now) } });
    const { version, ...words } = edit;
    const updated = await repo.updateReview(tx, row.id, version, {
      ...words,
      status: 'pending',
      withheldReason: null,
      decidedByUserId: null,
      decidedAt: null,
      publishedAt: null,
      updatedAt: now,
    });
    if (!updated) throw new AppError('resource.version_conflict');
    await recordAudit(
      tx,
      ctx,
      { action: 'service_review.edited', details: {} },
      caseAuditRecord(actor, kase, reviewEntity(row.id)),
    );
    return presentMine(updated, now);
  });
}

/**
 * How moderators' and operations' work on reviews is recorded: as operations, naming the members
 * whose words were read (a queue page) or the one whose review was decided or answered.
 */
const queueRecord = (rows: { memberId: string }[]): AuditRecord => ({
  entityType: 'service_review',
  subjectMemberIds: [...new Set(rows.map((row) => row.memberId))],
  purpose: 'operations',
});
const reviewRecord = (row: { id: string; memberId: string }): AuditRecord => ({
  entityType: 'service_review',
  entityId: row.id,
  subjectMemberId: row.memberId,
  purpose: 'operations',
});

/** Reviews in one moderation state, oldest first, with their automatic flags; audited. */
export async function moderationQueue(
  ctx: RequestContext,
  query: { status: ModerationStatus; limit: number; cursor?: string },
): Promise<ModerationQueue> {
  const actor = actorOf(ctx);
  if (!feedbackPolicy.readForModeration(actor)) throw new AppError('auth.forbidden');
  const after = decodeCursor(query.cursor);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listByStatus(tx, { status: query.status, limit: query.limit + 1, after });
    const page = rows.slice(0, query.limit);
    const names = await staffNames(tx);
    const last = page.at(-1);
    if (page.length > 0)
      await recordAudit(
        tx,
        ctx,
        { action: 'service_review.queue_read', details: { count: page.length } },
        queueRecord(page),
      );
    return {
      items: page.map((row) => presentForModeration(row, flagReview(withLanguage(row), names))),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
    };
  });
}

const withLanguage = (row: repo.ReviewRow) => ({ ...row, language: row.language as ReviewLanguage });

/**
 * The moderator publishes a review's words or withholds them for a reason of the fixed list. A
 * decision is about one version of the words: made twice, or about words the member has changed
 * since, it is refused. The author is told the outcome by e-mail (never the words).
 */
export async function decide(
  ctx: RequestContext,
  reviewId: string,
  decision: ModerationDecision,
): Promise<ReviewForModeration> {
  const actor = actorOf(ctx);
  if (!feedbackPolicy.moderate(actor)) throw new AppError('auth.forbidden');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockById(tx, reviewId);
    if (!row) throw notFound();
    if (row.version !== decision.version) throw new AppError('service_review.stale');
    if (row.status !== 'pending') throw new AppError('service_review.already_decided');
    const now = ctx.clock.now();
    const published = decision.decision === 'publish';
    const updated = await repo.updateReview(tx, row.id, row.version, {
      status: published ? 'published' : 'withheld',
      withheldReason: published ? null : decision.reason,
      decidedByUserId: actor.userId,
      decidedAt: now,
      publishedAt: published ? now : null,
    });
    if (!updated) throw new AppError('service_review.stale');
    await recordAudit(
      tx,
      ctx,
      published
        ? { action: 'service_review.published', details: {} }
        : { action: 'service_review.withheld', details: { reason: decision.reason } },
      reviewRecord(row),
    );
    await notifyAuthor(tx, ctx, updated, published);
    return presentForModeration(updated, flagReview(withLanguage(updated), await staffNames(tx)));
  });
}

async function notifyAuthor(tx: Tx, ctx: RequestContext, row: repo.ReviewRow, published: boolean) {
  const kase = await findCase(tx, row.caseId);
  if (!kase) return;
  await enqueueNotification(tx, ctx, {
    template: published ? 'feedback.review_published' : 'feedback.review_withheld',
    recipientUserId: row.authorUserId,
    params: { caseId: kase.id, caseNumber: kase.number },
    // One e-mail per decision: a version is decided once.
    dedupeKey: `feedback.decision:${row.id}:${row.version}`,
  });
}

/** Operations reply publicly for the service (shown under the review once its words are published). */
export async function reply(
  ctx: RequestContext,
  reviewId: string,
  input: { text: string },
): Promise<ReviewForModeration> {
  const actor = actorOf(ctx);
  if (!feedbackPolicy.reply(actor)) throw new AppError('auth.forbidden');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockById(tx, reviewId);
    if (!row) throw notFound();
    const updated = await repo.updateReview(tx, row.id, row.version, {
      replyText: input.text,
      replyByUserId: actor.userId,
      replyAt: ctx.clock.now(),
    });
    if (!updated) throw new AppError('service_review.stale');
    await recordAudit(tx, ctx, { action: 'service_review.replied', details: {} }, reviewRecord(row));
    return presentForModeration(updated, flagReview(withLanguage(updated), await staffNames(tx)));
  });
}

/** The service's rating: every counting review's stars, published or not. Public. */
export async function ratingSummary(db: Queryable, scope: repo.RatingScope = {}): Promise<RatingSummary> {
  return presentSummary(await repo.starCounts(db, scope));
}

/** The published reviews for the public page, newest first. Public: published words only. */
export async function publishedReviews(
  db: Queryable,
  query: { language?: ReviewLanguage; stars?: number; limit: number; cursor?: string },
): Promise<PublishedReviews> {
  const before = decodeCursor(query.cursor);
  const rows = await repo.listPublished(db, { ...query, limit: query.limit + 1, before });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentPublished),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(last.publishedAt ?? last.updatedAt, last.id) : null,
  };
}

/** The app's page for the public reviews, with the rating as JSON-LD in its head; null without a build. */
export async function publicPage(db: Queryable, pageUrl: string): Promise<string | null> {
  const [summary, published] = await Promise.all([ratingSummary(db), repo.publishedCount(db)]);
  return appPageWithHead(ratingJsonLd(summary, published, pageUrl));
}
