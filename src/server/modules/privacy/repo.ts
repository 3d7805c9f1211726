import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { dataExport, erasureLedger, privacyRequest } from './schema.js';

export type DataExportRow = typeof dataExport.$inferSelect;
export type PrivacyRequestRow = typeof privacyRequest.$inferSelect;
export type ErasureLedgerRow = typeof erasureLedger.$inferSelect;

// --- Exports -----------------------------------------------------------------------------------

/**
 * Inserts an export in `building`, unless one is building for the member already: the partial
 * unique index decides, so two requests at once (on two instances) still make one archive.
 * Returns the new row, or undefined when one was building.
 */
export async function insertBuildingExport(
  tx: Queryable,
  row: Pick<DataExportRow, 'id' | 'memberId' | 'requestedByUserId' | 'requestedAt'>,
): Promise<DataExportRow | undefined> {
  const [inserted] = await tx
    .insert(dataExport)
    .values({ ...row, status: 'building' })
    .onConflictDoNothing({ target: dataExport.memberId, where: sql`status = 'building'` })
    .returning();
  return inserted;
}

export async function findBuildingExport(
  db: Queryable,
  memberId: string,
): Promise<DataExportRow | undefined> {
  const [row] = await db
    .select()
    .from(dataExport)
    .where(and(eq(dataExport.memberId, memberId), eq(dataExport.status, 'building')));
  return row;
}

/** An export of the member's (the query names the member: another's is not found). */
export async function findExport(
  db: Queryable,
  memberId: string,
  id: string,
): Promise<DataExportRow | undefined> {
  const [row] = await db
    .select()
    .from(dataExport)
    .where(and(eq(dataExport.id, id), eq(dataExport.memberId, memberId)));
  return row;
}

export async function findExportById(db: Queryable, id: string): Promise<DataExportRow | undefined> {
  const [row] = await db.select().from(dataExport).where(eq(dataExport.id, id));
  return row;
}

/**
 * Claims an archive to build (the one named, or the oldest waiting) until `until`: one not claimed
 * or whose claim ran out. Two workers never build the same archive at once.
 */
export async function claimExportToBuild(
  db: Queryable,
  input: { id?: string; now: Date; until: Date },
): Promise<DataExportRow | undefined> {
  const result = await db.execute<{ id: string }>(sql`
    UPDATE data_export SET claimed_until = ${input.until}
    WHERE id = (
      SELECT id FROM data_export
      WHERE status = 'building' AND (claimed_until IS NULL OR claimed_until < ${input.now})
        ${input.id === undefined ? sql`` : sql`AND id = ${input.id}`}
      ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const id = result.rows[0]?.id;
  return id === undefined ? undefined : findExportById(db, id);
}

export async function listExports(db: Queryable, memberId: string, limit: number): Promise<DataExportRow[]> {
  return db
    .select()
    .from(dataExport)
    .where(eq(dataExport.memberId, memberId))
    .orderBy(desc(dataExport.requestedAt), desc(dataExport.id))
    .limit(limit);
}

export async function markExportReady(
  tx: Queryable,
  id: string,
  archive: {
    storageKey: string;
    wrappedKey: Buffer;
    sha256: string;
    sizeBytes: number;
    readyAt: Date;
    expiresAt: Date;
  },
): Promise<boolean> {
  const rows = await tx
    .update(dataExport)
    .set({ ...archive, status: 'ready' })
    .where(and(eq(dataExport.id, id), eq(dataExport.status, 'building')))
    .returning({ id: dataExport.id });
  return rows.length === 1;
}

export async function markExportFailed(tx: Queryable, id: string): Promise<void> {
  await tx
    .update(dataExport)
    .set({ status: 'failed' })
    .where(and(eq(dataExport.id, id), eq(dataExport.status, 'building')));
}

/** Ready archives past their time, claimed (another instance skips them). */
export async function claimExpiredExports(tx: Queryable, now: Date, limit: number) {
  return tx
    .select()
    .from(dataExport)
    .where(and(eq(dataExport.status, 'ready'), lte(dataExport.expiresAt, now)))
    .orderBy(asc(dataExport.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Forgets an archive's content: its key is destroyed with the row's storage columns. */
export async function markExportsExpired(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(dataExport)
    .set({ status: 'expired', storageKey: null, wrappedKey: null })
    .where(inArray(dataExport.id, ids));
}

/** The member's archives that still hold content (an erasure removes them). */
export async function exportsWithContent(tx: Queryable, memberId: string) {
  return tx
    .select({ id: dataExport.id, storageKey: dataExport.storageKey })
    .from(dataExport)
    .where(and(eq(dataExport.memberId, memberId), sql`${dataExport.storageKey} IS NOT NULL`))
    .for('update');
}

export async function ownedArchiveKeys(db: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: dataExport.storageKey })
    .from(dataExport)
    .where(inArray(dataExport.storageKey, keys));
  return new Set(rows.map((row) => row.key as string));
}

// --- Requests ----------------------------------------------------------------------------------

export async function insertRequest(tx: Queryable, row: typeof privacyRequest.$inferInsert): Promise<void> {
  await tx.insert(privacyRequest).values(row);
}

export async function findOpenRequestOfKind(
  db: Queryable,
  memberId: string,
  kind: PrivacyRequestRow['kind'],
) {
  const [row] = await db
    .select({ id: privacyRequest.id })
    .from(privacyRequest)
    .where(
      and(
        eq(privacyRequest.memberId, memberId),
        eq(privacyRequest.kind, kind),
        eq(privacyRequest.status, 'open'),
      ),
    );
  return row;
}

export async function findRequest(db: Queryable, id: string): Promise<PrivacyRequestRow | undefined> {
  const [row] = await db.select().from(privacyRequest).where(eq(privacyRequest.id, id));
  return row;
}

export async function lockRequest(tx: Queryable, id: string): Promise<PrivacyRequestRow | undefined> {
  const [row] = await tx.select().from(privacyRequest).where(eq(privacyRequest.id, id)).for('update');
  return row;
}

export async function updateRequest(
  tx: Queryable,
  id: string,
  changes: Partial<typeof privacyRequest.$inferInsert>,
): Promise<PrivacyRequestRow> {
  const [row] = await tx
    .update(privacyRequest)
    .set({ ...changes, version: sql`${privacyRequest.version} + 1` })
    .where(eq(privacyRequest.id, id))
    .returning();
  return row!;
}

export async function listRequestsOfMember(db: Queryable, memberId: string): Promise<PrivacyRequestRow[]> {
  return db
    .select()
    .from(privacyRequest)
    .where(eq(privacyRequest.memberId, memberId))
    .orderBy(desc(privacyRequest.receivedAt), desc(privacyRequest.id));
}

/**
 * The privacy officer's list: open requests first, soonest deadline first, then answered ones,
 * newest first; a page of `limit` after the cursor (`<rank>:<iso time>:<id>` of the last one).
 */
export async function listRequests(
  db: Queryable,
  input: { status: 'open' | 'answered'; limit: number; after?: { at: Date; id: string } },
): Promise<PrivacyRequestRow[]> {
  const open = input.status === 'open';
  const at = open ? privacyRequest.dueAt : privacyRequest.decidedAt;
  return db
    .select()
    .from(privacyRequest)
    .where(
      and(
        open ? eq(privacyRequest.status, 'open') : sql`${privacyRequest.status} <> 'open'`,
        input.after === undefined
          ? undefined
          : open
            ? or(gt(at, input.after.at), and(eq(at, input.after.at), gt(privacyRequest.id, input.after.id)))
            : or(lt(at, input.after.at), and(eq(at, input.after.at), lt(privacyRequest.id, input.after.id))),
      ),
    )
    .orderBy(open ? asc(at) : desc(at), open ? asc(privacyRequest.id) : desc(privacyRequest.id))
    .limit(input.limit);
}

/** Open requests whose deadline is within `before` and whose reminder for it has not gone, claimed. */
export async function claimRequestsToRemind(tx: Queryable, remindFrom: Date, limit: number) {
  return tx
    .select()
    .from(privacyRequest)
    .where(
      and(
        eq(privacyRequest.status, 'open'),
        lte(privacyRequest.dueAt, remindFrom),
        sql`${privacyRequest.remindedForDueAt} IS DISTINCT FROM ${privacyRequest.dueAt}`,
      ),
    )
    .orderBy(asc(privacyRequest.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markReminded(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(privacyRequest)
    .set({ remindedForDueAt: sql`${privacyRequest.dueAt}` })
    .where(inArray(privacyRequest.id, ids));
}

/** The requests' messages are the member's words: an erasure blanks them (the request itself stays). */
export async function eraseRequestMessages(tx: Queryable, memberId: string): Promise<void> {
  await tx.update(privacyRequest).set({ message: null }).where(eq(privacyRequest.memberId, memberId));
}

// --- The erasure ledger ------------------------------------------------------------------------

export async function insertLedgerEntry(tx: Queryable, row: ErasureLedgerRow): Promise<void> {
  await tx.insert(erasureLedger).values(row).onConflictDoNothing();
}

export async function listLedger(db: Queryable): Promise<ErasureLedgerRow[]> {
  return db.select().from(erasureLedger).orderBy(asc(erasureLedger.erasedAt), asc(erasureLedger.id));
}
