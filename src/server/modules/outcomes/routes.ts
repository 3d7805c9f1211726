import { z } from 'zod';
import {
  CallAnswer,
  CaseOutcome,
  CheckInAnswer,
  FollowUpAnswer,
  OutcomeAnalytics,
  OutcomeAnalyticsQuery,
  OutcomeReconciliation,
  OutcomeReconciliationEdit,
} from '../../../shared/outcomes.js';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { recommendationsDelivered } from '../cases/index.js';
import * as outcomes from './service.js';

const CheckInParams = z
  .object({
    id: z.uuid({ message: 'must be an id (UUID)' }),
    followUpId: z.uuid({ message: 'must be an id (UUID)' }),
  })
  .strict();

export async function outcomesRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // The outcome check-ins follow the setting of the app that delivers (one per process in
  // production; each test server registers its own again).
  const months = deps.config.outcomeCheckInMonths;
  recommendationsDelivered.register('outcomes', (tx, ctx, kase) =>
    outcomes.planOutcomeCheckIns(tx, ctx, kase, months),
  );

  app.get(
    '/api/v1/cases/:id/outcome',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          "The case's outcome (diagnosis and treatment: confirmed, refined or modified, changed) and what the member did afterwards",
        params: IdParams,
        response: { 200: CaseOutcome },
      },
    },
    async (request) => outcomes.readCaseOutcome(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/outcome',
    {
      schema: {
        tags: ['outcomes'],
        summary: "The case manager gives the case's one answer when the panel's opinions disagree",
        params: IdParams,
        body: OutcomeReconciliation,
        response: { 201: CaseOutcome },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await outcomes.reconcileOutcome(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/api/v1/cases/:id/outcome',
    {
      schema: {
        tags: ['outcomes'],
        summary: 'The case manager changes the reconciled answer (with the version read)',
        params: IdParams,
        body: OutcomeReconciliationEdit,
        response: { 200: CaseOutcome },
      },
    },
    async (request) => outcomes.editReconciledOutcome(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/cases/:id/follow-ups/:followUpId/outcome-answer',
    {
      schema: {
        tags: ['outcomes'],
        summary: 'The member answers at a check-in: what they did after the opinion, and how they are doing',
        params: CheckInParams,
        body: CheckInAnswer,
        response: { 201: FollowUpAnswer },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await outcomes.answerCheckIn(
            request.ctx,
            request.params.id,
            request.params.followUpId,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/v1/cases/:id/outcome-answers',
    {
      schema: {
        tags: ['outcomes'],
        summary: 'The case manager records what the member told them on a call',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CallAnswer,
        response: { 200: FollowUpAnswer, 201: FollowUpAnswer },
      },
    },
    async (request, reply) => {
      const result = await outcomes.recordCallAnswer(request.ctx, request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
      });
      return answerCreated(reply, result.created).send(result.answer);
    },
  );

  app.get(
    '/api/v1/outcome-analytics',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          'Operations: shares of cases whose diagnosis or treatment changed, with 95 % Wilson intervals, by month, specialty, country, language or plan type, beside the published figures',
        querystring: OutcomeAnalyticsQuery,
        response: { 200: OutcomeAnalytics },
      },
    },
    async (request) => outcomes.outcomeAnalytics(request.ctx, request.query),
  );

  app.get(
    '/api/v1/outcome-analytics/export',
    {
      schema: {
        tags: ['outcomes'],
        summary: 'Operations: the same figures as a CSV file',
        querystring: OutcomeAnalyticsQuery,
      },
    },
    async (request, reply) => {
      const csv = await outcomes.outcomeAnalyticsExport(request.ctx, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="outcomes-by-${request.query.by}.csv"`)
        .send(csv);
    },
  );
}
