import { z } from 'zod';
import {
  LetterQuery,
  PreauthorisationDecision,
  PreauthorisationForAssessor,
  PreauthorisationInformation,
  PreauthorisationQueue,
  PreauthorisationQueueQuery,
  Referral,
  ReferralDraft,
  ReferralList,
  ReferralWithdrawal,
} from '../../../shared/referrals.js';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppDeps } from '../../room.js';
import { guaranteeLetter, guaranteeLetterForAssessor, referralLetter } from './letters.js';
import {
  answerAssessor,
  decidePreauthorisation,
  preauthorisationQueue,
  readPreauthorisation,
} from './preauthorisations.js';
import { createReferral, listReferrals, withdrawReferral } from './service.js';

const ReferralParams = z.object({ id: z.uuid(), referralId: z.uuid() }).strict();
const PreauthorisationParams = z.object({ id: z.uuid(), preauthorisationId: z.uuid() }).strict();

export async function referralsRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const thresholds = deps.config.preauthorisation.secondApprovalAbove;

  app.post(
    '/api/v1/cases/:id/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'The assigned case manager refers the member to a facility and/or a doctor, with the cover check attached; a pre-authorisation request follows where the plan asks for one',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReferralDraft,
        response: { 200: Referral, 201: Referral },
      },
    },
    async (request, reply) => {
      const result = await createReferral(request.ctx, request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        thresholds,
      });
      return answerCreated(reply, result.created).send(result.referral);
    },
  );

  app.get(
    '/api/v1/cases/:id/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary:
          "The case's referrals with their cover and pre-authorisation (member, case managers, operations)",
        params: IdParams,
        response: { 200: ReferralList },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listReferrals(request.ctx, request.params.id);
    },
  );

  app.post(
    '/api/v1/cases/:id/referrals/:referralId/withdrawal',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'The assigned case manager or the member withdraws a referral; its pre-authorisation request, if still open, is cancelled',
        params: ReferralParams,
        body: ReferralWithdrawal,
        response: { 200: Referral },
      },
    },
    async (request) =>
      withdrawReferral(request.ctx, request.params.id, request.params.referralId, request.body),
  );

  const sendPdf = (reply: import('fastify').FastifyReply, pdf: Buffer, fileName: string) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);

  app.get(
    '/api/v1/cases/:id/referrals/:referralId/letter',
    {
      schema: {
        tags: ['referrals'],
        summary: "The referral letter (PDF) in the language asked for, else the referral's",
        params: ReferralParams,
        querystring: LetterQuery,
      },
    },
    async (request, reply) => {
      const { pdf, reference } = await referralLetter(
        request.ctx,
        request.params.id,
        request.params.referralId,
        request.query.language,
      );
      return sendPdf(reply, pdf, `referral-${reference}.pdf`);
    },
  );

  app.get(
    '/api/v1/cases/:id/referrals/:referralId/guarantee-letter',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'The guarantee of payment (PDF) of an approved pre-authorisation to a direct-billing facility',
        params: ReferralParams,
        querystring: LetterQuery,
      },
    },
    async (request, reply) => {
      const { pdf, reference } = await guaranteeLetter(
        request.ctx,
        request.params.id,
        request.params.referralId,
        request.query.language,
      );
      return sendPdf(reply, pdf, `guarantee-${reference}.pdf`);
    },
  );

  app.post(
    '/api/v1/cases/:id/preauthorisations/:preauthorisationId/information',
    {
      schema: {
        tags: ['referrals'],
        summary:
          "The assigned case manager answers the cover assessor's question; the request goes back to the queue",
        params: PreauthorisationParams,
        body: PreauthorisationInformation,
        response: { 200: Referral },
      },
    },
    async (request) =>
      answerAssessor(request.ctx, request.params.id, request.params.preauthorisationId, request.body),
  );

  app.get(
    '/api/v1/preauthorisations',
    {
      schema: {
        tags: ['preauthorisations'],
        summary: "The cover assessors' queue: open requests (or decided ones), oldest first",
        querystring: PreauthorisationQueueQuery,
        response: { 200: PreauthorisationQueue },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return preauthorisationQueue(request.ctx, request.query);
    },
  );

  app.get(
    '/api/v1/preauthorisations/:id',
    {
      schema: {
        tags: ['preauthorisations'],
        summary: 'One pre-authorisation request as the cover assessor reads it',
        params: IdParams,
        response: { 200: PreauthorisationForAssessor },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readPreauthorisation(request.ctx, request.params.id);
    },
  );

  app.get(
    '/api/v1/preauthorisations/:id/guarantee-letter',
    {
      schema: {
        tags: ['preauthorisations'],
        summary:
          'The cover assessor downloads the guarantee of payment (PDF) of an approved request to a direct-billing facility',
        params: IdParams,
        querystring: LetterQuery,
      },
    },
    async (request, reply) => {
      const { pdf, reference } = await guaranteeLetterForAssessor(
        request.ctx,
        request.params.id,
        request.query.language,
      );
      return sendPdf(reply, pdf, `guarantee-${reference}.pdf`);
    },
  );

  app.post(
    '/api/v1/preauthorisations/:id/decisions',
    {
      schema: {
        tags: ['preauthorisations'],
        summary:
          'A cover assessor approves (amount, validity, reference), declines with a reason, or asks for more information; above the threshold an approval takes two assessors',
        params: IdParams,
        body: PreauthorisationDecision,
        response: { 200: PreauthorisationForAssessor },
      },
    },
    async (request) => decidePreauthorisation(request.ctx, request.params.id, request.body),
  );
}
