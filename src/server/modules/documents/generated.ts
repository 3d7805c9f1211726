import type { CaseDocument } from '../../../shared/documents.js';
import type { Queryable } from '../../platform/db/index.js';
import { presentDocument } from './present.js';
import * as repo from './repo.js';
import type { IngestedContent } from './store.js';

/**
 * Files a document the service made itself (the written report) among the case's records, in the
 * caller's transaction; the content is already stored (`ingestContent`).
 */
export async function fileGeneratedDocument(
  tx: Queryable,
  input: {
    id: string;
    caseId: string;
    kind: CaseDocument['kind'];
    title: string;
    content: IngestedContent;
    byUserId: string;
    now: Date;
  },
): Promise<CaseDocument> {
  await repo.insertDocument(tx, {
    id: input.id,
    caseId: input.caseId,
    kind: input.kind,
    source: 'system',
    title: input.title,
    documentDate: input.now.toISOString().slice(0, 10),
    mediaType: input.content.mediaType,
    sizeBytes: input.content.sizeBytes,
    sha256: input.content.sha256,
    storageKey: input.content.storageKey,
    wrappedKey: input.content.wrappedKey,
    recordRequestId: null,
    uploadedByUserId: input.byUserId,
    sourceName: null,
    createdAt: input.now,
  });
  return presentDocument((await repo.findDocument(tx, input.caseId, input.id))!);
}

/**
 * Files a document arriving from a treating provider's link among the case's records, in the
 * caller's transaction (the caller checked the link): its source is the treating provider, named.
 * The content went through the same pipeline as a member's upload (`ingestContent`: sniffed,
 * checked against the kind, capped, hashed, encrypted). Nobody of ours uploaded it.
 */
export async function fileProviderDocument(
  tx: Queryable,
  input: {
    id: string;
    caseId: string;
    kind: CaseDocument['kind'];
    title: string;
    content: IngestedContent;
    providerName: string;
    now: Date;
  },
): Promise<CaseDocument> {
  await repo.insertDocument(tx, {
    id: input.id,
    caseId: input.caseId,
    kind: input.kind,
    source: 'treating_provider',
    title: input.title,
    documentDate: null,
    mediaType: input.content.mediaType,
    sizeBytes: input.content.sizeBytes,
    sha256: input.content.sha256,
    storageKey: input.content.storageKey,
    wrappedKey: input.content.wrappedKey,
    recordRequestId: null,
    uploadedByUserId: null,
    sourceName: input.providerName,
    createdAt: input.now,
  });
  return presentDocument((await repo.findDocument(tx, input.caseId, input.id))!);
}

/**
 * The records of a case among some ids, as other rooms send them along (a referral's shared
 * records): only documents of that case come back, in the order they were filed.
 */
export async function chosenDocumentsOfCase(
  db: Queryable,
  caseId: string,
  ids: string[],
): Promise<CaseDocument[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return (await repo.listDocuments(db, caseId)).filter((row) => wanted.has(row.id)).map(presentDocument);
}
