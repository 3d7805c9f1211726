import type { StaffingForecastView, StaffingPlanRequestInput, StaffingPlanView } from '../../shared/planning';
import { request } from './client';

/** The staffing planner of the ops console (`/api/v1/staffing-forecast`, `/api/v1/staffing-plans`). */
export const planningApi = {
  forecast: (weeks = 4) => request<StaffingForecastView>('GET', `/api/v1/staffing-forecast?weeks=${weeks}`),
  requestPlan: (body: StaffingPlanRequestInput) =>
    request<StaffingPlanView>('POST', '/api/v1/staffing-plans', body),
  plan: (id: string) => request<StaffingPlanView>('GET', `/api/v1/staffing-plans/${id}`),
};

export const planningKeys = {
  forecast: ['staffing-forecast'] as const,
  plan: (id: string) => ['staffing-plan', id] as const,
};
