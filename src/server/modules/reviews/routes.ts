import { z } from 'zod';
import { CaseDocument } from '../../../shared/documents.js';
import {
  DeskItem,
  DeskReview,
  OfferAcceptance,
  OfferDecline,
  Opinion,
  OpinionRating,
  OpinionRatingCreation,
  OpinionSubmission,
  Review,
  ReviewOfferCreation,
  ReviewRequestCreation,
} from '../../../shared/reviews.js';
import { allowFramingBySelf, viewableInPage } from '../../platform/http/framing.js';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppDeps } from '../../room.js';
import { followupRoutes } from './followups-routes.js';
import { opinionLayerRoutes } from './layers-routes.js';
import { createReport } from './report.js';
import * as desk from './desk.js';
import * as opinions from './opinion.js';
import * as requests from './request.js';

const uuid = () => z.uuid({ message: 'must be an id (UUID)' });
const ReviewParams = z.object({ id: uuid(), reviewId: uuid() }).strict();
const SharedDocumentParams = z.object({ id: uuid(), documentId: uuid() }).strict();

export async function reviewRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;
  await opinionLayerRoutes(app);

  app.post(
    '/api/v1/cases/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Ask specialists for a review: the panel is offered it, the chosen records are shared',
        params: IdParams,
        body: ReviewRequestCreation,
        response: { 201: Review },
      },
    },
    async (request, reply) => {
      const review = await requests.requestReview(
        request.ctx,
        request.params.id,
        request.body,
        config.review,
      );
      return reply.status(201).send(review);
    },
  );

  app.get(
    '/api/v1/cases/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'The reviews of a case, their offers and opinions (case manager and operations)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Review) }) },
      },
    },
    async (request) => requests.listReviews(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/reviews/:reviewId/offers',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Offer an open review to one more specialist, when a declined or lapsed offer left the panel short',
        params: ReviewParams,
        body: ReviewOfferCreation,
        response: { 201: Review },
      },
    },
    async (request, reply) => {
      const review = await requests.offerReviewTo(
        request.ctx,
        request.params.id,
        request.params.reviewId,
        request.body,
      );
      return reply.status(201).send(review);
    },
  );

  app.post(
    '/api/v1/cases/:id/reviews/:reviewId/ratings',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "Rate a specialist's opinion, 1 to 5 (the case manager or operations; one rating per rater and opinion, a new one replaces it)",
        params: ReviewParams,
        body: OpinionRatingCreation,
        response: { 200: OpinionRating, 201: OpinionRating },
      },
    },
    async (request, reply) => {
      const result = await requests.rateOpinion(
        request.ctx,
        request.params.id,
        request.params.reviewId,
        request.body,
      );
      return reply.status(result.created ? 201 : 200).send(result.rating);
    },
  );

  app.post(
    '/api/v1/cases/:id/reviews/:reviewId/report',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Write the opinion report (PDF) into the case records: recommendations and opinions',
        params: ReviewParams,
        response: { 201: CaseDocument },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createReport(request.ctx, config, request.params.id, request.params.reviewId)),
  );

  app.get(
    '/api/v1/desk/offers',
    {
      schema: {
        tags: ['desk'],
        summary: "The specialist's desk: offers to answer, reviews in hand and done",
        response: { 200: z.object({ items: z.array(DeskItem) }) },
      },
    },
    async (request) => desk.listDesk(request.ctx),
  );

  app.get(
    '/api/v1/desk/offers/:id',
    {
      schema: {
        tags: ['desk'],
        summary: 'One offer or review: the summary, the questions, the shared records, my opinion',
        params: IdParams,
        response: { 200: DeskReview },
      },
    },
    async (request) => desk.getDeskReview(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/desk/offers/:id/acceptance',
    {
      schema: {
        tags: ['desk'],
        summary: 'Accept the review (takes one of my review places)',
        params: IdParams,
        body: OfferAcceptance,
        response: { 200: DeskReview },
      },
    },
    async (request) => desk.acceptOffer(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/desk/offers/:id/decline',
    {
      schema: {
        tags: ['desk'],
        summary: 'Decline the review',
        params: IdParams,
        body: OfferDecline,
        response: { 200: z.object({ offerId: z.uuid(), status: z.literal('declined') }) },
      },
    },
    async (request) => desk.declineOffer(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/desk/offers/:id/documents/:documentId/content',
    {
      schema: {
        tags: ['desk'],
        summary: 'A record shared for this review, for the viewer (decrypted and verified as it streams)',
        params: SharedDocumentParams,
      },
    },
    async (request, reply) => {
      const content = await desk.openSharedDocument(
        request.ctx,
        config,
        request.params.id,
        request.params.documentId,
      );
      // The desk's viewer frames a PDF; only this site may.
      if (viewableInPage.has(content.mediaType)) allowFramingBySelf(reply);
      return reply
        .header('content-type', content.mediaType)
        .header('content-length', String(content.sizeBytes))
        .header('content-disposition', `inline; filename="${content.fileName}"`)
        .header('cache-control', 'no-store')
        .send(content.stream);
    },
  );

  app.post(
    '/api/v1/desk/offers/:id/opinions',
    {
      schema: {
        tags: ['desk'],
        summary: 'Submit my opinion (version 1) or a correction (the next version, with a reason)',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: OpinionSubmission,
        response: { 200: Opinion, 201: Opinion },
      },
    },
    async (request, reply) => {
      const result = await opinions.submitOpinion(request.ctx, request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
      });
      return answerCreated(reply, result.created).send(result.opinion);
    },
  );

  await followupRoutes(app, deps);
}
