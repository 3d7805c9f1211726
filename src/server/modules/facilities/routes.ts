import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  Facility,
  FacilityCorrection,
  FacilityImportReport,
  FacilitySearch,
  FacilitySearchResult,
} from '../../../shared/facilities.js';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import * as facilities from './service.js';

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

export async function facilityRoutes(app: AppInstance, _deps: AppDeps): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin as AppInstance;
    // Register files are read as they arrive (see import.ts), never buffered whole by Fastify.
    scope.addContentTypeParser(Object.keys(importMediaTypes), (_request, payload, done) =>
      done(null, payload),
    );

    scope.post(
      '/api/v1/facility-imports',
      {
        schema: {
          tags: ['facilities'],
          summary:
            'Import facilities from a CSV file (text/csv) or a FHIR R4 Bundle of Location, Organization and ' +
            'HealthcareService (application/fhir+json)',
          description:
            'Operations only. All or nothing: with any rejected row nothing is written (422 ' +
            '`facility_import.rejected`, the report in `report`) unless `skipInvalid=true`. The formats are ' +
            'described in docs/facilities.md.',
          querystring: ImportQuery,
          response: { 201: FacilityImportReport },
        },
      },
      async (request, reply) => {
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const format = importMediaTypes[mediaType as keyof typeof importMediaTypes];
        if (!format) throw new AppError('request.unsupported_media_type');
        const report = await facilities.importFacilities(request.ctx, {
          format,
          source: request.body as Readable,
          skipInvalid: request.query.skipInvalid,
        });
        if (!report.applied) throw new AppError('facility_import.rejected', { extensions: { report } });
        return reply.code(201).send(report);
      },
    );
  });

  app.post(
    '/api/v1/facility-searches',
    {
      schema: {
        tags: ['facilities'],
        summary: 'Find facilities near a point or a city, or in a country, ranked with the reasons',
        description:
          'Case managers, operations and members. A search, not a creation: it answers 200 and changes ' +
          'nothing; its criteria (a service, where the member is) travel in the body, never in the address. ' +
          'Filters: service, languages, accreditation, direct billing, kind, open now (in the facility’s own ' +
          'time zone). Paged with `cursor`; at most 50 facilities are ranked.',
        body: FacilitySearch,
        response: { 200: FacilitySearchResult },
      },
    },
    async (request) => facilities.searchFacilities(request.ctx, request.body),
  );

  app.get(
    '/api/v1/facilities/:id',
    {
      schema: {
        tags: ['facilities'],
        summary: 'A facility of the register (case managers, operations and members)',
        params: IdParams,
        response: { 200: Facility },
      },
    },
    async (request) => facilities.getFacility(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/facilities/:id',
    {
      schema: {
        tags: ['facilities'],
        summary: 'Correct a facility of the register (operations), at the version read',
        description:
          '409 `resource.version_conflict` when someone changed it since. Audited with the fields changed.',
        params: IdParams,
        body: FacilityCorrection,
        response: { 200: Facility },
      },
    },
    async (request) => facilities.correctFacility(request.ctx, request.params.id, request.body),
  );
}
