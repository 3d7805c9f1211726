import type {
  EmployerHubFigures,
  EmployerHubOverview,
  EmployerPlanAddOns,
  EmployerPlanAddOnsChange,
  HubBreakdown,
  MyVirtualCare,
} from '../../shared/employers';
import { request } from './client';

const hubUrl = (employerId: string) => `/api/v1/employer-hub/${encodeURIComponent(employerId)}`;

/** The employer's hub (aggregates only), the add-ons of employer plans, and a member's Virtual Care. */
export const employersApi = {
  myHub: () => request<EmployerHubOverview>('GET', '/api/v1/me/employer-hub'),
  figures: (employerId: string, quarter: string, breakdown: HubBreakdown) =>
    request<EmployerHubFigures>(
      'GET',
      `${hubUrl(employerId)}/figures?quarter=${encodeURIComponent(quarter)}&breakdown=${breakdown}`,
    ),
  employerPlans: () => request<{ items: EmployerPlanAddOns[] }>('GET', '/api/v1/employer-plans'),
  changeAddOns: (
    plan: Pick<EmployerPlanAddOns, 'employerId' | 'planProductId'>,
    change: EmployerPlanAddOnsChange,
  ) =>
    request<EmployerPlanAddOns>(
      'PUT',
      `/api/v1/employer-plans/${encodeURIComponent(plan.employerId)}/${encodeURIComponent(plan.planProductId)}/add-ons`,
      change,
    ),
  myVirtualCare: () => request<MyVirtualCare>('GET', '/api/v1/me/virtual-care'),
};

export const employerKeys = {
  myHub: ['employer-hub', 'mine'] as const,
  figures: (employerId: string, quarter: string, breakdown: HubBreakdown) =>
    ['employer-hub', employerId, quarter, breakdown] as const,
  employerPlans: ['employer-plans'] as const,
  myVirtualCare: ['me', 'virtual-care'] as const,
};
