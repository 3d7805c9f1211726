import type { z } from 'zod';
import type { CoverCheckRequest, CoverCheckResult } from '../../../shared/coverage';
import type {
  PreauthorisationDecision,
  PreauthorisationForAssessor,
  PreauthorisationQueue,
  Referral,
  ReferralDraft,
} from '../../../shared/referrals';
import { request } from '../../api/client';

/** The referrals room's endpoints (docs/referrals.md). */
const caseReferrals = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/referrals`;

export const referralsApi = {
  list: (caseId: string) => request<{ items: Referral[] }>('GET', caseReferrals(caseId)),
  create: (caseId: string, body: z.input<typeof ReferralDraft>, idempotencyKey: string) =>
    request<Referral>('POST', caseReferrals(caseId), body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  /** The cover check for the case's member, before referring (docs/coverage.md). */
  checkCover: (caseId: string, body: z.input<typeof CoverCheckRequest>) =>
    request<CoverCheckResult>('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/cover-checks`, body),
  withdraw: (caseId: string, referralId: string, body: { reason: string | null }) =>
    request<Referral>('POST', `${caseReferrals(caseId)}/${encodeURIComponent(referralId)}/withdrawal`, body),
  answer: (caseId: string, preauthorisationId: string, body: { version: number; answer: string }) =>
    request<Referral>(
      'POST',
      `/api/v1/cases/${encodeURIComponent(caseId)}/preauthorisations/${encodeURIComponent(preauthorisationId)}/information`,
      body,
    ),
  queue: (status: 'open' | 'decided') =>
    request<PreauthorisationQueue>('GET', `/api/v1/preauthorisations?status=${status}`),
  decide: (id: string, body: PreauthorisationDecision) =>
    request<PreauthorisationForAssessor>(
      'POST',
      `/api/v1/preauthorisations/${encodeURIComponent(id)}/decisions`,
      body,
    ),
};

/** Where the letters are downloaded (a plain link: the browser saves the PDF). */
export const letterUrl = (caseId: string, referralId: string) =>
  `${caseReferrals(caseId)}/${encodeURIComponent(referralId)}/letter`;
export const guaranteeUrl = (caseId: string, referralId: string) =>
  `${caseReferrals(caseId)}/${encodeURIComponent(referralId)}/guarantee-letter`;

/** The guarantee as the cover assessor downloads it from the desk (they do not see the case). */
export const assessorGuaranteeUrl = (preauthorisationId: string) =>
  `/api/v1/preauthorisations/${encodeURIComponent(preauthorisationId)}/guarantee-letter`;

export const referralKeys = {
  ofCase: (caseId: string) => ['case', caseId, 'referrals'] as const,
  queue: (status: 'open' | 'decided') => ['preauthorisations', status] as const,
};
