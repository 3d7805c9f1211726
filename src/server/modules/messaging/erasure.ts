import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseMessage } from './schema.js';

/** The messages of these cases, oldest first (for the member's export). */
export async function messagesOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      id: caseMessage.id,
      caseId: caseMessage.caseId,
      authorRole: caseMessage.authorRole,
      body: caseMessage.body,
      createdAt: caseMessage.createdAt,
    })
    .from(caseMessage)
    .where(inArray(caseMessage.caseId, caseIds))
    .orderBy(asc(caseMessage.caseId), asc(caseMessage.createdAt), asc(caseMessage.id));
}

/**
 * Blanks the text of every message of these (ended) cases, in the caller's transaction: the
 * thread between member and case manager speaks of the member's health whoever wrote it. Who wrote
 * and when stay. Idempotent.
 */
export async function eraseMessagesOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.update(caseMessage).set({ body: '[erased]' }).where(inArray(caseMessage.caseId, caseIds));
}
