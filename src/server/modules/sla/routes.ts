import { SlaDashboard, SlaSettingsView } from '../../../shared/sla.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { getSlaDashboard, getSlaSettings } from './service.js';

export async function slaRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/sla-dashboard',
    {
      schema: {
        tags: ['sla'],
        summary:
          'Operations: open cases by state, cases at risk and breached, the 24-hour promise over 7 and 30 days, workload',
        response: { 200: SlaDashboard },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getSlaDashboard(request.ctx, deps.config.sla);
    },
  );

  app.get(
    '/api/v1/sla-settings',
    {
      schema: {
        tags: ['sla'],
        summary: 'Staff: the 24-hour promise and when a case counts as at risk (warning) and escalated',
        response: { 200: SlaSettingsView },
      },
    },
    async (request) => getSlaSettings(request.ctx, deps.config.sla),
  );
}
