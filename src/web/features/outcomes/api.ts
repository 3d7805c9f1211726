import type { OutcomeAnalytics, OutcomeBreakdown } from '../../../shared/outcomes';
import { request } from '../../api/client';

/** The outcomes room's endpoints for operations (see docs/outcomes.md). */
export interface AnalyticsFilter {
  by: OutcomeBreakdown;
  from?: string;
  to?: string;
}

const query = (filter: AnalyticsFilter) => {
  const params = new URLSearchParams({ by: filter.by });
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params.toString();
};

export const outcomesApi = {
  analytics: (filter: AnalyticsFilter) =>
    request<OutcomeAnalytics>('GET', `/api/v1/outcome-analytics?${query(filter)}`),
  /** The same figures as a CSV file: a plain link, which the browser downloads with the session. */
  exportUrl: (filter: AnalyticsFilter) => `/api/v1/outcome-analytics/export?${query(filter)}`,
};

export const outcomesKeys = {
  analytics: (filter: AnalyticsFilter) => ['outcome-analytics', filter] as const,
};
