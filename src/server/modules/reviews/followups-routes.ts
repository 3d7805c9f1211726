import {
  AddendumSubmission,
  AddendumSummaryEntry,
  FollowupAnswer,
  DeskFollowup,
  FollowupList,
  FollowupQuestion,
  FollowupQuestionCreation,
} from '../../../shared/followups.js';
import { z } from 'zod';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppDeps } from '../../room.js';
import * as followups from './followups.js';
import { writeAddendumSummary } from './followups-summary.js';

const AnswerParams = z
  .object({
    id: z.uuid({ message: 'must be an id (UUID)' }),
    answerId: z.uuid({ message: 'must be an id (UUID)' }),
  })
  .strict();

/** Follow-up questions after the opinion: forwarded by the case manager, answered at the desk. */
export async function followupRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;

  app.get(
    '/api/v1/cases/:id/followups',
    {
      schema: {
        tags: ['reviews'],
        summary: "The member's follow-up questions to the specialists and their answers (addenda)",
        params: IdParams,
        response: { 200: FollowupList },
      },
    },
    async (request) => followups.listFollowups(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/followups',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The case manager forwards a member's question, after delivery, to specialists who gave the opinion",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: FollowupQuestionCreation,
        response: { 200: FollowupQuestion, 201: FollowupQuestion },
      },
    },
    async (request, reply) => {
      const { question, created } = await followups.forwardQuestion(
        request.ctx,
        config.followup,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return answerCreated(reply, created).send(question);
    },
  );

  app.put(
    '/api/v1/cases/:id/followup-answers/:answerId/summary',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The case manager writes the member's plain-language summary of the latest version of a specialist's answer, in the member's language",
        params: AnswerParams,
        body: AddendumSummaryEntry,
        response: { 200: FollowupAnswer },
      },
    },
    async (request) =>
      writeAddendumSummary(request.ctx, request.params.id, request.params.answerId, request.body),
  );

  app.get(
    '/api/v1/desk/offers/:id/followups',
    {
      schema: {
        tags: ['desk'],
        summary: 'The follow-up questions about my opinion, with my addenda',
        params: IdParams,
        response: { 200: z.object({ items: z.array(DeskFollowup) }) },
      },
    },
    async (request) => followups.deskFollowups(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/desk/followups/:id/addenda',
    {
      schema: {
        tags: ['desk'],
        summary: 'Answer a follow-up question: an addendum to my opinion (version 1), or its next version',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AddendumSubmission,
        response: { 200: DeskFollowup, 201: DeskFollowup },
      },
    },
    async (request, reply) => {
      const result = await followups.submitAddendum(
        request.ctx,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return answerCreated(reply, result.created).send(result.followup);
    },
  );
}
