import {
  EmployerHubFigures,
  EmployerHubOverview,
  EmployerHubQuery,
  EmployerParams,
  EmployerPlanAddOns,
  EmployerPlanAddOnsChange,
  EmployerPlanAddOnsList,
  EmployerPlanParams,
  MyVirtualCare,
} from '../../../shared/employers.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import * as employers from './service.js';

export async function employersRoutes(app: AppInstance, _deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/me/employer-hub',
    {
      schema: {
        tags: ['employers'],
        summary: "The employer admin's own company hub (as /employer-hub/:employerId for their company)",
        response: { 200: EmployerHubOverview },
      },
    },
    async (request) => employers.getMyHubOverview(request.ctx),
  );

  app.get(
    '/api/v1/employer-hub/:employerId',
    {
      schema: {
        tags: ['employers'],
        summary: "The employer's hub: its published quarters, the breakdowns, the add-ons on its plans",
        params: EmployerParams,
        response: { 200: EmployerHubOverview },
      },
    },
    async (request) => employers.getHubOverview(request.ctx, request.params.employerId),
  );

  app.get(
    '/api/v1/employer-hub/:employerId/figures',
    {
      schema: {
        tags: ['employers'],
        summary: "A quarter's aggregates for the employer's plans (counts under 5 hidden; no individual)",
        params: EmployerParams,
        querystring: EmployerHubQuery,
        response: { 200: EmployerHubFigures },
      },
    },
    async (request) => employers.getHubFigures(request.ctx, request.params.employerId, request.query),
  );

  app.get(
    '/api/v1/employer-plans',
    {
      schema: {
        tags: ['employers'],
        summary: "Every employer's plans with the add-ons their contract puts on them (operations)",
        response: { 200: EmployerPlanAddOnsList },
      },
    },
    async (request) => employers.listEmployerPlans(request.ctx),
  );

  app.put(
    '/api/v1/employer-plans/:employerId/:planProductId/add-ons',
    {
      schema: {
        tags: ['employers'],
        summary: "Operations turn an employer plan's add-ons on or off (against its version)",
        params: EmployerPlanParams,
        body: EmployerPlanAddOnsChange,
        response: { 200: EmployerPlanAddOns },
      },
    },
    async (request) =>
      employers.changeEmployerPlanAddOns(
        request.ctx,
        request.params.employerId,
        request.params.planProductId,
        request.body,
      ),
  );

  app.get(
    '/api/v1/me/virtual-care',
    {
      schema: {
        tags: ['employers'],
        summary: "The member's Virtual Care services and how to reach each, in their language",
        response: { 200: MyVirtualCare },
      },
    },
    async (request) => employers.getMyVirtualCare(request.ctx),
  );
}
