import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type {
  OpinionRating,
  OpinionRatingCreation,
  Review,
  ReviewRequestCreation,
} from '../../../shared/reviews.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { assertVersion, caseForActor, readCasePart, transition } from '../cases/index.js';
import { activeSharingConsent } from '../documents/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { ageOn, findOfferableMatches, locateCity, resolveWanted } from '../specialists/index.js';
import { reviewsPolicy } from './policy.js';
import * as repo from './repo.js';
import type { ReviewSettings } from './service.js';
import { gaveFirstOpinion, hasRoom, makeOffer } from './offers.js';
import { auditFor, presentRating, presentReview } from './present.js';

type ReviewRequestInput = z.output<typeof ReviewRequestCreation>;
type RatingInput = z.output<typeof OpinionRatingCreation>;

const MINUTE = 60_000;

// The request.

/** The network's ranked matches for the case, as its matching ranks them for the case manager. */
async function matchedCandidates(
  tx: Queryable,
  kase: cases.CaseRow,
  match: NonNullable<ReviewRequestInput['candidatesFromMatching']>,
  now: Date,
): Promise<string[]> {
  // The member's age decides between the adult and the paediatric specialties, as in the search.
  const patient = await findMemberCoverage(tx, kase.memberId);
  const wanted = resolveWanted(match.specialty ?? [], match.condition, {
    age: patient ? ageOn(patient.member.dateOfBirth, now) : null,
  });
  if (wanted.exact.length + wanted.specialty.length + wanted.related.length === 0) {
    throw new AppError('specialist_match.unknown_condition');
  }
  const place = locateCity(kase.locationCountry, kase.locationCity);
  const { matches } = await findOfferableMatches(
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
    const { kase, relation } = await caseForActor(tx, actor, caseId, {
      lock: true,
      may: reviewsPolicy.manage,
    });
    await assertVersion(tx, kase, input.version);
    if (await repo.findOpenReviewOfCase(tx, caseId)) throw new AppError('review.already_open');
    if (kase.status !== 'contacted' && kase.status !== 'gathering_information') {
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    }

    const panelIds = input.specialistIds;
    const given = input.candidateIds.filter((id) => !panelIds.includes(id));
    const matched = input.candidatesFromMatching
      ? (await matchedCandidates(tx, kase, input.candidatesFromMatching, ctx.clock.now())).filter(
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
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      may: reviewsPolicy.manage,
    });
    const review = await repo.findReview(tx, reviewId, true);
    if (!review || review.caseId !== caseId) throw notFound();
    if (review.status !== 'open')
      throw new AppError('review.not_open', { extensions: { currentStatus: review.status } });
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
  // A former case manager and the member do not read the specialists' working file here.
  return readCasePart(ctx, caseId, { sees: reviewsPolicy.manage }, async (tx) => {
    const rows = await repo.listReviewsOfCase(tx, caseId);
    const items: Review[] = [];
    for (const row of rows) items.push(await presentReview(tx, row));
    return {
      value: { items },
      audit: { action: 'review.read', details: { count: rows.length } },
      entity: { type: 'review_list', id: caseId },
    };
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
    const { kase, relation } = await caseForActor(tx, actor, caseId, { sees: reviewsPolicy.rate });
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
