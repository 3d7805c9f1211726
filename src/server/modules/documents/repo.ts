import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseDocument, recordRequest, sharingConsent } from './schema.js';

export type DocumentRow = typeof caseDocument.$inferSelect;
export type RecordRequestRow = typeof recordRequest.$inferSelect;
export type SharingConsentRow = typeof sharingConsent.$inferSelect;

export async function insertDocument(tx: Queryable, row: typeof caseDocument.$inferInsert): Promise<void> {
  await tx.insert(caseDocument).values(row);
}

/** The documents of one case, oldest first. Every query names the case: access is per case. */
export async function listDocuments(db: Queryable, caseId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(caseDocument)
    .where(eq(caseDocument.caseId, caseId))
    .orderBy(asc(caseDocument.createdAt), asc(caseDocument.id));
}

export async function findDocument(
  db: Queryable,
  caseId: string,
  documentId: string,
): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(caseDocument)
    .where(and(eq(caseDocument.caseId, caseId), eq(caseDocument.id, documentId)));
  return row;
}

export async function documentIdsOfCase(db: Queryable, caseId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: caseDocument.id })
    .from(caseDocument)
    .where(and(eq(caseDocument.caseId, caseId), inArray(caseDocument.id, ids)));
  return rows.map((row) => row.id);
}

/** Which of these storage keys have metadata: the others are orphans. */
export async function knownStorageKeys(db: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: caseDocument.storageKey })
    .from(caseDocument)
    .where(inArray(caseDocument.storageKey, keys));
  return new Set(rows.map((row) => row.key));
}

export async function insertRecordRequest(
  tx: Queryable,
  row: typeof recordRequest.$inferInsert,
): Promise<void> {
  await tx.insert(recordRequest).values(row);
}

export async function lockRecordRequest(
  tx: Queryable,
  caseId: string,
  id: string,
): Promise<RecordRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(recordRequest)
    .where(and(eq(recordRequest.caseId, caseId), eq(recordRequest.id, id)))
    .for('update');
  return row;
}

export async function findRecordRequest(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<RecordRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(recordRequest)
    .where(and(eq(recordRequest.caseId, caseId), eq(recordRequest.id, id)));
  return row;
}

export async function markRecordRequestReceived(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.update(recordRequest).set({ status: 'received', resolvedAt: at }).where(eq(recordRequest.id, id));
}

/** The checklist: every request of the case with the (first) document that answered it. */
export async function listRecordRequests(db: Queryable, caseId: string) {
  const requests = await db
    .select()
    .from(recordRequest)
    .where(eq(recordRequest.caseId, caseId))
    .orderBy(asc(recordRequest.createdAt), asc(recordRequest.id));
  const answers = await db
    .select({
      id: caseDocument.id,
      kind: caseDocument.kind,
      createdAt: caseDocument.createdAt,
      recordRequestId: caseDocument.recordRequestId,
    })
    .from(caseDocument)
    .where(
      and(
        eq(caseDocument.caseId, caseId),
        inArray(
          caseDocument.recordRequestId,
          requests.map((request) => request.id),
        ),
      ),
    )
    .orderBy(asc(caseDocument.createdAt));
  const answerOf = new Map<string, (typeof answers)[number]>();
  for (const answer of answers) {
    if (answer.recordRequestId && !answerOf.has(answer.recordRequestId))
      answerOf.set(answer.recordRequestId, answer);
  }
  return requests.map((request) => ({ request, document: answerOf.get(request.id) ?? null }));
}

export async function insertSharingConsent(
  tx: Queryable,
  row: typeof sharingConsent.$inferInsert,
): Promise<void> {
  await tx.insert(sharingConsent).values(row);
}

export async function listSharingConsents(db: Queryable, caseId: string): Promise<SharingConsentRow[]> {
  return db
    .select()
    .from(sharingConsent)
    .where(eq(sharingConsent.caseId, caseId))
    .orderBy(desc(sharingConsent.givenAt), desc(sharingConsent.id));
}

export async function findActiveSharingConsent(
  db: Queryable,
  caseId: string,
): Promise<SharingConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(sharingConsent)
    .where(and(eq(sharingConsent.caseId, caseId), isNull(sharingConsent.withdrawnAt)))
    .orderBy(desc(sharingConsent.givenAt), desc(sharingConsent.id))
    .limit(1);
  return row;
}

export async function findSharingConsent(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<SharingConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(sharingConsent)
    .where(and(eq(sharingConsent.caseId, caseId), eq(sharingConsent.id, id)));
  return row;
}

/** Withdraws every consent of the case still in force (a new consent replaces the old one). */
export async function withdrawSharingConsents(
  tx: Queryable,
  caseId: string,
  at: Date,
  onlyId?: string,
): Promise<number> {
  const rows = await tx
    .update(sharingConsent)
    .set({ withdrawnAt: at })
    .where(
      and(
        eq(sharingConsent.caseId, caseId),
        isNull(sharingConsent.withdrawnAt),
        onlyId ? eq(sharingConsent.id, onlyId) : undefined,
      ),
    )
    .returning({ id: sharingConsent.id });
  return rows.length;
}
