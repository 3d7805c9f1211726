import { z } from 'zod';
import {
  StaffingForecastQuery,
  StaffingForecastView,
  StaffingPlanRequest,
  StaffingPlanView,
} from '../../../shared/planning.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { readStaffingForecast, readStaffingPlan, requestStaffingPlan } from './staffing-service.js';

export async function planningRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/staffing-forecast',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Operations: what the staffing planner can plan on: next week from the submissions of the last weeks (counts only), or the example scenarios',
        querystring: StaffingForecastQuery,
        response: { 200: StaffingForecastView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readStaffingForecast(request.ctx, request.query);
    },
  );

  app.post(
    '/api/v1/staffing-plans',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Operations: ask for the smallest roster that keeps a target, with what-ifs; planned by a job, read back with GET',
        body: StaffingPlanRequest,
        response: { 202: StaffingPlanView },
      },
    },
    async (request, reply) => {
      const plan = await requestStaffingPlan(request.ctx, request.body, { seeds: deps.config.planner.seeds });
      return reply.code(202).header('location', `/api/v1/staffing-plans/${plan.id}`).send(plan);
    },
  );

  app.get(
    '/api/v1/staffing-plans/:id',
    {
      schema: {
        tags: ['planning'],
        summary: 'Operations: a staffing plan, queued, running, done (with the roster proposed) or failed',
        params: z.object({ id: z.uuid() }),
        response: { 200: StaffingPlanView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readStaffingPlan(request.ctx, request.params.id);
    },
  );
}
