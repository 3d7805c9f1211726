import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import type {
  DeskItem,
  DeskReview,
  Opinion,
  OpinionRating,
  OpinionRatingCreation,
  OpinionSubmission,
  Review,
  ReviewOutcomes,
  ReviewRequestCreation,
} from '../../../shared/reviews.js';

type ReviewRequestInput = z.output<typeof ReviewRequestCreation>;
type OpinionInput = z.output<typeof OpinionSubmission>;
type RatingInput = z.output<typeof OpinionRatingCreation>;
import type { CaseDocument } from '../../../shared/documents.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { IntegrityError } from '../../platform/storage/envelope.js';
import { recordAudit } from '../audit/service.js';
import { isOpen } from '../cases/lifecycle.js';
import * as cases from '../cases/repo.js';
import { assertVersion, caseForActor, transition } from '../cases/service.js';
import { activeSharingConsent } from '../documents/service.js';
import { openContent } from '../documents/store.js';
import { fileExtension } from '../documents/sniff.js';
import { enqueueNotification } from '../notifications/service.js';
import { releaseReviewPlace, takeReviewPlace } from '../specialists/capacity.js';
import { locateCity } from '../specialists/cities.js';
import { findOfferableMatches as findMatches } from '../specialists/candidate-retrieval.js';
import { firstOpinionConflict, resolveWanted } from '../specialists/matching.js';
import { cancelOfferClocks, scheduleReviewClock } from './clocks.js';
import { summariseOutcomes } from './outcomes.js';
import { reviewsPolicy, type DeskAccess } from './policy.js';
import * as repo from './repo.js';

export type ReviewSettings = Config['review'];

const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// Presenters.

type OpinionWithAuthor = {
  opinion: repo.OpinionRow;
  specialist: { id: string; name: string; title: string | null };
};

function presentOpinion(row: OpinionWithAuthor, questions: string[]): Opinion {
  const { opinion } = row;
  return {
    id: opinion.id,
    offerId: opinion.offerId,
    specialist: row.specialist,
    version: opinion.version,
    diagnosis: { verdict: opinion.diagnosisVerdict, proposedCode: opinion.proposedDiagnosisCode },
    treatment: { verdict: opinion.treatmentVerdict },
    furtherTests: opinion.furtherTests,
    answers: opinion.answers.map((answer, index) => ({ question: questions[index] ?? '', answer })),
    narrative: opinion.narrative,
    references: opinion.references,
    correctionReason: opinion.correctionReason,
    submittedAt: opinion.submittedAt.toISOString(),
  };
}

function presentRating(row: repo.RatingRow): OpinionRating {
  return {
    id: row.id,
    offerId: row.offerId,
    score: row.score,
    comment: row.comment,
    ratedByUserId: row.ratedByUserId,
    opinionVersion: row.opinionVersion,
    ratedAt: row.updatedAt.toISOString(),
  };
}

export async function presentReview(db: Queryable, row: repo.ReviewRow): Promise<Review> {
  const offers = await repo.listOffersOfReview(db, row.id);
  const declineReasons = await repo.declineReasonsOfReview(db, row.caseId, row.id);
  const opinions = await repo.latestOpinionsOfReview(db, row.id);
  const ratings = await repo.ratingsOfReview(db, row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    status: row.status,
    summary: row.summary,
    questions: row.questions,
    documentIds: row.documentIds,
    panelSize: row.panelSize,
    offerNextOnDecline: row.offerNextOnDecline,
    candidatesLeft: row.candidateIds.length,
    offers: offers.map(({ offer, specialist }) => ({
      id: offer.id,
      specialist,
      status: offer.status,
      offeredAt: offer.offeredAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
      respondedAt: offer.respondedAt?.toISOString() ?? null,
      declineReason: offer.status === 'declined' ? (declineReasons.get(offer.id) ?? null) : null,
      dueAt: offer.dueAt?.toISOString() ?? null,
      submittedAt: offer.submittedAt?.toISOString() ?? null,
      endedAt: offer.endedAt?.toISOString() ?? null,
    })),
    opinions: opinions.map((item) => presentOpinion(item, row.questions)),
    ratings: ratings.map(presentRating),
    reportDocumentId: row.reportDocumentId,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

const auditFor = (
  kase: cases.CaseRow,
  entityType: string,
  entityId: string,
  purpose: 'care' | 'operations',
) => ({
  entityType,
  entityId,
  subjectMemberId: kase.memberId,
  purpose,
});

// ---------------------------------------------------------------------------------------------
// Offers: made, answered, lapsed.

/** The specialist's review places are counted in the network; an offer needs one free. */
const hasRoom = (s: { acceptsReviews: boolean; activeReviews: number; weeklyCapacity: number }) =>
  s.acceptsReviews && s.activeReviews < s.weeklyCapacity;

/** Whether a specialist is the doctor, or works at the institution, that gave the first opinion. */
const gaveFirstOpinion = (
  kase: cases.CaseRow,
  candidate: { nameKey: string; institutionKey: string | null },
) =>
  firstOpinionConflict(candidate, {
    doctorName: kase.firstOpinionDoctor,
    institution: kase.firstOpinionInstitution,
  }) !== null;

async function makeOffer(
  tx: Tx,
  ctx: RequestContext,
  input: { review: repo.ReviewRow; kase: cases.CaseRow; specialistId: string; userId: string; next: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  const offerId = uuidv7();
  const expiresAt = new Date(now.getTime() + input.review.offerWindowMinutes * MINUTE);
  await repo.insertOffer(tx, {
    id: offerId,
    reviewId: input.review.id,
    caseId: input.kase.id,
    specialistId: input.specialistId,
    status: 'offered',
    offeredAt: now,
    expiresAt,
  });
  await scheduleReviewClock(tx, {
    caseId: input.kase.id,
    offerId,
    kind: 'review_offer_expiry',
    dueAt: expiresAt,
    now,
  });
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: input.kase.id,
    type: 'review_offered',
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    staffOnly: true,
    data: { reviewId: input.review.id, offerId, specialistId: input.specialistId, next: input.next },
    occurredAt: now,
  });
  await enqueueNotification(tx, ctx, {
    template: 'review.offered',
    recipientUserId: input.userId,
    params: { offerId, caseNumber: input.kase.number, expiresAt: expiresAt.toISOString() },
    dedupeKey: `review.offered:${offerId}`,
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offered', details: { specialistId: input.specialistId, next: input.next } },
    auditFor(input.kase, 'review_offer', offerId, 'care'),
  );
}

/**
 * After a decline or an expiry: the next ranked candidate who takes reviews, has room and a desk
 * account gets the offer, when the case manager asked for it; otherwise the case manager is told.
 */
export async function offerToNextCandidate(
  tx: Tx,
  ctx: RequestContext,
  input: { review: repo.ReviewRow; kase: cases.CaseRow },
): Promise<void> {
  const { review, kase } = input;
  const now = ctx.clock.now();
  if (review.status === 'open' && review.offerNextOnDecline && review.candidateIds.length > 0) {
    const onReview = new Set(
      (await repo.listOffersOfReview(tx, review.id)).map(({ offer }) => offer.specialistId),
    );
    const candidates = new Map((await repo.findSpecialists(tx, review.candidateIds)).map((s) => [s.id, s]));
    const remaining = [...review.candidateIds];
    while (remaining.length > 0) {
      const id = remaining.shift() as string;
      const candidate = candidates.get(id);
      if (!candidate?.userId || onReview.has(id) || !hasRoom(candidate)) continue;
      await repo.updateReview(tx, review.id, { candidateIds: remaining, updatedAt: now });
      await makeOffer(tx, ctx, {
        review: { ...review, candidateIds: remaining },
        kase,
        specialistId: id,
        userId: candidate.userId,
        next: true,
      });
      return;
    }
    await repo.updateReview(tx, review.id, { candidateIds: [], updatedAt: now });
  }
  if (review.status !== 'open') return;
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'review_offer_lapsed',
    actorRole: 'system',
    staffOnly: true,
    data: { reviewId: review.id },
    occurredAt: now,
  });
  if (kase.caseManagerUserId) {
    await enqueueNotification(tx, ctx, {
      template: 'review.offer_lapsed',
      recipientUserId: kase.caseManagerUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
      dedupeKey: `review.offer_lapsed:${review.id}:${now.getTime()}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The request.

/** The network's ranked matches for the case, as its matching ranks them for the case manager. */
async function matchedCandidates(
  tx: Queryable,
  kase: cases.CaseRow,
  match: NonNullable<ReviewRequestInput['candidatesFromMatching']>,
): Promise<string[]> {
  const wanted = resolveWanted(match.specialty ?? [], match.condition);
  if (wanted.exact.length + wanted.specialty.length + wanted.related.length === 0) {
    throw new AppError('specialist_match.unknown_condition');
  }
  const place = locateCity(kase.locationCountry, kase.locationCity);
  const { matches } = await findMatches(
    tx,
    {
      wanted,
      languages: [kase.preferredLanguage],
      memberCountry: kase.locationCountry,
      regions: [],
      urgency: 'routine',
      origin: place ? { latitude: place.latitude, longitude: place.longitude } : null,
      firstOpinion: { doctorName: kase.firstOpinionDoctor, institution: kase.firstOpinionInstitution },
      includeFull: false,
    },
    match.limit,
  );
  return matches.map((entry) => entry.specialist.id);
}

function problemsAt(path: string, ids: string[], message: string) {
  return ids.map((id) => ({ path: `${path}`, code: 'invalid', message: `${message}: ${id}` }));
}

/**
 * The case manager (or operations) asks for a specialist review: the panel is offered it at once,
 * the chosen documents are shared within the member's consent, and the case moves to
 * `under_review` through the lifecycle table.
 */
export async function requestReview(
  ctx: RequestContext,
  caseId: string,
  input: ReviewRequestInput,
  settings: ReviewSettings,
): Promise<Review> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (!reviewsPolicy.manage(relation)) throw new AppError('case.action_not_permitted');
    await assertVersion(tx, kase, input.version);
    if (await repo.findOpenReviewOfCase(tx, caseId)) throw new AppError('review.already_open');
    if (kase.status !== 'contacted' && kase.status !== 'gathering_information') {
      throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
    }

    const panelIds = input.specialistIds;
    const given = input.candidateIds.filter((id) => !panelIds.includes(id));
    const matched = input.candidatesFromMatching
      ? (await matchedCandidates(tx, kase, input.candidatesFromMatching)).filter(
          (id) => !panelIds.includes(id) && !given.includes(id),
        )
      : [];
    const candidateIds = [...given, ...matched];
    const found = new Map(
      (await repo.findSpecialists(tx, [...panelIds, ...candidateIds])).map((s) => [s.id, s]),
    );
    const unknownPanel = panelIds.filter((id) => !found.get(id)?.userId);
    const unknownCandidates = given.filter((id) => !found.has(id));
    if (unknownPanel.length > 0 || unknownCandidates.length > 0) {
      throw new AppError('review.specialist_unknown', {
        errors: [
          ...problemsAt('body.specialistIds', unknownPanel, 'not a specialist with a review desk'),
          ...problemsAt('body.candidateIds', unknownCandidates, 'not a specialist of the network'),
        ],
      });
    }
    const conflicted = [...panelIds, ...given].filter((id) => gaveFirstOpinion(kase, found.get(id)!));
    if (conflicted.length > 0) {
      throw new AppError('review.first_opinion_conflict', { extensions: { specialistIds: conflicted } });
    }
    const full = panelIds.filter((id) => !hasRoom(found.get(id)!));
    if (full.length > 0) throw new AppError('review.no_capacity', { extensions: { specialistIds: full } });

    const known = new Set((await repo.documentsByIds(tx, caseId, input.documentIds)).map((d) => d.id));
    const unknownDocuments = input.documentIds.filter((id) => !known.has(id));
    if (unknownDocuments.length > 0) {
      throw new AppError('review.document_unknown', {
        errors: problemsAt('body.documentIds', unknownDocuments, 'not a document of this case'),
      });
    }
    const consent = await activeSharingConsent(tx, caseId);
    const outsideConsent = consent?.documentIds
      ? input.documentIds.filter((id) => !consent.documentIds!.includes(id))
      : [];
    if (!consent || outsideConsent.length > 0) {
      throw new AppError('review.consent_missing', {
        errors: problemsAt('body.documentIds', outsideConsent, 'not covered by the consent in force'),
      });
    }

    const now = ctx.clock.now();
    const questions = input.questions ?? kase.questions;
    const reviewId = uuidv7();
    const row: repo.ReviewRow = {
      id: reviewId,
      caseId,
      requestedByUserId: actor.userId,
      summary: input.summary,
      questions,
      documentIds: input.documentIds,
      panelSize: panelIds.length,
      offerWindowMinutes: Math.round(settings.offerWindowMs / MINUTE),
      dueWithinMinutes: Math.round(settings.dueMs / MINUTE),
      reminderBeforeMinutes: Math.round(settings.reminderBeforeMs / MINUTE),
      candidateIds,
      offerNextOnDecline: input.offerNextOnDecline,
      status: 'open',
      reportDocumentId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      endedAt: null,
    };
    await repo.insertReview(tx, row);
    await transition(tx, ctx, {
      kase,
      event: 'request_review',
      relation,
      data: { reviewId, panelSize: panelIds.length, documentCount: input.documentIds.length },
    });
    for (const id of panelIds) {
      await makeOffer(tx, ctx, {
        review: row,
        kase,
        specialistId: id,
        userId: found.get(id)!.userId!,
        next: false,
      });
    }
    await recordAudit(
      tx,
      ctx,
      {
        action: 'review.requested',
        details: {
          panelSize: panelIds.length,
          documentCount: input.documentIds.length,
          candidates: candidateIds.length,
        },
      },
      auditFor(kase, 'review', reviewId, relation === 'operations' ? 'operations' : 'care'),
    );
    return presentReview(tx, (await repo.findReview(tx, reviewId))!);
  });
}

/** Offers that hold one of the panel's places: waiting for an answer, accepted, or answered with an opinion. */
const holdsPanelPlace = (status: string) =>
  status === 'offered' || status === 'accepted' || status === 'submitted';

/**
 * The case manager offers an open review to one more specialist: when an offer was declined or
 * lapsed and no candidate was left to take it, the panel is short of an opinion until someone
 * else is asked. Refused while every place of the panel is held, to a specialist who already
 * holds or declined an offer of this review, to one without room or without a desk, and to the
 * doctor or institution that gave the first opinion.
 */
export async function offerReviewTo(
  ctx: RequestContext,
  caseId: string,
  reviewId: string,
  input: { specialistId: string },
): Promise<Review> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (!reviewsPolicy.manage(relation)) throw new AppError('case.action_not_permitted');
    const review = await repo.findReview(tx, reviewId, true);
    if (!review || review.caseId !== caseId) throw notFound();
    if (review.status !== 'open')
      throw new AppError('review.not_open', { extensions: { status: review.status } });
    const offers = await repo.listOffersOfReview(tx, review.id);
    if (offers.filter(({ offer }) => holdsPanelPlace(offer.status)).length >= review.panelSize) {
      throw new AppError('review.panel_full');
    }
    const earlier = offers.find(({ offer }) => offer.specialistId === input.specialistId);
    if (earlier && (holdsPanelPlace(earlier.offer.status) || earlier.offer.status === 'declined')) {
      throw new AppError('review.already_offered', { extensions: { offerStatus: earlier.offer.status } });
    }
    const [candidate] = await repo.findSpecialists(tx, [input.specialistId]);
    if (!candidate?.userId) {
      throw new AppError('review.specialist_unknown', {
        errors: problemsAt('body.specialistId', [input.specialistId], 'not a specialist with a review desk'),
      });
    }
    if (gaveFirstOpinion(kase, candidate)) throw new AppError('review.first_opinion_conflict');
    if (!hasRoom(candidate))
      throw new AppError('review.no_capacity', { extensions: { specialistIds: [candidate.id] } });
    const now = ctx.clock.now();
    await repo.updateReview(tx, review.id, {
      candidateIds: review.candidateIds.filter((id) => id !== candidate.id),
      updatedAt: now,
    });
    await makeOffer(tx, ctx, {
      review,
      kase,
      specialistId: candidate.id,
      userId: candidate.userId,
      next: false,
    });
    return presentReview(tx, (await repo.findReview(tx, review.id))!);
  });
}

/** The reviews of a case, newest first, for its case manager and operations. */
export async function listReviews(ctx: RequestContext, caseId: string): Promise<{ items: Review[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, false);
    // A former case manager and the member do not read the specialists' working file here.
    if (!reviewsPolicy.manage(relation)) throw notFound();
    const rows = await repo.listReviewsOfCase(tx, caseId);
    await recordAudit(
      tx,
      ctx,
      { action: 'review.read', details: { count: rows.length } },
      auditFor(kase, 'review_list', caseId, relation === 'operations' ? 'operations' : 'care'),
    );
    const items: Review[] = [];
    for (const row of rows) items.push(await presentReview(tx, row));
    return { items };
  });
}

/**
 * The case manager of the case (or operations) rates a panel member's opinion, 1 to 5 with an
 * optional comment. One rating per rater and opinion: rating it again replaces the earlier one
 * (`created` false). The specialist's rating average and count are taken again in the same
 * transaction, and the rating is audited; the comment stays out of the audit row.
 */
export async function rateOpinion(
  ctx: RequestContext,
  caseId: string,
  reviewId: string,
  input: RatingInput,
): Promise<{ created: boolean; rating: OpinionRating }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, false);
    if (!reviewsPolicy.rate(relation)) throw notFound();
    const review = await repo.findReview(tx, reviewId);
    if (!review || review.caseId !== caseId) throw notFound();
    const offer = await repo.findOffer(tx, input.offerId);
    if (!offer || offer.reviewId !== review.id) throw notFound();
    const latest = (await repo.opinionsOfOffer(tx, offer.id)).at(-1);
    if (!latest) throw new AppError('review.opinion_not_submitted');

    const now = ctx.clock.now();
    await repo.lockSpecialist(tx, offer.specialistId);
    const { rating, created } = await repo.upsertRating(tx, {
      id: uuidv7(),
      offerId: offer.id,
      reviewId: review.id,
      caseId: kase.id,
      specialistId: offer.specialistId,
      ratedByUserId: actor.userId,
      score: input.score,
      comment: input.comment ? input.comment : null,
      opinionVersion: latest.version,
      createdAt: now,
      updatedAt: now,
    });
    await repo.refreshRatings(tx, offer.specialistId, now);
    await recordAudit(
      tx,
      ctx,
      { action: 'review.opinion_rated', details: { score: input.score, replaced: !created } },
      auditFor(kase, 'review_rating', rating.id, relation === 'operations' ? 'operations' : 'care'),
    );
    return { created, rating: presentRating(rating) };
  });
}

// ---------------------------------------------------------------------------------------------
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
async function deskOffer(tx: Queryable, actor: Actor, offerId: string, lock: boolean) {
  const specialist = await deskSpecialist(tx, actor);
  const seen = await repo.findOffer(tx, offerId);
  if (!seen || seen.specialistId !== specialist.id) throw notFound();
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
  });
  if (access === 'none') throw notFound();
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
  config: Pick<Config, 'dataDir' | 'documentMasterKey'>,
  offerId: string,
  documentId: string,
): Promise<SharedContent> {
  const actor = actorOf(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, false);
    if (!sharedDocumentIds(desk).includes(documentId)) throw notFound();
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

// ---------------------------------------------------------------------------------------------
// The opinion.

const contentHash = (input: OpinionInput) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * The specialist submits their opinion (version 1), or corrects it (the next version, with a
 * reason). Submitted versions never change. A retry of the same request (the same Idempotency-Key)
 * returns the one on file; the same version sent again with the same content is a second
 * submission, refused (409 `review.opinion_already_submitted`), and with other content a stale
 * write (409 `resource.version_conflict`). When the panel's last opinion is in, the case moves to
 * `opinion_ready`.
 */
export async function submitOpinion(
  ctx: RequestContext,
  offerId: string,
  input: OpinionInput,
  options: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; opinion: Opinion }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, true);
    const { review, kase, offer, specialist } = desk;
    const hash = contentHash(input);
    const opinionId = uuidv7();
    const present = (row: repo.OpinionRow) => presentOpinion({ opinion: row, specialist }, review.questions);

    if (options.idempotencyKey) {
      const claim = await cases.claimIdempotencyKey(tx, {
        userId: actor.userId,
        key: options.idempotencyKey,
        requestHash: hash,
        resourceId: opinionId,
      });
      if (!claim.claimed) {
        if (claim.requestHash !== hash) throw new AppError('idempotency.key_reused');
        const existing = await repo.findOpinion(tx, claim.resourceId);
        if (!existing || existing.offerId !== offerId) throw notFound();
        return { created: false, opinion: present(existing) };
      }
    }

    const versions = await repo.opinionsOfOffer(tx, offerId);
    const latest = versions.at(-1);
    const same = versions.find((row) => row.version === input.version);
    if (same && same.contentHash === hash) {
      throw new AppError('review.opinion_already_submitted', {
        extensions: { current: present(latest ?? same) },
      });
    }
    if (input.version !== (latest?.version ?? 0) + 1) {
      throw new AppError('resource.version_conflict', {
        extensions: { current: latest ? present(latest) : null },
      });
    }
    const correction = input.version > 1;
    if (!correction && offer.status !== 'accepted') throw new AppError('review.not_accepted');
    if (correction) {
      if (!input.correctionReason) throw new AppError('review.correction_reason_required');
      if (kase.status !== 'under_review' && kase.status !== 'opinion_ready') {
        throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
      }
    }
    const missing = review.questions.flatMap((_, index) => (input.answers[index] ? [] : [index]));
    if (missing.length > 0) {
      throw new AppError('review.answer_missing', {
        errors: missing.map((index) => ({
          path: `body.answers.${index}`,
          code: 'missing_answer',
          message: 'must answer this question of the review',
        })),
      });
    }
    if (input.answers.length > review.questions.length) {
      throw new AppError('request.validation_failed', {
        errors: [
          {
            path: `body.answers.${review.questions.length}`,
            code: 'too_big',
            message: `the review has ${review.questions.length} questions`,
          },
        ],
      });
    }

    const now = ctx.clock.now();
    const inserted = await repo.insertOpinion(tx, {
      id: opinionId,
      offerId,
      reviewId: review.id,
      caseId: kase.id,
      specialistId: specialist.id,
      version: input.version,
      diagnosisVerdict: input.diagnosis.verdict,
      proposedDiagnosisCode: input.diagnosis.proposedCode ?? null,
      treatmentVerdict: input.treatment.verdict,
      furtherTests: input.furtherTests,
      answers: input.answers,
      narrative: input.narrative,
      references: input.references,
      correctionReason: correction ? (input.correctionReason ?? null) : null,
      contentHash: hash,
      submittedByUserId: actor.userId,
      submittedAt: now,
    });
    if (!inserted) throw new AppError('resource.version_conflict');

    if (!correction) {
      await repo.moveOffer(tx, offerId, ['accepted'], { status: 'submitted', submittedAt: now });
      await repo.lockSpecialist(tx, specialist.id);
      await releaseReviewPlace(tx, specialist.id, now);
      // The specialist's record: one more review done, the median turnaround taken again.
      await repo.recordCompletedReview(tx, specialist.id, now);
      await cancelOfferClocks(tx, offerId, now);
    }
    // The timeline tells that an opinion is in (or corrected), never what it says.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: correction ? 'review_opinion_corrected' : 'review_opinion_submitted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: correction,
      data: { reviewId: review.id, offerId, version: input.version },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.opinion_submitted', details: { version: input.version } },
      auditFor(kase, 'review_opinion', opinionId, 'care'),
    );
    if (!correction && (await repo.countSubmitted(tx, review.id)) >= review.panelSize) {
      await completeReview(tx, ctx, review, kase);
    }
    return { created: true, opinion: present(inserted) };
  });
}

/** Every panel member's opinion is in: the review is complete and the case `opinion_ready`. */
async function completeReview(tx: Tx, ctx: RequestContext, review: repo.ReviewRow, kase: cases.CaseRow) {
  const now = ctx.clock.now();
  await repo.updateReview(tx, review.id, { status: 'complete', completedAt: now, updatedAt: now });
  const system = { ...ctx, actor: null };
  const current = (await cases.lockCase(tx, kase.id))!;
  await transition(tx, system, {
    kase: current,
    event: 'complete_review',
    relation: 'system',
    facts: { allOpinionsIn: true },
    data: { reviewId: review.id },
  });
  if (kase.caseManagerUserId) {
    await enqueueNotification(tx, system, {
      template: 'review.opinions_ready',
      recipientUserId: kase.caseManagerUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
      dedupeKey: `review.opinions_ready:${review.id}`,
    });
  }
  await recordAudit(
    tx,
    system,
    { action: 'review.completed', details: {} },
    auditFor(kase, 'review', review.id, 'care'),
  );
}

// ---------------------------------------------------------------------------------------------
// Ending: the case ends, or the member withdraws the consent to share.

/**
 * Ends the open review of a case: every live offer is withdrawn (and an accepted one's place given
 * back), its clocks stop, and the specialists lose access at once. On a withdrawn consent a case
 * under review goes back to gathering records.
 */
export async function endReviewOfCase(
  tx: Tx,
  ctx: RequestContext,
  caseId: string,
  why: 'case_ended' | 'consent_withdrawn',
): Promise<void> {
  const review = await repo.findOpenReviewOfCase(tx, caseId);
  if (!review) return;
  const now = ctx.clock.now();
  const offers = await repo.liveOffersOfCase(tx, caseId);
  for (const offer of offers) {
    if (offer.status === 'accepted') await releaseReviewPlace(tx, offer.specialistId, now);
    await repo.moveOffer(tx, offer.id, ['offered', 'accepted'], { status: 'withdrawn', endedAt: now });
    await cancelOfferClocks(tx, offer.id, now);
  }
  await repo.updateReview(tx, review.id, { status: 'withdrawn', endedAt: now, updatedAt: now });
  const kase = await cases.lockCase(tx, caseId);
  if (!kase) return;
  if (why === 'consent_withdrawn' && kase.status === 'under_review') {
    await transition(
      tx,
      { ...ctx, actor: null },
      {
        kase,
        event: 'cancel_review',
        relation: 'system',
        data: { reviewId: review.id },
      },
    );
  } else {
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'review_withdrawn',
      actorRole: 'system',
      staffOnly: true,
      data: { reviewId: review.id },
      occurredAt: now,
    });
  }
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offer_withdrawn', details: { why } },
    auditFor(kase, 'review', review.id, 'care'),
  );
}

// ---------------------------------------------------------------------------------------------
// Outcomes, for the operations dashboard.

export async function reviewOutcomes(
  ctx: RequestContext,
  query: { from?: string; to?: string },
): Promise<ReviewOutcomes> {
  const actor = actorOf(ctx);
  if (!reviewsPolicy.outcomes(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.outcomeCounts(tx, {
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      // `to` is the last day counted.
      to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.outcomes_read', details: {} },
      {
        entityType: 'review_outcomes',
        purpose: 'operations',
      },
    );
    return { from: query.from ?? null, to: query.to ?? null, ...summariseOutcomes(rows) };
  });
}

// ---------------------------------------------------------------------------------------------
// The clocks, fired by the SLA room's minute sweep in the transaction that marks them fired.

/**
 * An offer's expiry moves an unanswered offer to `expired` and on to the next candidate; the due
 * reminder e-mails the specialist who still holds the review. A clock whose offer has moved on
 * does nothing.
 */
export async function fireReviewClock(
  tx: Tx,
  ctx: RequestContext,
  clock: { kind: string; caseId: string; subjectId: string | null },
): Promise<void> {
  if (!clock.subjectId) return;
  const seen = await repo.findOffer(tx, clock.subjectId);
  if (!seen) return;
  const now = ctx.clock.now();
  if (clock.kind === 'review_due_reminder') {
    if (seen.status !== 'accepted' || !seen.dueAt) return;
    const [specialist] = await repo.findSpecialists(tx, [seen.specialistId]);
    const kase = await cases.findCase(tx, seen.caseId);
    if (!specialist?.userId || !kase) return;
    await enqueueNotification(tx, ctx, {
      template: 'review.due_soon',
      recipientUserId: specialist.userId,
      params: { offerId: seen.id, caseNumber: kase.number, dueAt: seen.dueAt.toISOString() },
      dedupeKey: `review.due_soon:${seen.id}`,
    });
    return;
  }
  if (seen.status !== 'offered') return;
  const kase = await cases.lockCase(tx, seen.caseId);
  const review = await repo.findReview(tx, seen.reviewId, true);
  if (!kase || !review) return;
  const expired = await repo.moveOffer(tx, seen.id, ['offered'], { status: 'expired', endedAt: now });
  if (!expired) return;
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'review_offer_expired',
    actorRole: 'system',
    staffOnly: true,
    data: { reviewId: review.id, offerId: seen.id },
    occurredAt: now,
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'review.offer_expired', details: {} },
    auditFor(kase, 'review_offer', seen.id, 'care'),
  );
  if (isOpen(kase.status)) await offerToNextCandidate(tx, ctx, { review, kase });
}
