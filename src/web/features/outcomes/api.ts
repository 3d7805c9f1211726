import type {
  CallAnswer,
  CaseOutcome,
  CheckInAnswer,
  FollowUpAnswer,
  OutcomeAnalytics,
  OutcomeBreakdown,
  OutcomeReconciliation,
  OutcomeReconciliationEdit,
} from '../../../shared/outcomes';
import { request } from '../../api/client';

/** The outcomes room's endpoints (see docs/outcomes.md). */
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

const outcomeUrl = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/outcome`;

export const outcomesApi = {
  analytics: (filter: AnalyticsFilter) =>
    request<OutcomeAnalytics>('GET', `/api/v1/outcome-analytics?${query(filter)}`),
  /** The same figures as a CSV file: a plain link, which the browser downloads with the session. */
  exportUrl: (filter: AnalyticsFilter) => `/api/v1/outcome-analytics/export?${query(filter)}`,
  /** The case's one answer, the panel's verdicts (staff) and the member's answers. */
  caseOutcome: (caseId: string) => request<CaseOutcome>('GET', outcomeUrl(caseId)),
  reconcile: (caseId: string, body: OutcomeReconciliation) =>
    request<CaseOutcome>('POST', outcomeUrl(caseId), body),
  editReconciliation: (caseId: string, body: OutcomeReconciliationEdit) =>
    request<CaseOutcome>('PUT', outcomeUrl(caseId), body),
  /** The member's answer at a check-in. */
  answerCheckIn: (caseId: string, followUpId: string, body: CheckInAnswer) =>
    request<FollowUpAnswer>(
      'POST',
      `/api/v1/cases/${encodeURIComponent(caseId)}/follow-ups/${encodeURIComponent(followUpId)}/outcome-answer`,
      body,
    ),
  /** What the member told the case manager on a call; the key makes a retry harmless. */
  recordCallAnswer: (caseId: string, body: CallAnswer, idempotencyKey: string) =>
    request<FollowUpAnswer>('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/outcome-answers`, body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
};

export const outcomesKeys = {
  analytics: (filter: AnalyticsFilter) => ['outcome-analytics', filter] as const,
  ofCase: (caseId: string) => ['case', caseId, 'outcome'] as const,
};
