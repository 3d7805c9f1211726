import { FhirBundle, FhirExportQuery, type FhirBundleBody } from '../../../shared/interop.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { exportCase } from './service.js';

export async function interopRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/cases/:id/fhir',
    {
      schema: {
        tags: ['interoperability'],
        summary: 'The case as a FHIR R4 Bundle (collection); `?include=binary` adds the documents’ content',
        params: IdParams,
        querystring: FhirExportQuery,
        response: { 200: FhirBundle },
      },
    },
    async (request, reply) => {
      const bundle = await exportCase(request.ctx, request.params.id, {
        publicUrl: deps.config.publicUrl,
        ...(request.query.include === 'binary' && { content: deps.config }),
      });
      // FHIR's own types (fhir/r4) are interfaces the loose response schema cannot name.
      return reply.type('application/fhir+json; charset=utf-8').send(bundle as unknown as FhirBundleBody);
    },
  );
}
