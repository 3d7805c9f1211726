import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  Specialist,
  SpecialistImportReport,
  SpecialistList,
  SpecialistListQuery,
  SpecialistMatchList,
  SpecialistMatchSearch,
} from '../../../shared/specialists.js';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { matchSpecialistsForCase } from './candidate-retrieval.js';
import * as specialists from './service.js';

const ImportQuery = z
  .object({
    skipInvalid: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true')
      .describe('import the valid rows and report the bad ones'),
  })
  .strict();

const importMediaTypes = { 'text/csv': 'csv', 'application/fhir+json': 'fhir' } as const;

export async function specialistRoutes(app: AppInstance, _deps: AppDeps): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin as AppInstance;
    // Network files are read as they arrive (see import.ts), never buffered whole by Fastify.
    scope.addContentTypeParser(Object.keys(importMediaTypes), (_request, payload, done) =>
      done(null, payload),
    );

    scope.post(
      '/api/v1/specialist-imports',
      {
        schema: {
          tags: ['specialists'],
          summary:
            'Import specialists from a CSV file (text/csv) or a FHIR R4 Bundle (application/fhir+json)',
          description:
            'Operations only. All or nothing: with any rejected row nothing is written (422 ' +
            '`specialist_import.rejected`, the report in `report`) unless `skipInvalid=true`. The formats are ' +
            'described in the operations guide.',
          querystring: ImportQuery,
          response: { 201: SpecialistImportReport },
        },
      },
      async (request, reply) => {
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const format = importMediaTypes[mediaType as keyof typeof importMediaTypes];
        if (!format) throw new AppError('request.unsupported_media_type');
        const report = await specialists.importNetwork(request.ctx, {
          format,
          source: request.body as Readable,
          skipInvalid: request.query.skipInvalid,
        });
        if (!report.applied) throw new AppError('specialist_import.rejected', { extensions: { report } });
        return reply.code(201).send(report);
      },
    );
  });

  app.get(
    '/api/v1/specialists',
    {
      schema: {
        tags: ['specialists'],
        summary: 'The specialist network, newest first (case managers and operations)',
        querystring: SpecialistListQuery,
        response: { 200: SpecialistList },
      },
    },
    async (request) => specialists.listSpecialists(request.ctx, request.query),
  );

  app.get(
    '/api/v1/specialists/:id',
    {
      schema: {
        tags: ['specialists'],
        summary: 'A specialist of the network (case managers and operations)',
        params: IdParams,
        response: { 200: Specialist },
      },
    },
    async (request) => specialists.getSpecialist(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/specialist-matches',
    {
      schema: {
        tags: ['specialists'],
        summary:
          'The specialists best suited to review the case, with why (the assigned case manager and operations)',
        description:
          'Never the doctor or institution of the first opinion, never one who does not accept reviews, and ' +
          'none without a free place unless `includeFull` is true. A search, not a creation: it answers ' +
          "200 and changes nothing; its criteria (the member's condition) travel in the body, never in " +
          'the address. The read is audited.',
        params: IdParams,
        body: SpecialistMatchSearch,
        response: { 200: SpecialistMatchList },
      },
    },
    async (request) => matchSpecialistsForCase(request.ctx, request.params.id, request.body),
  );
}
