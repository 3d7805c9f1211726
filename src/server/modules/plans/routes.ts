import { EmployerOverview, HealthcareHub, MemberRecord } from '../../../shared/register.js';
import { IdParams } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import * as plans from './service.js';

export async function planRoutes(app: AppInstance, _deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/me/healthcare-hub',
    {
      schema: {
        tags: ['plans'],
        summary: "The member's Healthcare Hub: plan, Virtual Care services, dependants",
        response: { 200: HealthcareHub },
      },
    },
    async (request) => plans.getHealthcareHub(request.ctx),
  );

  app.get(
    '/api/v1/members/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'A register entry (operations and privacy officers; the read is audited)',
        params: IdParams,
        response: { 200: MemberRecord },
      },
    },
    async (request) => plans.getMemberRecord(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/employers/:id',
    {
      schema: {
        tags: ['plans'],
        summary: "An employer's Virtual Care services and head counts (aggregates only)",
        params: IdParams,
        response: { 200: EmployerOverview },
      },
    },
    async (request) => plans.getEmployerOverview(request.ctx, request.params.id),
  );
}
