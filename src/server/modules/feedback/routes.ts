import { z } from 'zod';
import {
  ModerationDecision,
  ModerationQueue,
  ModerationQueueQuery,
  MyServiceReview,
  PublishedReviews,
  PublishedReviewsQuery,
  RatingSummary,
  ReviewForModeration,
  ServiceReply,
  ServiceReviewDraft,
  ServiceReviewEdit,
} from '../../../shared/feedback.js';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import { sendAppPage } from '../../platform/web/serve.js';
import { AppError } from '../../platform/errors.js';
import type { AppDeps } from '../../room.js';
import * as feedback from './service.js';

/** Where the web app shows the public page (src/web routes). */
export const PUBLIC_PAGE_PATH = '/service-reviews';

export async function feedbackRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/v1/cases/:id/service-review',
    {
      schema: {
        tags: ['service-reviews'],
        summary: 'The member (or guardian) rates the service for a case whose recommendations were delivered',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ServiceReviewDraft,
        response: { 200: MyServiceReview, 201: MyServiceReview },
      },
    },
    async (request, reply) => {
      const result = await feedback.writeReview(request.ctx, request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
      });
      return answerCreated(reply, result.created).send(result.review);
    },
  );

  app.get(
    '/api/v1/cases/:id/service-review',
    {
      schema: {
        tags: ['service-reviews'],
        summary:
          "The member's review of the service for this case, with the moderation outcome; null before one",
        params: IdParams,
        response: { 200: MyServiceReview.nullable() },
      },
    },
    async (request) => feedback.readMyReview(request.ctx, request.params.id),
  );

  app.put(
    '/api/v1/cases/:id/service-review',
    {
      schema: {
        tags: ['service-reviews'],
        summary: 'The member changes their review (30 days): the words go back to moderation',
        params: IdParams,
        body: ServiceReviewEdit,
        response: { 200: MyServiceReview },
      },
    },
    async (request) => feedback.editReview(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/service-reviews',
    {
      schema: {
        tags: ['service-reviews'],
        summary: 'Reviews in a moderation state (pending first), oldest first, with automatic flags',
        querystring: ModerationQueueQuery,
        response: { 200: ModerationQueue },
      },
    },
    async (request) => feedback.moderationQueue(request.ctx, request.query),
  );

  app.post(
    '/api/v1/service-reviews/:id/moderation-decisions',
    {
      schema: {
        tags: ['service-reviews'],
        summary: "The moderator publishes a review's words or withholds them for a reason of the list",
        params: IdParams,
        body: ModerationDecision,
        response: { 201: ReviewForModeration },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await feedback.decide(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/api/v1/service-reviews/:id/reply',
    {
      schema: {
        tags: ['service-reviews'],
        summary: "Operations reply publicly for the service (shown once the review's words are published)",
        params: IdParams,
        body: ServiceReply,
        response: { 200: ReviewForModeration },
      },
    },
    async (request) => feedback.reply(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/service-reviews/rating',
    {
      schema: {
        tags: ['service-reviews'],
        summary: "The service's rating: average, count and 5→1 distribution of every verified rating",
        security: [],
        response: { 200: RatingSummary },
      },
      config: { access: 'public' },
    },
    async () => feedback.ratingSummary(deps.db),
  );

  app.get(
    '/api/v1/service-reviews/published',
    {
      schema: {
        tags: ['service-reviews'],
        summary: 'Published reviews, newest first, by language and stars',
        security: [],
        querystring: PublishedReviewsQuery,
        response: { 200: PublishedReviews },
      },
      config: { access: 'public' },
    },
    async (request) => feedback.publishedReviews(deps.db, request.query),
  );

  // The public page itself: the app's page with the rating as JSON-LD in its head, so that search
  // engines read it without running the app.
  app.get(
    PUBLIC_PAGE_PATH,
    { schema: { hide: true, querystring: z.object({}).passthrough() }, config: { access: 'public' } },
    async (_request, reply) => {
      const page = await feedback.publicPage(deps.db, `${deps.config.publicUrl}${PUBLIC_PAGE_PATH}`);
      if (!page) throw new AppError('route.not_found');
      return sendAppPage(reply, page);
    },
  );
}
