import type { DataExport, ErasurePlan, PrivacyRequest } from '../../../shared/privacy.js';
import type { DataExportRow, PrivacyRequestRow } from './repo.js';

export const archivePath = (id: string) => `/api/v1/me/data-exports/${id}/archive`;

export function presentExport(row: DataExportRow): DataExport {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    sizeBytes: row.status === 'ready' ? row.sizeBytes : null,
    downloadPath: row.status === 'ready' ? archivePath(row.id) : null,
  };
}

export function presentRequest(
  row: PrivacyRequestRow,
  officerView?: {
    member: { id: string; name: string; memberNumber: string };
    erasurePlan: ErasurePlan | null;
  },
): PrivacyRequest {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    message: row.message,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    dueSoon: row.status === 'open' && row.remindedForDueAt?.getTime() === row.dueAt.getTime(),
    extendedAt: row.extendedAt?.toISOString() ?? null,
    extensionReason: row.extensionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    answer: row.answer,
    version: row.version,
    member: officerView?.member ?? null,
    erasurePlan: officerView?.erasurePlan ?? null,
  };
}
