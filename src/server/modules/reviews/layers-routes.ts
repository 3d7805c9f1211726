import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  DoctorLetterOpening,
  DoctorLetterQuery,
  DoctorLetterSending,
  DoctorLetterSent,
  OpinionLayers,
  OpinionSummary,
  OpinionSummaryDraft,
  OpinionTranslation,
  OpinionTranslationEntry,
} from '../../../shared/opinion-layers.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { downloadDoctorLetter, openDoctorLetter, sendDoctorLetter } from './doctor-letter.js';
import { enterTranslation, readOpinionLayers, writeSummary } from './summary.js';

const uuid = () => z.uuid({ message: 'must be an id (UUID)' });
const ReviewParams = z.object({ id: uuid(), reviewId: uuid() }).strict();
const OfferParams = z.object({ id: uuid(), reviewId: uuid(), offerId: uuid() }).strict();

/** A doctor's guesses are few: a letter is opened a handful of times, never hundreds. */
const linkRateLimit = { max: 30, timeWindow: '1 minute' };

const sendPdf = (reply: FastifyReply, pdf: Buffer, fileName: string) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(pdf);

/** The opinion's layers: the summary, the translations, the letter for the treating doctor. */
export async function opinionLayerRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/api/v1/cases/:id/opinion-layers',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The opinion in layers: the member's summary, each expert opinion as written with its language and translation (members once delivered); null without a complete review",
        params: IdParams,
        response: { 200: OpinionLayers.nullable() },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readOpinionLayers(request.ctx, request.params.id);
    },
  );

  app.put(
    '/api/v1/cases/:id/reviews/:reviewId/summary',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The case manager writes the member's summary of the review (version 0 for the first draft), until delivery",
        params: ReviewParams,
        body: OpinionSummaryDraft,
        response: { 200: OpinionSummary },
      },
    },
    async (request) => writeSummary(request.ctx, request.params.id, request.params.reviewId, request.body),
  );

  app.put(
    '/api/v1/cases/:id/reviews/:reviewId/offers/:offerId/translation',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The case manager enters the translation of a panel member's opinion into the member's language (who translated, when)",
        params: OfferParams,
        body: OpinionTranslationEntry,
        response: { 200: OpinionTranslation },
      },
    },
    async (request) =>
      enterTranslation(
        request.ctx,
        request.params.id,
        request.params.reviewId,
        request.params.offerId,
        request.body,
      ),
  );

  app.get(
    '/api/v1/cases/:id/doctor-letter',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The letter for the member's treating doctor (PDF), in the language asked for, else the member's",
        params: IdParams,
        querystring: DoctorLetterQuery,
      },
    },
    async (request, reply) => {
      const { pdf, caseNumber, language } = await downloadDoctorLetter(
        request.ctx,
        request.params.id,
        request.query.language,
      );
      return sendPdf(reply, pdf, `letter-${caseNumber}-${language}.pdf`);
    },
  );

  app.post(
    '/api/v1/cases/:id/doctor-letter-sendings',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The member sends the letter to their treating doctor's e-mail: the e-mail carries a link to it, valid 14 days",
        params: IdParams,
        body: DoctorLetterSending,
        response: { 201: DoctorLetterSent },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sendDoctorLetter(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/doctor-letters/:id/content',
    {
      config: { access: 'public', rateLimit: linkRateLimit },
      schema: {
        tags: ['reviews'],
        summary: "The treating doctor opens the letter with the e-mailed link's token (no account)",
        security: [],
        params: IdParams,
        body: DoctorLetterOpening,
      },
    },
    async (request, reply) => {
      const { pdf, caseNumber } = await openDoctorLetter(request.ctx, request.params.id, request.body.token);
      return sendPdf(reply, pdf, `letter-${caseNumber}.pdf`);
    },
  );
}
