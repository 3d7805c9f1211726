import { z } from 'zod';
import {
  CollectionClock,
  Provider,
  ProviderAnswer,
  ProviderCreation,
  ProviderList,
  ProviderPage,
  ProviderRequest,
  ProviderRequestCreation,
  PROVIDER_TOKEN_HEADER,
  RecordsChecklist,
  Release,
  ReleaseSigning,
} from '../../../shared/records.js';
import { IdParams, IdempotencyHeaders } from '../../platform/http/schemas.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { collectionClock } from './collection.js';
import { answerProviderRequest, openProviderPage } from './provider.js';
import { providerUploadRoutes } from './provider-uploads.js';
import * as records from './service.js';

const uuid = z.uuid({ message: 'must be an id (UUID)' });
const ReleaseParams = z.object({ id: uuid, releaseId: uuid }).strict();
const RequestParams = z.object({ id: uuid, requestId: uuid }).strict();
const LinkParams = z.object({ requestId: uuid }).strict();
const LinkHeaders = z.object({ [PROVIDER_TOKEN_HEADER]: z.string().max(200).optional() });
const ClockQuery = z.object({ days: z.coerce.number().int().min(7).max(365).default(90) }).strict();

/** A provider's guesses are few: a link is opened a handful of times, never hundreds. */
const linkRateLimit = { max: 30, timeWindow: '1 minute' };

/** The provider's page leaks nothing to another site: no referrer, nothing kept by a cache. */
const privateLink = (reply: { header(name: string, value: string): unknown }) => {
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cache-control', 'no-store');
};

export async function recordsRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;

  app.get(
    '/api/v1/cases/:id/providers',
    {
      schema: {
        tags: ['records'],
        summary: 'The treating providers of a case (and the doctor the member named, until added)',
        params: IdParams,
        response: { 200: ProviderList },
      },
    },
    async (request) => records.listProviders(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/providers',
    {
      schema: {
        tags: ['records'],
        summary: 'The case manager adds a treating provider: name, institution, country, e-mail, language',
        params: IdParams,
        body: ProviderCreation,
        response: { 201: Provider },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await records.addProvider(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/releases',
    {
      schema: {
        tags: ['records'],
        summary:
          'The member signs a release of records from one provider (kinds, until when; typed name and tick). ' +
          'The signed form is filed as a PDF; requests it covers are sent to the provider.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReleaseSigning,
        response: { 200: Release, 201: Release },
      },
    },
    async (request, reply) => {
      const { release, created } = await records.signRelease(
        request.ctx,
        config,
        request.params.id,
        request.body,
        request.ip,
        request.headers['idempotency-key'],
      );
      return answerCreated(reply, created).send(release);
    },
  );

  app.post(
    '/api/v1/cases/:id/releases/:releaseId/withdrawal',
    {
      schema: {
        tags: ['records'],
        summary: 'The member withdraws a release: every link it opened stops at once',
        params: ReleaseParams,
        response: { 200: Release },
      },
    },
    async (request) => records.withdrawRelease(request.ctx, request.params.id, request.params.releaseId),
  );

  app.post(
    '/api/v1/cases/:id/provider-requests',
    {
      schema: {
        tags: ['records'],
        summary:
          "The case manager asks a provider for kinds of records; sent once the member's release covers them",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ProviderRequestCreation,
        response: { 200: ProviderRequest, 201: ProviderRequest },
      },
    },
    async (request, reply) => {
      const { request: asked, created } = await records.createProviderRequest(
        request.ctx,
        config,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return answerCreated(reply, created).send(asked);
    },
  );

  app.post(
    '/api/v1/cases/:id/provider-requests/:requestId/revocation',
    {
      schema: {
        tags: ['records'],
        summary: "The case manager revokes a provider's link",
        params: RequestParams,
        response: { 200: ProviderRequest },
      },
    },
    async (request) =>
      records.revokeProviderRequest(request.ctx, request.params.id, request.params.requestId),
  );

  app.get(
    '/api/v1/cases/:id/provider-requests',
    {
      schema: {
        tags: ['records'],
        summary: 'The checklist of records asked from providers, with the releases',
        params: IdParams,
        response: { 200: RecordsChecklist },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return records.recordsChecklist(request.ctx, request.params.id);
    },
  );

  app.get(
    '/api/v1/records-collection-clock',
    {
      schema: {
        tags: ['records'],
        summary:
          'Operations: time from the first request to providers to the last answer, per case, median and p90',
        querystring: ClockQuery,
        response: { 200: CollectionClock },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return collectionClock(request.ctx, request.query.days);
    },
  );

  // --- The provider's link: no account, the token in a header, rate-limited, every use audited.

  app.get(
    '/api/v1/provider-links/:requestId',
    {
      config: { access: 'public', rateLimit: linkRateLimit },
      schema: {
        tags: ['records'],
        summary:
          "The provider's page: the patient's name and date of birth, the records asked for, the release",
        security: [],
        params: LinkParams,
        headers: LinkHeaders,
        response: { 200: ProviderPage },
      },
    },
    async (request, reply) => {
      privateLink(reply);
      return openProviderPage(request.ctx, request.params.requestId, request.headers[PROVIDER_TOKEN_HEADER]);
    },
  );

  app.post(
    '/api/v1/provider-links/:requestId/answers',
    {
      config: { access: 'public', rateLimit: linkRateLimit },
      schema: {
        tags: ['records'],
        summary: 'The provider has sent everything, or does not hold these records: the link closes',
        security: [],
        params: LinkParams,
        headers: LinkHeaders,
        body: ProviderAnswer,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      privateLink(reply);
      await answerProviderRequest(
        request.ctx,
        request.params.requestId,
        request.headers[PROVIDER_TOKEN_HEADER],
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  await providerUploadRoutes(app, deps);
}
