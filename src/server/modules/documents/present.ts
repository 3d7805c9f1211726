import type { CaseDocument } from '../../../shared/documents.js';
import type { DocumentRow } from './repo.js';

/** A document as every room answers it: what it is, never its content or where it is stored. */
export function presentDocument(row: DocumentRow): CaseDocument {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    title: row.title,
    documentDate: row.documentDate,
    mediaType: row.mediaType as CaseDocument['mediaType'],
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    source: row.source,
    uploadedBy: { role: row.source, name: row.sourceName },
    recordRequestId: row.recordRequestId,
    createdAt: row.createdAt.toISOString(),
  };
}
