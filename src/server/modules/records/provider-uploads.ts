import { AsyncLocalStorage } from 'node:async_hooks';
import { Server, type Upload } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DocumentKind } from '../../../shared/documents.js';
import { PROVIDER_TOKEN_HEADER } from '../../../shared/records.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { problemOf, toAppError } from '../../platform/http/problem.js';
import { hasDirectionControl, isStorableText } from '../../platform/http/text.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { documentStaging, PostgresUploadLocker } from '../documents/index.js';
import { prepareProviderUpload, receiveProviderUpload } from './provider.js';

/**
 * A provider's resumable uploads (tus 1.0.0) under /api/v1/provider-uploads: the same staging,
 * lock and pipeline as a member's (`modules/documents/uploads.ts`), authorised by the link's token
 * (the `Provider-Link-Token` header) instead of a session. `Upload-Metadata` carries `requestId`,
 * `kind` and `title`. Every request of an upload checks the link again, so an upload stops the
 * moment the provider answers, the release is withdrawn, the link is revoked or it expires.
 */
const PROVIDER_UPLOADS_PATH = '/api/v1/provider-uploads';

interface LinkUse {
  ctx: RequestContext;
  token: string | undefined;
}

const linkUse = new AsyncLocalStorage<LinkUse>();

function currentUse(): LinkUse {
  const use = linkUse.getStore();
  if (!use) throw new AppError('resource.not_found');
  return use;
}

const UploadTarget = z
  .object({
    requestId: z.uuid({ message: 'must be an id (UUID)' }),
    kind: DocumentKind,
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(
        (title) => isStorableText(title) && !hasDirectionControl(title),
        'contains a character not accepted',
      ),
  })
  .strict();

function uploadTarget(metadata: Upload['metadata']) {
  const raw = metadata ?? {};
  const parsed = UploadTarget.safeParse({
    requestId: raw.requestId ?? undefined,
    kind: raw.kind ?? undefined,
    title: raw.title ?? undefined,
  });
  if (parsed.success) return parsed.data;
  throw new AppError('request.validation_failed', {
    errors: parsed.error.issues.map((issue) => ({
      path: ['metadata', ...issue.path].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}

function createProviderTusServer(deps: AppDeps): Server {
  const { config } = deps;
  const staging = documentStaging(config);
  return new Server({
    path: PROVIDER_UPLOADS_PATH,
    datastore: staging,
    locker: new PostgresUploadLocker(deps.pool, deps.bus),
    maxSize: config.documentMaxBytes,
    relativeLocation: true,
    allowedOrigins: config.allowedOrigins,
    allowedHeaders: [PROVIDER_TOKEN_HEADER],
    async onUploadCreate(_req, upload) {
      const { ctx, token } = currentUse();
      const target = uploadTarget(upload.metadata);
      await prepareProviderUpload(ctx, target.requestId, token, target.kind);
      return { metadata: { requestId: target.requestId, kind: target.kind, title: target.title } };
    },
    async onIncomingRequest(req, id) {
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const { ctx, token } = currentUse();
      const upload = await staging.getUpload(id);
      const target = uploadTarget(upload.metadata);
      // The token must open the request the upload was made for: another request's link gets 404.
      await prepareProviderUpload(ctx, target.requestId, token, target.kind);
    },
    async onUploadFinish(_req, upload) {
      const { ctx, token } = currentUse();
      try {
        const target = uploadTarget(upload.metadata);
        await receiveProviderUpload(ctx, config, {
          ...target,
          token,
          source: staging.readPlaintext(upload.id),
        });
        return { status_code: 204 };
      } finally {
        await staging.remove(upload.id).catch(() => undefined);
      }
    },
    onResponseError(req, error) {
      const ctx = linkUse.getStore()?.ctx;
      if (error instanceof AppError || !('status_code' in error)) {
        const { appError, unexpected } = toAppError(error);
        if (unexpected) ctx?.log.error({ err: error }, 'unexpected error in a provider upload');
        const path = new URL(req.url).pathname;
        return {
          status_code: appError.status,
          body: JSON.stringify(problemOf(appError, ctx?.requestId ?? '', path)),
        };
      }
      return undefined;
    },
  });
}

export async function providerUploadRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    let tus: Server | undefined;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      tus ??= createProviderTusServer(deps);
      const server = tus;
      const header = request.headers[PROVIDER_TOKEN_HEADER];
      const token = typeof header === 'string' ? header : undefined;
      reply.hijack();
      reply.raw.setHeader('referrer-policy', 'no-referrer');
      try {
        await linkUse.run({ ctx: request.ctx, token }, () => server.handle(request.raw, reply.raw));
      } catch (error) {
        request.log.error({ err: error }, 'provider upload failed');
        reply.raw.destroy();
      }
    };
    const schema = { hide: true };
    const config = { access: 'public' as const, inFlight: 'upload' as const };
    scope.route({ method: ['POST', 'OPTIONS'], url: PROVIDER_UPLOADS_PATH, schema, config, handler });
    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${PROVIDER_UPLOADS_PATH}/:uploadId`,
      schema,
      config,
      handler,
    });
  });
}
