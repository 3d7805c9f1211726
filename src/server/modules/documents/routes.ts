import { z } from 'zod';
import {
  CaseDocument,
  RecordChecklist,
  RecordRequest,
  RecordRequestCreation,
  SharingConsent,
  SharingConsentCreation,
} from '../../../shared/documents.js';
import { AppError } from '../../platform/errors.js';
import { allowFramingBySelf, viewableInPage } from '../../platform/http/framing.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import * as documents from './service.js';
import { parseUploadFields, resumableUploadRoutes } from './uploads.js';

const DocumentParams = z
  .object({
    id: z.uuid({ message: 'must be an id (UUID)' }),
    documentId: z.uuid({ message: 'must be an id (UUID)' }),
  })
  .strict();
const ConsentParams = z
  .object({
    id: z.uuid({ message: 'must be an id (UUID)' }),
    consentId: z.uuid({ message: 'must be an id (UUID)' }),
  })
  .strict();

const ContentQuery = z
  .object({
    disposition: z
      .enum(['attachment', 'inline'])
      .default('attachment')
      .describe('inline: a PDF or an image the browser shows in the page (framed by this site only)'),
  })
  .strict();

export async function documentRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;

  app.post(
    '/api/v1/cases/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary:
          'Add a record to the case (multipart/form-data: kind, title, documentDate?, recordRequestId?, then one file)',
        description:
          'The fields must come before the file. The type is read from the content, not the name; see the API guide ' +
          'for which types each kind accepts. For large files use the resumable uploads under /api/v1/uploads.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: CaseDocument },
      },
      config: { inFlight: 'upload' },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('request.unsupported_media_type');
      const fields: Record<string, string> = {};
      let document: CaseDocument | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        if (document) throw new AppError('request.validation_failed');
        const file = part.file;
        document = await documents.uploadDocument(request.ctx, config, {
          caseId: request.params.id,
          fields: parseUploadFields(fields, 'body'),
          source: file,
          via: 'multipart',
          // At the size limit the parser cuts the file short and ends it normally: not a whole file.
          beforeCommit: () => {
            if (file.truncated) throw new AppError('upload.too_large');
          },
        });
      }
      if (!document) throw new AppError('upload.file_missing');
      return reply
        .status(201)
        .header('location', `/api/v1/cases/${document.caseId}/documents/${document.id}`)
        .send(document);
    },
  );

  app.get(
    '/api/v1/cases/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The records of the case (metadata)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CaseDocument) }) },
      },
    },
    async (request) => documents.listDocuments(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/cases/:id/documents/:documentId/content',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download a record (decrypted and verified as it streams)',
        params: DocumentParams,
        querystring: ContentQuery,
      },
    },
    async (request, reply) => {
      const content = await documents.openDocument(
        request.ctx,
        config,
        request.params.id,
        request.params.documentId,
      );
      const inline = request.query.disposition === 'inline' && viewableInPage.has(content.mediaType);
      // The case view frames it; only this site may.
      if (inline) allowFramingBySelf(reply);
      return reply
        .header('content-type', content.mediaType)
        .header('content-length', String(content.sizeBytes))
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${content.fileName}"`)
        .header('cache-control', 'no-store')
        .send(content.stream);
    },
  );

  app.post(
    '/api/v1/cases/:id/record-requests',
    {
      schema: {
        tags: ['documents'],
        summary: 'The case manager asks for a record, from the member or the treating provider',
        params: IdParams,
        body: RecordRequestCreation,
        response: { 201: RecordRequest },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await documents.createRecordRequest(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/cases/:id/record-requests',
    {
      schema: {
        tags: ['documents'],
        summary: 'The checklist: records requested, received and outstanding',
        params: IdParams,
        response: { 200: RecordChecklist },
      },
    },
    async (request) => documents.listRecordRequests(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/sharing-consents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The member consents to share all records, or the listed ones, with reviewing specialists',
        params: IdParams,
        body: SharingConsentCreation,
        response: { 201: SharingConsent },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await documents.giveSharingConsent(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/sharing-consents/:consentId/withdrawal',
    {
      schema: {
        tags: ['documents'],
        summary: 'The member withdraws a consent to share',
        params: ConsentParams,
        response: { 201: SharingConsent },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await documents.withdrawSharingConsent(request.ctx, request.params.id, request.params.consentId),
        ),
  );

  app.get(
    '/api/v1/cases/:id/sharing-consents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Consents to share, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(SharingConsent) }) },
      },
    },
    async (request) => documents.listSharingConsents(request.ctx, request.params.id),
  );

  await resumableUploadRoutes(app, deps);
}
