import { z } from 'zod';
import {
  CaseDetail,
  CaseEvent,
  CaseRequest,
  CaseStatus,
  CaseSummary,
  CallConfirmation,
  CallProposal,
  Closure,
  ContactEntry,
  ContactRecord,
  FollowUp,
  FollowUpPlan,
  ProgressReport,
  Recommendations,
  RecommendationsDraft,
  ScheduledCall,
  Reassignment,
  Withdrawal,
} from '../../../shared/cases.js';
import { RecommendationsDelivery } from '../../../shared/opinion-layers.js';
import { IdParams, IdempotencyHeaders, PageQuery, page } from '../../platform/http/schemas.js';

const FollowUpParams = z.object({ id: z.uuid(), followUpId: z.uuid() }).strict();
const CallParams = z.object({ id: z.uuid(), callId: z.uuid() }).strict();
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppDeps } from '../../room.js';
import * as calls from './calls.js';
import * as followUps from './follow-ups.js';
import * as recommendations from './recommendations.js';
import * as cases from './service.js';

const CaseListQuery = PageQuery.extend({
  assigned: z.literal('me').optional(),
  caseManagerId: z.uuid().optional(),
  status: z
    .union([CaseStatus, z.array(CaseStatus)])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
  language: z.string().min(2).max(35).optional(),
  interpreterNeeded: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  sort: z.enum(['deadline', 'newest']).default('deadline'),
});

export async function caseRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Ask for a second opinion (eligibility is checked at once; a case manager is assigned)',
        headers: IdempotencyHeaders,
        body: CaseRequest,
        response: { 200: CaseDetail, 201: CaseDetail },
      },
    },
    async (request, reply) => {
      const result = await cases.submitCase(request.ctx, request.body, {
        sla: deps.config.sla,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return answerCreated(reply, result.created)
        .header('location', `/api/v1/cases/${result.case.id}`)
        .send(result.case);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases you may see: your own, your queue (sorted by first-contact deadline), or all',
        querystring: CaseListQuery,
        response: { 200: page(CaseSummary) },
      },
    },
    async (request) => cases.listCases(request.ctx, request.query),
  );

  app.get(
    '/api/v1/cases/:id',
    { schema: { tags: ['cases'], summary: 'One case', params: IdParams, response: { 200: CaseDetail } } },
    async (request) => cases.getCase(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/cases/:id/events',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case timeline',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CaseEvent) }) },
      },
    },
    async (request) => cases.getTimeline(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/contacts',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case manager records a contact; the first one reached keeps the 24-hour promise',
        params: IdParams,
        body: ContactRecord,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cases.recordContact(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/cases/:id/contacts',
    {
      schema: {
        tags: ['cases'],
        summary: 'The contact log of a case, newest first, with the private notes (staff only)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ContactEntry) }) },
      },
    },
    async (request) => cases.listContacts(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/withdrawal',
    {
      schema: {
        tags: ['cases'],
        summary: 'The member withdraws the request, with a reason',
        params: IdParams,
        body: Withdrawal,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cases.withdrawCase(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/reassignments',
    {
      schema: {
        tags: ['cases'],
        summary: 'Operations give the case to another case manager, with a reason',
        params: IdParams,
        body: Reassignment,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cases.reassignCase(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/api/v1/cases/:id/recommendations',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case manager writes the recommendations and next steps (Markdown), until delivered',
        params: IdParams,
        body: RecommendationsDraft,
        response: { 200: Recommendations },
      },
    },
    async (request) => recommendations.writeRecommendations(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/cases/:id/recommendations',
    {
      schema: {
        tags: ['cases'],
        summary: 'The recommendations (members see them once delivered); null while there are none',
        params: IdParams,
        response: { 200: Recommendations.nullable() },
      },
    },
    async (request) => recommendations.readRecommendations(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/recommendations/delivery',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The case manager delivers the recommendations to the member (after a review, with the summary written; without one, with the reason from the list)',
        params: IdParams,
        body: RecommendationsDelivery,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recommendations.deliverRecommendations(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/recommendations/acknowledgement',
    {
      schema: {
        tags: ['cases'],
        summary: 'The member says they have read the recommendations',
        params: IdParams,
        response: { 201: Recommendations },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recommendations.acknowledgeRecommendations(request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/cases/:id/follow-ups',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case manager plans follow-up check-ins (dates or an interval); monitoring starts',
        params: IdParams,
        body: FollowUpPlan,
        response: { 201: z.object({ case: CaseDetail, followUps: z.array(FollowUp) }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await followUps.planFollowUps(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/cases/:id/follow-ups',
    {
      schema: {
        tags: ['cases'],
        summary: 'The follow-up check-ins of a case',
        params: IdParams,
        response: { 200: z.object({ items: z.array(FollowUp) }) },
      },
    },
    async (request) => followUps.listFollowUps(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/follow-ups/:followUpId/progress',
    {
      schema: {
        tags: ['cases'],
        summary: 'The member reports how they are doing at a check-in',
        params: FollowUpParams,
        body: ProgressReport,
        response: { 201: FollowUp },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await followUps.reportProgress(
            request.ctx,
            request.params.id,
            request.params.followUpId,
            request.body.progress,
          ),
        ),
  );

  app.post(
    '/api/v1/cases/:id/closure',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case manager closes the case, with a reason',
        params: IdParams,
        body: Closure,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cases.closeCase(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/calls',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case manager proposes times for a call (shown to the member in their time zone)',
        params: IdParams,
        body: CallProposal,
        response: { 201: ScheduledCall },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await calls.proposeCall(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/cases/:id/calls',
    {
      schema: {
        tags: ['cases'],
        summary: 'Proposed and confirmed calls',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ScheduledCall) }) },
      },
    },
    async (request) => calls.listCalls(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/calls/:callId/confirmation',
    {
      schema: {
        tags: ['cases'],
        summary: 'Confirm one proposed slot; both sides receive a calendar invitation',
        params: CallParams,
        body: CallConfirmation,
        response: { 201: ScheduledCall },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await calls.confirmCall(request.ctx, request.params.id, request.params.callId, request.body)),
  );
}
