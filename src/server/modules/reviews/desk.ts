import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type { DeskItem, DeskReview } from '../../../shared/reviews.js';
import type { CaseDocument } from '../../../shared/documents.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import { IntegrityError } from '../../platform/storage/envelope.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { isOpen } from '../cases/index.js';
import { activeSharingConsent, fileExtension, openContent } from '../documents/index.js';
import { takeReviewPlace } from '../specialists/index.js';
import { cancelOfferClocks, scheduleReviewClock } from './clocks.js';
import { hasOpenQuestion } from './followups-repo.js';
import { reviewsPolicy, type DeskAccess } from './policy.js';
import * as repo from './repo.js';
import { offerToNextCandidate } from './offers.js';
import { auditFor, presentOpinion } from './present.js';

const MINUTE = 60_000;

// The specialist's desk.

async function deskSpecialist(db: Queryable, actor: Actor) {
  if (!reviewsPolicy.desk(actor)) throw notFound();
  const specialist = await repo.specialistOfUser(db, actor.userId);
  if (!specialist) throw notFound();
  return specialist;
}

/**
 * Loads an offer of the signed-in specialist with what decides their access, locking the case,
 * the review and the offer (in that order) when the caller changes them. Anything they may not
 * see answers 404, the same as an offer that does not exist.
 */
export async function deskOffer(tx: Queryable, actor: Actor, offerId: string, lock: boolean) {
  const specialist = await deskSpecialist(tx, actor);
  const seen = await repo.findOffer(tx, offerId);
  if (!seen || seen.specialistId !== specialist.id)
    throw notFoundFor({
      entityType: 'review_offer',
      entityId: offerId,
      reason: seen ? 'not_found_for_actor' : 'no_such_record',
    });
  const kase = lock ? await cases.lockCase(tx, seen.caseId) : await cases.findCase(tx, seen.caseId);
  const review = await repo.findReview(tx, seen.reviewId, lock);
  const offer = lock ? await repo.findOffer(tx, offerId, true) : seen;
  if (!kase || !review || !offer) throw notFound();
  const consent = await activeSharingConsent(tx, kase.id);
  const access: DeskAccess = reviewsPolicy.deskAccess({
    offerStatus: offer.status,
    reviewStatus: review.status,
    caseOpen: isOpen(kase.status),
    consentInForce: consent !== null,
    followupOpen: offer.status === 'submitted' && (await hasOpenQuestion(tx, offer.id)),
  });
  if (access === 'none')
    throw notFoundFor({ entityType: 'review_offer', entityId: offerId, reason: 'not_found_for_actor' });
  return { specialist, kase, review, offer, consent, access };
}

type DeskContext = Awaited<ReturnType<typeof deskOffer>>;

/** The documents of the review the consent in force still covers. */
function sharedDocumentIds(desk: Pick<DeskContext, 'review' | 'consent' | 'access'>): string[] {
  if (desk.access !== 'full' || !desk.consent) return [];
  const covered = desk.consent.documentIds;
  return desk.review.documentIds.filter((id) => covered === null || covered.includes(id));
}

function presentDeskItem(offer: repo.OfferRow, caseNumber: string, questions: string[]): DeskItem {
  return {
    offerId: offer.id,
    caseNumber,
    status: offer.status,
    offeredAt: offer.offeredAt.toISOString(),
    expiresAt: offer.expiresAt.toISOString(),
    dueAt: offer.dueAt?.toISOString() ?? null,
    questionCount: questions.length,
  };
}

async function presentDesk(db: Queryable, desk: DeskContext): Promise<DeskReview> {
  const { offer, review, kase, specialist } = desk;
  const documents = await repo.documentsByIds(db, kase.id, sharedDocumentIds(desk));
  const opinions = await repo.opinionsOfOffer(db, offer.id);
  const showsCase = desk.access === 'summary' || desk.access === 'full';
  return {
    ...presentDeskItem(offer, kase.number, review.questions),
    access: desk.access,
    summary: showsCase ? review.summary : null,
    questions: showsCase ? review.questions : [],
    documents: documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      title: document.title,
      documentDate: document.documentDate,
      mediaType: document.mediaType,
      sizeBytes: document.sizeBytes,
    })),
    opinions: opinions.map((opinion) => presentOpinion({ opinion, specialist }, review.questions)),
    version: offer.version,
  };
}

/** The desk's list: open offers and the reviews in hand, and those done, newest first. */
export async function listDesk(ctx: RequestContext): Promise<{ items: DeskItem[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const specialist = await deskSpecialist(tx, actor);
    const rows = await repo.listDesk(tx, specialist.id, ['offered', 'accepted', 'submitted']);
    await recordAudit(
      tx,
      ctx,
      { action: 'review.offer_listed', details: { count: rows.length } },
      { entityType: 'review_offer_list', subjectMemberIds: rows.map((row) => row.memberId), purpose: 'care' },
    );
    return { items: rows.map((row) => presentDeskItem(row.offer, row.caseNumber, row.questions)) };
  });
}

export async function getDeskReview(ctx: RequestContext, offerId: string): Promise<DeskReview> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, false);
    const presented = await presentDesk(tx, desk);
    await recordAudit(
      tx,
      ctx,
      { action: 'review.offer_read', details: { documentCount: presented.documents.length } },
      auditFor(desk.kase, 'review_offer', offerId, 'care'),
    );
    return presented;
  });
}

function assertOfferVersion(desk: DeskContext, version: number, current: () => Promise<DeskReview>) {
  if (desk.offer.version === version) return Promise.resolve();
  return current().then((presented) => {
    throw new AppError('resource.version_conflict', { extensions: { current: presented } });
  });
}

/**
 * The specialist accepts: their review place is taken in the same transaction (one conditional
 * update, so two acceptances cannot take the last place twice), and the opinion is due.
 */
export async function acceptOffer(
  ctx: RequestContext,
  offerId: string,
  input: { version: number },
): Promise<DeskReview> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, true);
    await assertOfferVersion(desk, input.version, () => presentDesk(tx, desk));
    const now = ctx.clock.now();
    if (desk.offer.status !== 'offered' || desk.offer.expiresAt <= now)
      throw new AppError('review.offer_closed');
    if (!(await takeReviewPlace(tx, desk.specialist.id, now))) throw new AppError('review.no_capacity');
    const dueAt = new Date(now.getTime() + desk.review.dueWithinMinutes * MINUTE);
    await repo.moveOffer(tx, offerId, ['offered'], { status: 'accepted', respondedAt: now, dueAt });
    await cancelOfferClocks(tx, offerId, now, ['review_offer_expiry']);
    const remindAt = new Date(dueAt.getTime() - desk.review.reminderBeforeMinutes * MINUTE);
    if (remindAt > now) {
      await scheduleReviewClock(tx, {
        caseId: desk.kase.id,
        offerId,
        kind: 'review_due_reminder',
        dueAt: remindAt,
        now,
      });
    }
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: desk.kase.id,
      type: 'review_accepted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: true,
      data: { reviewId: desk.review.id, offerId, dueAt: dueAt.toISOString() },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.offer_accepted', details: {} },
      auditFor(desk.kase, 'review_offer', offerId, 'care'),
    );
    return presentDesk(tx, await deskOffer(tx, actor, offerId, false));
  });
}

export async function declineOffer(
  ctx: RequestContext,
  offerId: string,
  input: { version: number; reason?: string },
): Promise<{ offerId: string; status: 'declined' }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, true);
    await assertOfferVersion(desk, input.version, () => presentDesk(tx, desk));
    const now = ctx.clock.now();
    if (desk.offer.status !== 'offered' || desk.offer.expiresAt <= now)
      throw new AppError('review.offer_closed');
    await repo.moveOffer(tx, offerId, ['offered'], { status: 'declined', respondedAt: now, endedAt: now });
    await cancelOfferClocks(tx, offerId, now);
    // The reason is the specialist's own (workload, conflict of interest): staff read it.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: desk.kase.id,
      type: 'review_declined',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: true,
      reason: input.reason ?? null,
      data: { reviewId: desk.review.id, offerId },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.offer_declined', details: {} },
      auditFor(desk.kase, 'review_offer', offerId, 'care'),
    );
    await offerToNextCandidate(tx, { ...ctx, actor: null }, { review: desk.review, kase: desk.kase });
    return { offerId, status: 'declined' as const };
  });
}

export interface SharedContent {
  stream: Readable;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
}

/**
 * A shared document, for the viewer: only one the review shares and the consent in force covers,
 * while the specialist holds the review; anything else answers 404. Audited before a byte leaves.
 */
export async function openSharedDocument(
  ctx: RequestContext,
  config: Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey'>,
  offerId: string,
  documentId: string,
): Promise<SharedContent> {
  const actor = actorOf(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, false);
    if (!sharedDocumentIds(desk).includes(documentId))
      throw notFoundFor({ entityType: 'document', entityId: documentId, reason: 'not_found_for_actor' });
    const [document] = await repo.documentsByIds(tx, desk.kase.id, [documentId]);
    if (!document) throw notFound();
    await recordAudit(
      tx,
      ctx,
      { action: 'review.document_downloaded', details: {} },
      auditFor(desk.kase, 'case_document', documentId, 'care'),
    );
    return document;
  });
  let stream: Readable;
  try {
    stream = await openContent(config, row);
  } catch (error) {
    if (error instanceof IntegrityError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      ctx.log.error(
        { alarm: 'document_integrity', caseId: row.caseId, documentId, reason: (error as Error).message },
        'a stored document failed its integrity check',
      );
      throw new AppError('document.unavailable');
    }
    throw error;
  }
  const mediaType = row.mediaType as CaseDocument['mediaType'];
  return {
    stream,
    mediaType: mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : mediaType,
    sizeBytes: row.sizeBytes,
    fileName: `document-${row.id}.${fileExtension[mediaType] ?? 'bin'}`,
  };
}
