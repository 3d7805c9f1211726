import type { DocumentKind } from '../../../shared/documents.js';
import type { Provider, ProviderRequest, ProviderRequestStatus, Release } from '../../../shared/records.js';
import type { ProviderRow, ReleaseRow, RequestRow } from './repo.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;

export function presentProvider(row: ProviderRow, seesAddress: boolean): Provider {
  return {
    id: row.id,
    caseId: row.caseId,
    name: row.name,
    institution: row.institution,
    country: row.country,
    email: seesAddress ? row.email : null,
    language: row.language as Provider['language'],
    origin: row.origin as Provider['origin'],
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentRelease(row: ReleaseRow, today: string): Release {
  return {
    id: row.id,
    caseId: row.caseId,
    providerId: row.providerId,
    kinds: row.kinds as DocumentKind[],
    validUntil: row.validUntil,
    language: row.language as Release['language'],
    signedName: row.signedName,
    signedAt: row.signedAt.toISOString(),
    documentId: row.documentId,
    withdrawnAt: iso(row.withdrawnAt),
    active: row.withdrawnAt === null && row.validUntil >= today,
  };
}

/** Where a request stands, from its times: the last step reached wins. */
export function requestStatus(row: RequestRow, now: Date): ProviderRequestStatus {
  if (row.closedReason === 'withdrawn') return 'withdrawn';
  if (row.closedReason === 'revoked') return 'revoked';
  if (row.outcome === 'received') return 'received';
  if (row.outcome === 'not_held') return 'not_held';
  if (row.overdueAt || (row.expiresAt && row.expiresAt <= now)) return 'overdue';
  if (row.openedAt) return 'opened';
  if (row.sentAt) return 'sent';
  if (row.authorisedAt) return 'authorised';
  return 'requested';
}

export function presentRequest(
  item: {
    request: RequestRow;
    provider: { id: string; name: string; institution: string };
    documentCount: number;
  },
  now: Date,
): ProviderRequest {
  const { request } = item;
  return {
    id: request.id,
    caseId: request.caseId,
    provider: item.provider,
    kinds: request.kinds as DocumentKind[],
    status: requestStatus(request, now),
    releaseId: request.releaseId,
    requestedAt: request.requestedAt.toISOString(),
    authorisedAt: iso(request.authorisedAt),
    sentAt: iso(request.sentAt),
    openedAt: iso(request.openedAt),
    finishedAt: iso(request.finishedAt),
    expiresAt: iso(request.expiresAt),
    documentCount: item.documentCount,
  };
}
