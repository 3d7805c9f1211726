import type {
  AuditTrailPage,
  ChainVerificationResult,
  DataExport,
  PrivacyRequest,
  PrivacyRequestCreation,
  PrivacyRequestDecision,
  PrivacyRequestExtension,
  PrivacyRequestList,
} from '../../../shared/privacy';
import { request } from '../../api/client';

/** The privacy room's endpoints: the member's data and the privacy officer's desk. */
const requestPath = (id: string, part: 'extension' | 'decision') =>
  `/api/v1/privacy-requests/${encodeURIComponent(id)}/${part}`;

export const privacyApi = {
  exports: () => request<{ items: DataExport[] }>('GET', '/api/v1/me/data-exports'),
  askExport: () => request<DataExport>('POST', '/api/v1/me/data-exports', {}),
  myRequests: () => request<{ items: PrivacyRequest[] }>('GET', '/api/v1/me/privacy-requests'),
  sendRequest: (body: PrivacyRequestCreation) =>
    request<PrivacyRequest>('POST', '/api/v1/me/privacy-requests', body),
  openRequests: () => request<PrivacyRequestList>('GET', '/api/v1/privacy-requests?status=open'),
  extend: (id: string, body: PrivacyRequestExtension) =>
    request<PrivacyRequest>('POST', requestPath(id, 'extension'), body),
  decide: (id: string, body: PrivacyRequestDecision) =>
    request<PrivacyRequest>('POST', requestPath(id, 'decision'), body),
  trail: (query: { memberNumber?: string; actorEmail?: string }) => {
    const params = new URLSearchParams();
    if (query.memberNumber) params.set('memberNumber', query.memberNumber);
    if (query.actorEmail) params.set('actorEmail', query.actorEmail);
    return request<AuditTrailPage>('GET', `/api/v1/audit-trail?${params.toString()}`);
  },
  verify: () => request<ChainVerificationResult>('POST', '/api/v1/audit-trail/verification', {}),
};

/** Where the access report of a member is downloaded (a GET the browser follows as a link). */
export const accessReportHref = (memberNumber: string) =>
  `/api/v1/access-reports?memberNumber=${encodeURIComponent(memberNumber)}`;

export const privacyKeys = {
  exports: ['privacy', 'exports'] as const,
  myRequests: ['privacy', 'my-requests'] as const,
  openRequests: ['privacy', 'open-requests'] as const,
};

export const requestKinds = ['access', 'rectification', 'erasure', 'restriction', 'objection'] as const;
