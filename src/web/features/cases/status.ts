import type { CaseStatus } from '../../../shared/cases';

/** Each status in words; written out so that the catalogue test sees every key used. */
export const caseStatusKey = {
  submitted: 'caseStatus.submitted',
  assigned: 'caseStatus.assigned',
  contacted: 'caseStatus.contacted',
  gathering_information: 'caseStatus.gathering_information',
  under_review: 'caseStatus.under_review',
  opinion_ready: 'caseStatus.opinion_ready',
  recommendations_delivered: 'caseStatus.recommendations_delivered',
  monitoring: 'caseStatus.monitoring',
  closed: 'caseStatus.closed',
  withdrawn: 'caseStatus.withdrawn',
} as const satisfies Record<CaseStatus, string>;

/** A case the member can still act on (write, upload, withdraw). */
export const isOpenStatus = (status: CaseStatus) => status !== 'closed' && status !== 'withdrawn';

/** The recommendations can be read from these statuses on. */
export const recommendationsVisible = (status: CaseStatus) =>
  status === 'recommendations_delivered' || status === 'monitoring' || status === 'closed';
