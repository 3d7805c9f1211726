import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseProvider, providerRecordRequest, providerUpload, recordRelease } from './schema.js';

export type ProviderRow = typeof caseProvider.$inferSelect;
export type ReleaseRow = typeof recordRelease.$inferSelect;
export type RequestRow = typeof providerRecordRequest.$inferSelect;

// --- Providers. Every query names the case: access is per case.

export async function insertProvider(tx: Queryable, row: typeof caseProvider.$inferInsert): Promise<void> {
  await tx.insert(caseProvider).values(row);
}

export function listProviders(db: Queryable, caseId: string): Promise<ProviderRow[]> {
  return db
    .select()
    .from(caseProvider)
    .where(eq(caseProvider.caseId, caseId))
    .orderBy(asc(caseProvider.createdAt), asc(caseProvider.id));
}

export async function findProvider(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<ProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(caseProvider)
    .where(and(eq(caseProvider.caseId, caseId), eq(caseProvider.id, id)));
  return row;
}

// --- Releases.

export async function insertRelease(tx: Queryable, row: typeof recordRelease.$inferInsert): Promise<void> {
  await tx.insert(recordRelease).values(row);
}

export function listReleases(db: Queryable, caseId: string): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(recordRelease)
    .where(eq(recordRelease.caseId, caseId))
    .orderBy(asc(recordRelease.signedAt), asc(recordRelease.id));
}

export async function lockRelease(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<ReleaseRow | undefined> {
  const [row] = await db
    .select()
    .from(recordRelease)
    .where(and(eq(recordRelease.caseId, caseId), eq(recordRelease.id, id)))
    .for('update');
  return row;
}

export async function findReleaseById(db: Queryable, id: string): Promise<ReleaseRow | undefined> {
  const [row] = await db.select().from(recordRelease).where(eq(recordRelease.id, id));
  return row;
}

/** The releases in force for a provider on a given day (not withdrawn, not past their date). */
export function activeReleasesFor(
  db: Queryable,
  caseId: string,
  providerId: string,
  today: string,
): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(recordRelease)
    .where(
      and(
        eq(recordRelease.caseId, caseId),
        eq(recordRelease.providerId, providerId),
        isNull(recordRelease.withdrawnAt),
        sql`${recordRelease.validUntil} >= ${today}::date`,
      ),
    )
    .orderBy(asc(recordRelease.signedAt));
}

export async function setReleaseWithdrawn(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.update(recordRelease).set({ withdrawnAt: at }).where(eq(recordRelease.id, id));
}

// --- Requests.

export async function insertRequest(
  tx: Queryable,
  row: typeof providerRecordRequest.$inferInsert,
): Promise<void> {
  await tx.insert(providerRecordRequest).values(row);
}

export async function updateRequest(
  tx: Queryable,
  id: string,
  patch: Partial<typeof providerRecordRequest.$inferInsert>,
): Promise<void> {
  await tx.update(providerRecordRequest).set(patch).where(eq(providerRecordRequest.id, id));
}

export async function findRequest(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(providerRecordRequest)
    .where(and(eq(providerRecordRequest.caseId, caseId), eq(providerRecordRequest.id, id)));
  return row;
}

export async function lockRequestById(db: Queryable, id: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(providerRecordRequest)
    .where(eq(providerRecordRequest.id, id))
    .for('update');
  return row;
}

export async function findRequestByTokenHash(db: Queryable, hash: Buffer): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(providerRecordRequest)
    .where(eq(providerRecordRequest.tokenHash, hash));
  return row;
}

export function listRequests(db: Queryable, caseId: string) {
  return db
    .select({
      request: providerRecordRequest,
      provider: { id: caseProvider.id, name: caseProvider.name, institution: caseProvider.institution },
      documentCount: sql<number>`(SELECT count(*)::int FROM ${providerUpload} WHERE ${providerUpload.requestId} = ${providerRecordRequest.id})`,
    })
    .from(providerRecordRequest)
    .innerJoin(caseProvider, eq(caseProvider.id, providerRecordRequest.providerId))
    .where(eq(providerRecordRequest.caseId, caseId))
    .orderBy(asc(providerRecordRequest.requestedAt), asc(providerRecordRequest.id));
}

/** Requests to a provider still waiting for a release (none attached, not closed). */
export function requestsAwaitingRelease(
  db: Queryable,
  caseId: string,
  providerId: string,
): Promise<RequestRow[]> {
  return db
    .select()
    .from(providerRecordRequest)
    .where(
      and(
        eq(providerRecordRequest.caseId, caseId),
        eq(providerRecordRequest.providerId, providerId),
        isNull(providerRecordRequest.releaseId),
        isNull(providerRecordRequest.closedAt),
      ),
    )
    .for('update');
}

/** The requests a release opened that are not finished or closed yet. */
export function openRequestsOfRelease(db: Queryable, releaseId: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(providerRecordRequest)
    .where(
      and(
        eq(providerRecordRequest.releaseId, releaseId),
        isNull(providerRecordRequest.finishedAt),
        isNull(providerRecordRequest.closedAt),
      ),
    )
    .for('update');
}

// --- What providers sent.

export async function insertUpload(tx: Queryable, row: typeof providerUpload.$inferInsert): Promise<void> {
  await tx.insert(providerUpload).values(row);
}

export function uploadsOfRequest(db: Queryable, requestId: string) {
  return db
    .select()
    .from(providerUpload)
    .where(eq(providerUpload.requestId, requestId))
    .orderBy(asc(providerUpload.receivedAt));
}

export async function uploadCount(db: Queryable, requestId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(providerUpload)
    .where(eq(providerUpload.requestId, requestId));
  return row?.n ?? 0;
}

// --- The collection clock: from a case's first request to the answer of its last one.

export interface CollectedCase {
  caseId: string;
  caseNumber: string;
  startedAt: Date;
  completedAt: Date;
}

/**
 * Cases whose every live request (not withdrawn or revoked) has been answered, with the first
 * request's time and the last answer's, completed since `since`.
 */
export async function collectedCases(db: Queryable, since: Date): Promise<CollectedCase[]> {
  const result = await db.execute<{
    case_id: string;
    number: string;
    started_at: Date;
    completed_at: Date;
  }>(sql`
    SELECT r.case_id, c.number, min(r.requested_at) AS started_at, max(r.finished_at) AS completed_at
    FROM provider_record_request r
    JOIN opinion_case c ON c.id = r.case_id
    WHERE r.closed_at IS NULL
    GROUP BY r.case_id, c.number
    HAVING bool_and(r.finished_at IS NOT NULL) AND max(r.finished_at) >= ${since}
    ORDER BY max(r.finished_at) DESC, r.case_id
    LIMIT 1000`);
  return result.rows.map((row) => ({
    caseId: row.case_id,
    caseNumber: row.number,
    startedAt: new Date(row.started_at),
    completedAt: new Date(row.completed_at),
  }));
}

/** Cases with a live request still unanswered. */
export async function casesCollecting(db: Queryable): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(DISTINCT case_id)::int AS n FROM provider_record_request
    WHERE closed_at IS NULL AND finished_at IS NULL`);
  return result.rows[0]?.n ?? 0;
}
