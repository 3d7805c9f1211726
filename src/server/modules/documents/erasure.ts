import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Queryable } from '../../platform/db/index.js';
import { documentBlobs } from './store.js';
import { caseDocument } from './schema.js';

/** The documents of these cases, oldest first, with what opens their content (for the member's export). */
export async function documentsOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select()
    .from(caseDocument)
    .where(inArray(caseDocument.caseId, caseIds))
    .orderBy(asc(caseDocument.caseId), asc(caseDocument.createdAt), asc(caseDocument.id));
}

/** What a crypto-shredded document's title becomes (the title may be health data). */
export const SHREDDED_TITLE = '[erased]';

/**
 * Crypto-shreds the documents of these cases, in the caller's transaction: the wrapped data key is
 * destroyed and the title blanked, and the row gives up its storage key, so the blob can never be
 * opened again. Returns the storage keys whose blobs the caller removes after commit
 * (`removeShreddedBlobs`); a blob left behind is an orphan the sweeper removes. Idempotent.
 */
export async function shredDocumentsOfCases(tx: Queryable, caseIds: string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const held = await tx
    .select({ storageKey: caseDocument.storageKey })
    .from(caseDocument)
    .where(and(inArray(caseDocument.caseId, caseIds), sql`length(${caseDocument.wrappedKey}) > 0`))
    .for('update');
  await tx
    .update(caseDocument)
    .set({
      wrappedKey: Buffer.alloc(0),
      title: SHREDDED_TITLE,
      storageKey: sql`'shredded-' || ${caseDocument.id}::text`,
    })
    .where(inArray(caseDocument.caseId, caseIds));
  return held.map((row) => row.storageKey);
}

/** Removes the blobs of shredded documents (best effort: the sweeper removes what this misses). */
export async function removeShreddedBlobs(
  config: Pick<Config, 'dataDir' | 'objectStore'>,
  storageKeys: string[],
): Promise<void> {
  const blobs = documentBlobs(config);
  for (const key of storageKeys) await blobs.delete(key).catch(() => undefined);
}

/** Whether a document was shredded (its key destroyed). */
export const isShredded = (row: { wrappedKey: Buffer }) => row.wrappedKey.length === 0;
