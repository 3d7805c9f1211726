import { z } from 'zod';
import { AccessLog } from '../../../shared/audit.js';
import { PageQuery } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { readAccessLog } from './service.js';

export async function auditRoutes(app: AppInstance, _deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/me/access-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who accessed my data: every read and change by staff, newest first',
        querystring: PageQuery.extend({
          includeOwn: z
            .enum(['true', 'false'])
            .default('false')
            .transform((value) => value === 'true')
            .describe('Also list your own accesses'),
          memberId: z
            .uuid({ message: 'must be an id (UUID)' })
            .optional()
            .describe("A guardian: the dependant whose file's accesses to list (yours when omitted)"),
        }),
        response: { 200: AccessLog },
      },
    },
    async (request) => readAccessLog(request.ctx, request.query),
  );
}
