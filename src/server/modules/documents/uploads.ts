import { AsyncLocalStorage } from 'node:async_hooks';
import { Server, type Upload } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DocumentUploadFields } from '../../../shared/documents.js';
import type { RequestContext } from '../../platform/context.js';
import { actorOf } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { problemOf, toAppError } from '../../platform/http/problem.js';
import { hasDirectionControl, isStorableText } from '../../platform/http/text.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { prepareUpload, uploadDocument } from './service.js';
import { documentStaging } from './store.js';
import { PostgresUploadLocker } from './upload-lock.js';

/**
 * Resumable uploads (the tus protocol, v1.0.0) under /api/v1/uploads, for large imaging files on
 * poor connections. The session authenticates every request (the /api actor hook runs first); the
 * tus server receives the raw request and answers on the raw response.
 *
 * - Create: `POST /api/v1/uploads` with `Upload-Length` and `Upload-Metadata` carrying `caseId`,
 *   `kind`, `title` (and optionally `documentDate`, `recordRequestId`). Access to the case and the
 *   fields are checked before the upload exists. Other metadata (a file name...) is dropped.
 * - Resume: `HEAD` tells the offset, `PATCH` sends from it. Only the account that created an
 *   upload may see or continue it; anyone else gets 404.
 * - Finish: the last `PATCH` runs the same pipeline as a multipart upload (sniff, check against
 *   the kind, hash, encrypt, record) and the staging file is deleted, whatever the outcome. The
 *   204 carries `Content-Location` of the new document.
 * - Discover: `OPTIONS /api/v1/uploads` answers `Tus-Max-Size` (DOCUMENT_MAX_BYTES).
 * - Unfinished uploads are removed after 24 hours by `sweepOrphanBlobs`.
 *
 * The tus lock is in process memory: one upload must keep talking to one instance (sticky
 * sessions), which the local staging folder requires anyway.
 */
/** Reads upload fields (multipart fields or tus metadata) the way a JSON body would be validated. */
export function parseUploadFields(
  raw: Record<string, string | undefined>,
  where: string,
): DocumentUploadFields {
  // A form sends an empty string for an optional field left blank.
  const given = Object.fromEntries(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  // Every upload field is one line (a kind, a title, a date, an id), read as a JSON body's would be:
  // text PostgreSQL cannot keep, or a character that would reorder what others read, is refused.
  const unstorable = Object.keys(given).filter((key) => !isStorableText(given[key] as string));
  if (unstorable.length > 0)
    throw new AppError('request.invalid_characters', {
      errors: unstorable.map((key) => ({
        path: `${where}.${key}`,
        code: 'invalid_characters',
        message: 'contains a NUL character or a broken (lone surrogate) character',
      })),
    });
  const reordering = Object.keys(given).filter((key) => hasDirectionControl(given[key] as string));
  if (reordering.length > 0)
    throw new AppError('request.direction_controls', {
      errors: reordering.map((key) => ({
        path: `${where}.${key}`,
        code: 'direction_control',
        message: 'contains a character that reverses or reorders the text (U+202A-U+202E, U+2066-U+2069)',
      })),
    });
  const parsed = DocumentUploadFields.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new AppError('request.validation_failed', {
    errors: parsed.error.issues.flatMap((issue) => {
      const keys = (issue as { keys?: string[] }).keys;
      const paths = keys?.length ? keys.map((key) => [...issue.path, key]) : [issue.path];
      return paths.map((path) => ({
        path: [where, ...path].join('.'),
        code: issue.code,
        message: issue.message,
      }));
    }),
  });
}

const UPLOADS_PATH = '/api/v1/uploads';

const requestContext = new AsyncLocalStorage<RequestContext>();

function currentContext(): RequestContext {
  const ctx = requestContext.getStore();
  if (!ctx) throw new AppError('auth.unauthenticated');
  return ctx;
}

const CaseIdMetadata = z.object({ caseId: z.uuid({ message: 'must be an id (UUID)' }) });

function uploadTarget(metadata: Upload['metadata']) {
  const raw = metadata ?? {};
  const caseId = CaseIdMetadata.safeParse({ caseId: raw.caseId ?? undefined });
  if (!caseId.success) {
    throw new AppError('request.validation_failed', {
      errors: [{ path: 'metadata.caseId', code: 'invalid', message: 'must be an id (UUID)' }],
    });
  }
  const fields = parseUploadFields(
    {
      kind: raw.kind ?? undefined,
      title: raw.title ?? undefined,
      documentDate: raw.documentDate ?? undefined,
      recordRequestId: raw.recordRequestId ?? undefined,
    },
    'metadata',
  );
  return { caseId: caseId.data.caseId, fields };
}

function createTusServer(deps: AppDeps): Server {
  const { config } = deps;
  const staging = documentStaging(config);
  const tus: Server = new Server({
    path: UPLOADS_PATH,
    datastore: staging,
    // One request at a time per upload across every instance (its pieces may be in a shared bucket).
    locker: new PostgresUploadLocker(deps.pool, deps.bus),
    maxSize: config.documentMaxBytes,
    relativeLocation: true,
    allowedOrigins: config.allowedOrigins,
    async onUploadCreate(_req, upload) {
      const ctx = currentContext();
      const { caseId, fields } = uploadTarget(upload.metadata);
      await prepareUpload(ctx, caseId, fields);
      const metadata: Record<string, string> = { caseId, kind: fields.kind, title: fields.title };
      if (fields.documentDate) metadata.documentDate = fields.documentDate;
      if (fields.recordRequestId) metadata.recordRequestId = fields.recordRequestId;
      metadata.owner = actorOf(ctx).userId;
      return { metadata };
    },
    async onIncomingRequest(req, id) {
      if (req.method === 'POST') return;
      const ctx = currentContext();
      const upload = await staging.getUpload(id);
      if (upload.metadata?.owner !== actorOf(ctx).userId) throw new AppError('resource.not_found');
    },
    async onUploadFinish(_req, upload) {
      const ctx = currentContext();
      try {
        const { caseId, fields } = uploadTarget(upload.metadata);
        const document = await uploadDocument(ctx, config, {
          caseId,
          fields,
          source: staging.readPlaintext(upload.id),
          via: 'resumable',
        });
        return {
          status_code: 204,
          headers: { 'Content-Location': `/api/v1/cases/${caseId}/documents/${document.id}` },
        };
      } finally {
        await staging.remove(upload.id).catch(() => undefined);
      }
    },
    onResponseError(req, error) {
      const ctx = requestContext.getStore();
      if (error instanceof AppError || !('status_code' in error)) {
        const { appError, unexpected } = toAppError(error);
        if (unexpected) ctx?.log.error({ err: error }, 'unexpected error in a resumable upload');
        const path = new URL(req.url).pathname;
        return {
          status_code: appError.status,
          body: JSON.stringify(problemOf(appError, ctx?.requestId ?? '', path)),
        };
      }
      return undefined;
    },
  });
  return tus;
}

export async function resumableUploadRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    // The body is the tus server's to read, as a stream.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    let tus: Server | undefined;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      tus ??= createTusServer(deps);
      const server = tus;
      reply.hijack();
      try {
        await requestContext.run(request.ctx, () => server.handle(request.raw, reply.raw));
      } catch (error) {
        request.log.error({ err: error }, 'resumable upload failed');
        reply.raw.destroy();
      }
    };
    const schema = { hide: true };
    const config = { inFlight: 'upload' as const };
    // OPTIONS is tus's discovery request: the answer's `Tus-Max-Size` is the largest file taken,
    // which the web app reads to refuse a file over the cap before sending it.
    scope.route({ method: ['POST', 'OPTIONS'], url: UPLOADS_PATH, schema, config, handler });
    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${UPLOADS_PATH}/:uploadId`,
      schema,
      config,
      handler,
    });
  });
}
