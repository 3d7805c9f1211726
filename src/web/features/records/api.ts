import type {
  CollectionClock,
  Provider,
  ProviderAnswer,
  ProviderCreation,
  ProviderList,
  ProviderPage,
  ProviderRequest,
  ProviderRequestCreation,
  RecordsChecklist,
  Release,
  ReleaseSigning,
} from '../../../shared/records';
import { PROVIDER_TOKEN_HEADER } from '../../../shared/records';
import { request } from '../../api/client';

/** The records room's endpoints: providers, releases, requests to providers, the provider's link. */
const ofCase = (caseId: string, rest: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/${rest}`;
const link = (requestId: string) => `/api/v1/provider-links/${encodeURIComponent(requestId)}`;

export const recordsKeys = {
  providers: (caseId: string) => ['cases', caseId, 'providers'] as const,
  checklist: (caseId: string) => ['cases', caseId, 'provider-requests'] as const,
  collectionClock: ['records', 'collection-clock'] as const,
  providerPage: (requestId: string) => ['provider-link', requestId] as const,
};

export const recordsApi = {
  providers: (caseId: string) => request<ProviderList>('GET', ofCase(caseId, 'providers')),
  addProvider: (caseId: string, body: ProviderCreation) =>
    request<Provider>('POST', ofCase(caseId, 'providers'), body),
  checklist: (caseId: string) => request<RecordsChecklist>('GET', ofCase(caseId, 'provider-requests')),
  askProvider: (caseId: string, body: ProviderRequestCreation) =>
    request<ProviderRequest>('POST', ofCase(caseId, 'provider-requests'), body),
  revoke: (caseId: string, requestId: string) =>
    request<ProviderRequest>(
      'POST',
      ofCase(caseId, `provider-requests/${encodeURIComponent(requestId)}/revocation`),
      {},
    ),
  signRelease: (caseId: string, body: ReleaseSigning, idempotencyKey: string) =>
    request<Release>('POST', ofCase(caseId, 'releases'), body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  withdrawRelease: (caseId: string, releaseId: string) =>
    request<Release>('POST', ofCase(caseId, `releases/${encodeURIComponent(releaseId)}/withdrawal`), {}),
  collectionClock: () => request<CollectionClock>('GET', '/api/v1/records-collection-clock'),
  // The provider's page: the token travels in a header, never in an address a server logs.
  providerPage: (requestId: string, token: string) =>
    request<ProviderPage>('GET', link(requestId), undefined, { headers: { [PROVIDER_TOKEN_HEADER]: token } }),
  answer: (requestId: string, token: string, body: ProviderAnswer) =>
    request<null>('POST', `${link(requestId)}/answers`, body, {
      headers: { [PROVIDER_TOKEN_HEADER]: token },
    }),
};
