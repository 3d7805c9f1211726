import { CoverCheckRequest, CoverCheckResult } from '../../../shared/coverage.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { BENEFIT_RULES_SCHEMA_PATH, benefitRulesJsonSchema } from './rules-schema.js';
import { runCoverCheck } from './service.js';

export async function coverageRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/cases/:id/cover-checks',
    {
      schema: {
        tags: ['coverage'],
        summary:
          "The cover check for the case's member: covered, covered once pre-authorised, partly covered or not covered, with every rule that decided it (the assigned case manager, operations, the member)",
        params: IdParams,
        body: CoverCheckRequest,
        response: { 200: CoverCheckResult },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return runCoverCheck(request.ctx, request.params.id, request.body);
    },
  );

  const schema = benefitRulesJsonSchema();
  app.get(
    BENEFIT_RULES_SCHEMA_PATH,
    {
      config: { access: 'public' },
      schema: {
        tags: ['coverage'],
        summary: 'The JSON Schema of the benefit rules file (docs/coverage.md), public',
        security: [],
      },
    },
    async (_request, reply) => reply.type('application/schema+json').send(schema),
  );
}
